"""Agenda and announcement queries other parts of the site reuse (the village home page).

Each function costs one query, plus one the first time if ``village_page.region`` is not
loaded yet (its code gives the village's time zone, and so its "today").
"""

from __future__ import annotations

from villages.timezones import local_today, timezone_for_village

from .models import AnnouncementPage, EventPage, share_timezone


def current_announcements(village_page, limit: int = 3) -> list[AnnouncementPage]:
    """The village's announcements still valid today (local date): important first, newest."""
    zone = timezone_for_village(village_page)
    announcements = list(
        AnnouncementPage.objects.descendant_of(village_page).current_on(local_today(zone))[:limit]
    )
    share_timezone(announcements, zone)
    return announcements


def upcoming_events(village_page, limit: int = 3) -> list[EventPage]:
    """The village's next events from today (local date) on, running ones included."""
    zone = timezone_for_village(village_page)
    events = list(
        EventPage.objects.descendant_of(village_page)
        .upcoming_from(local_today(zone))
        .select_related("image")[:limit]
    )
    share_timezone(events, zone)
    return events
