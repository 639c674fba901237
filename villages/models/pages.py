"""Pages that mirror the administrative hierarchy: Root → regency → district → village."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page

from .regions import Region


class PlatformPage(Page):
    """Base of every page type on the platform.

    (Page URLs of every page type, Wagtail's own included, come from the site-root index:
    see ``villages.routing``.)
    """

    class Meta:
        abstract = True


class RegionPage(PlatformPage):
    """A page that stands for a region. Only provisioning creates these."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    intro = RichTextField(
        _("pengantar"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    api_fields = [
        APIField("intro"),
        APIField("region_code"),
        APIField("region_name"),
    ]

    is_creatable = False
    # Region pages are the home pages of their sites (portal or village): the browser title
    # is then just the site's name.
    is_site_home = True

    class Meta:
        abstract = True

    @property
    def region_code(self) -> str:
        return self.region.code

    @property
    def region_name(self) -> str:
        return self.region.name


class RegencyPage(RegionPage):
    """The regency portal (kabupaten/kota); the root of the portal site."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["villages.DistrictPage", "home.StandardPage"]
    template = "villages/regency_page.html"

    class Meta:
        verbose_name = _("portal kabupaten/kota")
        verbose_name_plural = _("portal kabupaten/kota")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["districts"] = DistrictPage.objects.child_of(self).live().public().order_by("title")
        return context


class DistrictPage(RegionPage):
    """A district (kecamatan): groups its villages, shown on the regency portal."""

    parent_page_types = ["villages.RegencyPage"]
    subpage_types = ["villages.VillageHomePage"]
    template = "villages/district_page.html"
    is_site_home = False  # a page of the portal, not a site of its own

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["villages"] = (
            VillageHomePage.objects.child_of(self).live().public().order_by("title")
        )
        return context


class VillageHomePage(RegionPage):
    """A village's home page, root of that village's own site."""

    welcome = RichTextField(
        _("sambutan kepala desa"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*RegionPage.content_panels, FieldPanel("welcome")]
    api_fields = [*RegionPage.api_fields, APIField("welcome"), APIField("village_kind")]

    parent_page_types = ["villages.DistrictPage"]
    subpage_types = [
        "home.StandardPage",
        "home.ProfilePage",
        "home.ContactPage",
        "government.GovernmentIndexPage",
        "news.NewsIndexPage",
        "events.AnnouncementIndexPage",
        "events.AgendaIndexPage",
        "gallery.GalleryIndexPage",
        "publications.DocumentIndexPage",
        "products.ProductIndexPage",
        "maps.MapPage",
    ]
    template = "villages/village_home_page.html"

    class Meta:
        verbose_name = _("beranda desa")
        verbose_name_plural = _("beranda desa")

    @property
    def village_kind(self) -> str:
        return self.region.village_kind

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().in_menu()
        return context
