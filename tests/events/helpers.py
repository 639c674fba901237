"""Builders for announcement and event pages in a test village."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify

from events.models import AgendaIndexPage, AnnouncementIndexPage, AnnouncementPage, EventPage

# The local date of both WIB and WITA villages at the conftest's FIXED_NOW.
TODAY = datetime.date(2026, 11, 20)


def days(n: int) -> datetime.date:
    """``n`` days from TODAY (negative: before)."""
    return TODAY + datetime.timedelta(days=n)


def announcement_index(tenant) -> AnnouncementIndexPage:
    return tenant.page.get_children().get(slug="pengumuman").specific


def agenda_index(tenant) -> AgendaIndexPage:
    return tenant.page.get_children().get(slug="agenda").specific


def announce(tenant, title, *, date=None, expiry=None, publish=True, **fields):
    """An announcement (published by default), dated TODAY and valid 7 days unless told."""
    page = AnnouncementPage(
        title=title,
        slug=slugify(title),
        date=date or TODAY,
        expiry_date=expiry or days(7),
        live=publish,
        **fields,
    )
    announcement_index(tenant).add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def schedule(tenant, title, *, start_date, publish=True, **fields):
    """An event of ``tenant``'s agenda (published by default)."""
    fields.setdefault("location_name", "Balai Desa")
    page = EventPage(
        title=title, slug=slugify(title), start_date=start_date, live=publish, **fields
    )
    agenda_index(tenant).add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def queries_for(client, tenant, path) -> int:
    """The queries one public request for ``path`` on ``tenant``'s site costs."""
    client.get(path, HTTP_HOST=tenant.host)  # warm the per-process site index first
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, HTTP_HOST=tenant.host)
    assert response.status_code == 200
    return len(context)


def zone_lookups(captured_queries) -> list[dict]:
    """The captured queries that look up a village's time zone (``timezone_for_page``).

    Matched on the region code it selects: the site lookup of every request joins the
    region table too, and is no zone lookup.
    """
    return [q for q in captured_queries if '"region__code"' in q["sql"]]
