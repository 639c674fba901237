"""Village agenda (events with an iCalendar feed) and announcements with an expiry date.

Dates and times are the village's local time (WIB, WITA or WIT, see ``villages.timezones``):
"today" decides which announcements are still current and which events are upcoming.
"""

from .agenda import AgendaIndexPage, EventPage
from .announcements import AnnouncementIndexPage, AnnouncementPage
from .base import VillageClockMixin, share_timezone

__all__ = [
    "AgendaIndexPage",
    "AnnouncementIndexPage",
    "AnnouncementPage",
    "EventPage",
    "VillageClockMixin",
    "share_timezone",
]
