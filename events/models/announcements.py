"""Announcements: listed until their expiry date (village time), then kept in an archive."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import BodyBlock
from villages.models import PlatformPage
from villages.tenancy.forms import TenantPageForm
from villages.timezones import local_today, timezone_for_page

from .base import (
    DocumentLinkField,
    VillageClockField,
    VillageClockMixin,
    long_date,
    page_links,
    reserved_slug_error,
    share_timezone,
)

ANNOUNCEMENTS_PER_PAGE = 10
# Sub-page route of the index; a child page with the same slug could never be opened.
ANNOUNCEMENT_ROUTES = {"arsip"}


class AnnouncementQuerySet(PageQuerySet):
    def current_on(self, today: datetime.date):
        """Announcements still valid on ``today``: important ones first, then newest."""
        return (
            self.live()
            .public()
            .filter(expiry_date__gte=today)
            .order_by("-is_important", "-date", "-pk")
        )

    def expired_on(self, today: datetime.date):
        """Announcements whose last day was before ``today``, most recently expired first."""
        return self.live().public().filter(expiry_date__lt=today).order_by("-expiry_date", "-pk")


class AnnouncementIndexPage(RoutablePageMixin, VillageClockMixin, PlatformPage):
    """The village's announcements (/pengumuman/): current ones, and an archive of the rest."""

    intro = models.TextField(_("ringkasan"), blank=True, max_length=500)

    content_panels = [*PlatformPage.content_panels, FieldPanel("intro")]
    search_fields = [*PlatformPage.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types = ["events.AnnouncementPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("indeks pengumuman")
        verbose_name_plural = _("indeks pengumuman")

    def current_announcements(self, today: datetime.date):
        return AnnouncementPage.objects.child_of(self).current_on(today)

    def expired_announcements(self, today: datetime.date):
        return AnnouncementPage.objects.child_of(self).expired_on(today)

    def get_context(self, request, *args, archive: bool = False, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = self.village_today()
        items = self.expired_announcements(today) if archive else self.current_announcements(today)
        page_obj = Paginator(items, ANNOUNCEMENTS_PER_PAGE).get_page(request.GET.get("page"))
        share_timezone(page_obj, self.village_timezone)
        url = self.get_url(request)
        context.update(
            announcements=page_obj,
            pagination=page_links(request, page_obj),
            archive=archive,
            today=today,
            index_url=url,
            archive_url=url + self.reverse_subpage("archive"),
        )
        return context

    @path("arsip/", name="archive")
    def archive(self, request):
        """Expired announcements, newest first (they stay readable, marked as expired)."""
        return self.render(request, archive=True)


class AnnouncementPageForm(TenantPageForm):
    """A new announcement starts dated today in the village's own time zone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and self.parent_page is not None and "date" in self.fields:
            self.initial["date"] = local_today(timezone_for_page(self.parent_page))


class AnnouncementPage(VillageClockMixin, PlatformPage):
    """One announcement, listed until its expiry date and archived afterwards."""

    date = models.DateField(_("tanggal terbit"), default=timezone.localdate)
    expiry_date = models.DateField(
        _("berlaku sampai"),
        help_text=_(
            "Hari terakhir pengumuman tampil di daftar pengumuman. Sesudah tanggal ini "
            "pengumuman pindah ke arsip."
        ),
    )
    is_important = models.BooleanField(
        _("penting"),
        default=False,
        help_text=_("Pengumuman penting tampil paling atas dengan tanda “Penting”."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("isi"), blank=True)
    attachment = models.ForeignKey(
        "assets.VillageDocument",
        verbose_name=_("lampiran"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Mis. surat edaran atau jadwal dalam bentuk PDF."),
    )

    objects = PageManager.from_queryset(AnnouncementQuerySet)()

    content_panels = [
        *PlatformPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("expiry_date")]),
                FieldPanel("is_important"),
            ],
            heading=_("Masa berlaku"),
        ),
        FieldPanel("body"),
        FieldPanel("attachment"),
    ]
    search_fields = [
        *PlatformPage.search_fields,
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("expiry_date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("expiry_date"),
        APIField("is_important"),
        APIField("body"),
        APIField("attachment", serializer=DocumentLinkField()),
        APIField("is_current", serializer=VillageClockField("is_current")),
    ]

    base_form_class = AnnouncementPageForm
    parent_page_types = ["events.AnnouncementIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("pengumuman")
        verbose_name_plural = _("pengumuman")

    def clean(self):
        super().clean()
        errors = {}
        if error := reserved_slug_error(self.slug, ANNOUNCEMENT_ROUTES):
            errors["slug"] = error
        if self.date and self.expiry_date and self.expiry_date < self.date:
            errors["expiry_date"] = ValidationError(
                _(
                    "Tanggal berlaku sampai (%(expiry)s) tidak boleh sebelum tanggal terbit "
                    "(%(date)s)."
                ),
                code="expiry_before_date",
                params={"expiry": long_date(self.expiry_date), "date": long_date(self.date)},
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_current(self) -> bool:
        """Still valid today (the expiry day itself included) in the village's time zone."""
        return self.expiry_date >= self.village_today()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["is_current"] = self.is_current
        return context
