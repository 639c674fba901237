"""The agenda: events with date, time and place, listed and published as iCalendar."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import BodyBlock
from villages.models import PlatformPage

from ..ical import agenda_calendar, event_calendar, ical_response
from .base import (
    VillageClockField,
    VillageClockMixin,
    long_date,
    page_links,
    reserved_slug_error,
    share_timezone,
)

EVENTS_PER_PAGE = 10
IMAGE_RENDITION = "fill-800x450|format-webp"
# The feed holds every upcoming event and those of the last three months: enough for a
# calendar app, small enough for a phone on a weak connection.
FEED_PAST_DAYS = 90
FEED_MAX_EVENTS = 200
# Sub-page route of the index; a child page with the same slug could never be opened.
AGENDA_ROUTES = {"ical"}


class EventQuerySet(PageQuerySet):
    def with_last_day(self):
        # An event without an end date lasts one day.
        return self.live().public().annotate(last_day=Coalesce("end_date", "start_date"))

    def upcoming_from(self, today: datetime.date):
        """Events not over before ``today`` (running ones included), soonest first."""
        return (
            self.with_last_day()
            .filter(last_day__gte=today)
            .order_by("start_date", F("start_time").asc(nulls_first=True), "pk")
        )

    def past_before(self, today: datetime.date):
        """Events over before ``today``, most recent first."""
        return (
            self.with_last_day()
            .filter(last_day__lt=today)
            .order_by("-start_date", F("start_time").desc(nulls_last=True), "-pk")
        )


class AgendaIndexPage(RoutablePageMixin, VillageClockMixin, PlatformPage):
    """The village's agenda (/agenda/): upcoming and past events, and an iCalendar feed."""

    intro = models.TextField(_("ringkasan"), blank=True, max_length=500)

    content_panels = [*PlatformPage.content_panels, FieldPanel("intro")]
    search_fields = [*PlatformPage.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("indeks agenda")
        verbose_name_plural = _("indeks agenda")

    def upcoming_events(self, today: datetime.date):
        return EventPage.objects.child_of(self).upcoming_from(today)

    def past_events(self, today: datetime.date):
        return EventPage.objects.child_of(self).past_before(today)

    def feed_events(self, today: datetime.date) -> list[EventPage]:
        """What the iCalendar feed holds: upcoming events and those of the recent past."""
        since = today - datetime.timedelta(days=FEED_PAST_DAYS)
        events = list(EventPage.objects.child_of(self).upcoming_from(since)[:FEED_MAX_EVENTS])
        share_timezone(events, self.village_timezone)
        return events

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = self.village_today()
        upcoming = Paginator(self.upcoming_events(today), EVENTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        past = Paginator(self.past_events(today), EVENTS_PER_PAGE).get_page(request.GET.get("lalu"))
        share_timezone([*upcoming, *past], self.village_timezone)
        context.update(
            upcoming=upcoming,
            upcoming_pagination=page_links(request, upcoming, "page"),
            past=past,
            past_pagination=page_links(request, past, "lalu"),
            today=today,
            ical_url=self.get_url(request) + self.reverse_subpage("ical_feed"),
        )
        return context

    @path("ical/", name="ical_feed")
    def ical_feed(self, request):
        """The village's events as an iCalendar file calendar apps can subscribe to."""
        calendar = agenda_calendar(self, self.feed_events(self.village_today()), request)
        return ical_response(calendar, filename="agenda.ics", as_attachment=False)


class EventPage(RoutablePageMixin, VillageClockMixin, PlatformPage):
    """One event of the agenda: when, where, who organises it, and what it is about."""

    start_date = models.DateField(_("tanggal mulai"))
    start_time = models.TimeField(
        _("jam mulai"),
        null=True,
        blank=True,
        help_text=_("Kosongkan bila acara berlangsung sepanjang hari."),
    )
    end_date = models.DateField(
        _("tanggal selesai"),
        null=True,
        blank=True,
        help_text=_("Kosongkan bila acara selesai pada hari yang sama."),
    )
    end_time = models.TimeField(_("jam selesai"), null=True, blank=True)
    location_name = models.CharField(
        _("tempat"), max_length=150, help_text=_("Mis. Balai Desa atau Lapangan Dusun Krajan.")
    )
    location_address = models.CharField(
        _("alamat"),
        max_length=255,
        blank=True,
        help_text=_("Mis. Jl. Raya Jatirogo No. 5, RT 02/RW 01."),
    )
    organiser = models.CharField(
        _("penyelenggara"),
        max_length=150,
        blank=True,
        help_text=_("Mis. Pemerintah Desa, TP PKK, Karang Taruna."),
    )
    image = models.ForeignKey(
        "assets.VillageImage",
        verbose_name=_("gambar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = models.TextField(_("ringkasan"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("keterangan"), blank=True)

    objects = PageManager.from_queryset(EventQuerySet)()

    content_panels = [
        *PlatformPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
            ],
            heading=_("Waktu (waktu setempat desa: WIB, WITA atau WIT)"),
        ),
        MultiFieldPanel(
            [FieldPanel("location_name"), FieldPanel("location_address")], heading=_("Tempat")
        ),
        FieldPanel("organiser"),
        FieldPanel("image"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *PlatformPage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("location_name"),
        index.SearchField("location_address"),
        index.SearchField("organiser"),
        index.FilterField("start_date"),
    ]
    api_fields = [
        APIField("start_date"),
        APIField("start_time"),
        APIField("end_date"),
        APIField("end_time"),
        APIField("is_all_day"),
        APIField("time_zone", serializer=VillageClockField("time_zone")),
        APIField("location_name"),
        APIField("location_address"),
        APIField("organiser"),
        APIField("image", serializer=ImageRenditionField(IMAGE_RENDITION)),
        APIField("intro"),
        APIField("body"),
    ]

    parent_page_types = ["events.AgendaIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda")

    def clean(self):
        super().clean()
        errors = {}
        if error := reserved_slug_error(self.slug, AGENDA_ROUTES):
            errors["slug"] = error
        if self.end_time and not self.start_time:
            errors["end_time"] = ValidationError(
                _(
                    "Jam selesai hanya diisi bila jam mulai juga diisi. Untuk acara sepanjang "
                    "hari, kosongkan keduanya."
                ),
                code="end_time_without_start_time",
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = ValidationError(
                _("Tanggal selesai (%(end)s) tidak boleh sebelum tanggal mulai (%(start)s)."),
                code="end_before_start",
                params={"end": long_date(self.end_date), "start": long_date(self.start_date)},
            )
        elif (
            self.start_time
            and self.end_time
            and self.last_date == self.start_date
            and self.end_time < self.start_time
        ):
            errors["end_time"] = ValidationError(
                _(
                    "Jam selesai (%(end)s) tidak boleh sebelum jam mulai (%(start)s) pada "
                    "hari yang sama."
                ),
                code="end_before_start",
                params={
                    "end": self.end_time.strftime("%H.%M"),
                    "start": self.start_time.strftime("%H.%M"),
                },
            )
        if errors:
            raise ValidationError(errors)

    # -- when, in the village's time zone ------------------------------------------------

    @property
    def is_all_day(self) -> bool:
        return self.start_time is None

    @property
    def last_date(self) -> datetime.date | None:
        return self.end_date or self.start_date

    @property
    def ends_other_day(self) -> bool:
        return self.end_date is not None and self.end_date != self.start_date

    @property
    def has_end(self) -> bool:
        """Whether an end worth showing was given (another day, or an end time)."""
        return self.ends_other_day or (self.end_time is not None and not self.is_all_day)

    def _local(self, day: datetime.date, time: datetime.time) -> datetime.datetime:
        return datetime.datetime.combine(day, time, tzinfo=self.village_timezone)

    @property
    def start(self) -> datetime.date | datetime.datetime:
        """The start: a date for all-day events, else an aware datetime in the village zone."""
        if self.is_all_day:
            return self.start_date
        return self._local(self.start_date, self.start_time)

    @property
    def end(self) -> datetime.date | datetime.datetime | None:
        """The end, exclusive as in iCalendar; None for a timed event without an end.

        An all-day event ends the day after its last day; a timed event ending on a later
        day without an end time runs to the end of that day.
        """
        if self.is_all_day:
            return self.last_date + datetime.timedelta(days=1)
        if self.end_time is not None:
            return self._local(self.last_date, self.end_time)
        if self.ends_other_day:
            return self._local(self.end_date + datetime.timedelta(days=1), datetime.time.min)
        return None

    @property
    def start_iso(self) -> str:
        """For ``<time datetime>``: "2026-12-01" or "2026-12-01T08:00+08:00"."""
        start = self.start
        if isinstance(start, datetime.datetime):
            return start.isoformat(timespec="minutes")
        return start.isoformat()

    @property
    def end_iso(self) -> str:
        if self.end_time is not None and not self.is_all_day:
            return self._local(self.last_date, self.end_time).isoformat(timespec="minutes")
        return self.last_date.isoformat()

    def is_past(self, today: datetime.date | None = None) -> bool:
        return self.last_date < (today or self.village_today())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["is_past"] = self.is_past()
        context["ical_url"] = self.get_url(request) + self.reverse_subpage("ical")
        return context

    @path("ical/", name="ical")
    def ical(self, request):
        """This event alone as an .ics file, to save it in a phone's calendar."""
        return ical_response(
            event_calendar(self, request), filename=f"{self.slug}.ics", as_attachment=True
        )
