"""iCalendar (RFC 5545) files of village events: the agenda feed and one event's .ics.

Times are written in the village's zone (``DTSTART;TZID=Asia/Makassar:...``) with a VTIMEZONE
for it, so calendar apps show them right wherever the reader is; all-day events are DATE
values with an exclusive end, as the standard asks.
"""

from __future__ import annotations

import datetime
import html
import re

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from wagtail.models import Site

import icalendar

PRODID = "-//Desa Platform//Agenda Desa//ID"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# Line breaks of rich text that should survive as line breaks in plain text.
BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)


def rich_text_to_plain(source: str) -> str:
    return html.unescape(strip_tags(BLOCK_END.sub("\n", source))).strip()


def body_plain_text(stream_value) -> str:
    """The text of a ``BodyBlock`` stream, without markup and without touching the database.

    Reads the raw block data: converting the stream would load its images, one query per
    event in a feed.
    """
    parts = []
    for block in stream_value.raw_data:
        value = block.get("value")
        if block.get("type") == "paragraph":
            parts.append(rich_text_to_plain(value or ""))
        elif block.get("type") in ("heading", "quote") and isinstance(value, str):
            parts.append(value.strip())
    return "\n\n".join(part for part in parts if part)


def event_description(event) -> str:
    parts = [event.intro.strip(), body_plain_text(event.body)]
    if event.organiser:
        parts.append(_("Penyelenggara: %(organiser)s") % {"organiser": event.organiser})
    return "\n\n".join(part for part in parts if part)


def site_hostname(page, request) -> str:
    site = Site.find_for_request(request) or page.get_site()
    return site.hostname


def event_component(event, *, hostname: str, request) -> icalendar.Event:
    """One VEVENT; its UID stays the same as long as the page and the site's host do."""
    component = icalendar.Event()
    component.add("uid", f"agenda-{event.pk}@{hostname}")
    # For a published calendar (no METHOD), DTSTAMP is when the event was last revised.
    revised = event.last_published_at or timezone.now()
    component.add("dtstamp", revised.astimezone(datetime.UTC))
    component.add("last-modified", revised.astimezone(datetime.UTC))
    component.add("summary", event.title)
    component.add("dtstart", event.start)
    if event.end is not None:
        component.add("dtend", event.end)
    location = ", ".join(part for part in (event.location_name, event.location_address) if part)
    if location:
        component.add("location", location)
    if description := event_description(event):
        component.add("description", description)
    component.add("url", event.get_full_url(request))
    return component


def build_calendar(events, *, name: str, zone, hostname: str, request) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    # The de-facto names Google, Apple and Outlook read for a subscribed calendar.
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", zone.key)
    for event in events:
        calendar.add_component(event_component(event, hostname=hostname, request=request))
    # A VTIMEZONE for each zone the events use (one: the village's).
    calendar.add_missing_timezones()
    return calendar


def village_name(page, request) -> str:
    site = Site.find_for_request(request)
    return site.root_page.title if site else ""


def agenda_calendar(index_page, events, request) -> icalendar.Calendar:
    """The calendar of a village's agenda: ``events`` (already chosen) of ``index_page``."""
    home = village_name(index_page, request)
    return build_calendar(
        events,
        name=f"{index_page.title} · {home}" if home else index_page.title,
        zone=index_page.village_timezone,
        hostname=site_hostname(index_page, request),
        request=request,
    )


def event_calendar(event, request) -> icalendar.Calendar:
    """A calendar holding one event (the .ics a reader saves to their phone)."""
    return build_calendar(
        [event],
        name=event.title,
        zone=event.village_timezone,
        hostname=site_hostname(event, request),
        request=request,
    )


def ical_response(calendar: icalendar.Calendar, *, filename: str, as_attachment: bool):
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    return response
