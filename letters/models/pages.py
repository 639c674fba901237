"""``/layanan/`` on every village site: the letters the village serves, their request forms
and the status page. The views live in ``letters.public``; the page holds the operator's
introduction."""

from __future__ import annotations

from functools import cached_property

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from villages.models import PlatformPage


class LetterServicePage(RoutablePageMixin, PlatformPage):
    parent_page_types = ["villages.VillageHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "letters/service_page.html"

    intro = RichTextField(
        _("pengantar"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Misalnya jam pelayanan dan tempat mengambil surat."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # The API shows the introduction only; requests are never in it.
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("halaman layanan surat")
        verbose_name_plural = _("halaman layanan surat")

    @cached_property
    def region(self):
        parent = self.get_parent()
        return parent.specific_class.objects.select_related("region").get(pk=parent.pk).region

    @path("")
    def index_route(self, request):
        from letters import public

        return public.index(self, request)

    @path("status/")
    def status_route(self, request):
        from letters import public

        return public.status(self, request)

    @re_path(r"^(?P<letter_type>[a-z0-9-]{1,40})/$")
    def form_route(self, request, letter_type):
        from letters import public

        return public.request_form(self, request, letter_type)
