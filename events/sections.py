"""The announcements (/pengumuman/) and the agenda (/agenda/) as they register with
``villages.sections``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from villages.sections import Block, Provision, Section

from . import demo
from .services import current_announcements, upcoming_events

HOME_ITEMS = 3


def home_announcements(village_page, request):
    announcements = current_announcements(village_page, limit=HOME_ITEMS)
    return {"announcements": announcements} if announcements else None


def home_events(village_page, request):
    events = upcoming_events(village_page, limit=HOME_ITEMS)
    return {"events": events} if events else None


ANNOUNCEMENTS = Section(
    slug="pengumuman",
    page_model="events.AnnouncementIndexPage",
    order=40,
    provision=Provision(_("Pengumuman")),
    # Announcements open the home page, before the head's welcome.
    home_block=Block("events/includes/home_announcements.html", home_announcements, order=10),
    demo=demo.populate,  # fills the agenda too
)
AGENDA = Section(
    slug="agenda",
    page_model="events.AgendaIndexPage",
    order=50,
    provision=Provision(_("Agenda")),
    home_block=Block("events/includes/home_events.html", home_events, order=50),
)
