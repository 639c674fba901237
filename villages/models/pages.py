"""Pages that mirror the administrative hierarchy: Root → regency → district → village."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page

from ..blocks import KeyFiguresBlock, QuickLinksBlock
from ..sections import RegisteredPageTypes
from ..tenancy.forms import TenantPageForm
from .regions import Region

# Root → regency → district → village: every village home page sits at this tree depth, in
# every language (a translated tree mirrors the original).
VILLAGE_DEPTH = 4


class PlatformPage(Page):
    """Base of every page type on the platform.

    (Page URLs of every page type, Wagtail's own included, come from the site-root index:
    see ``villages.routing``.)
    """

    # Every page form validates that the page refers only to its own village's objects.
    base_form_class = TenantPageForm

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        # Pages in moderation are published by completing the workflow, never by skipping
        # a step someone else still has to take (villages.permissions).
        from ..permissions import PlatformPagePermissionTester

        return PlatformPagePermissionTester(user, self)


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
    # Districts, then the free pages the sections allow on the portal (villages.sections).
    subpage_types = RegisteredPageTypes("portal", "villages.DistrictPage")
    template = "villages/regency_page.html"

    class Meta:
        verbose_name = _("portal kabupaten/kota")
        verbose_name_plural = _("portal kabupaten/kota")

    def get_context(self, request, *args, **kwargs):
        from villages import portal  # the service builds on these models

        context = super().get_context(request, *args, **kwargs)
        query = (request.GET.get("q") or "").strip()[: portal.MAX_FILTER_LENGTH]
        context["blocks"] = portal.section_blocks(self, request)
        context["directory"] = portal.village_directory(self, query)
        context["directory_query"] = query
        return context


class DistrictPage(RegionPage):
    """A district (kecamatan): groups its villages, shown on the regency portal."""

    parent_page_types = ["villages.RegencyPage"]
    # Villages, then the sections' pages that sum the district's villages (open data).
    subpage_types = RegisteredPageTypes("district", "villages.VillageHomePage")
    template = "villages/district_page.html"
    is_site_home = False  # a page of the portal, not a site of its own

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")

    def get_context(self, request, *args, **kwargs):
        from villages import portal  # the service builds on these models

        context = super().get_context(request, *args, **kwargs)
        context["villages"] = portal.district_villages(self)
        return context


class VillageHomePage(RegionPage):
    """A village's home page, root of that village's own site.

    Its own fields hold what only the home page has (hero, the head's welcome, key figures,
    quick links); the rest of the home page comes from the sections' content (see
    ``villages.homepage``), so an empty section never shows an empty box.
    """

    hero_image = models.ForeignKey(
        "assets.VillageImage",
        verbose_name=_("gambar utama"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Foto lebar desa, mis. balai desa atau pemandangan sawah."),
    )
    tagline = models.CharField(
        _("slogan"),
        max_length=150,
        blank=True,
        help_text=_("Satu kalimat di atas foto, mis. 'Desa wisata batik tulis Gedog'."),
    )
    head_name = models.CharField(_("nama kepala desa"), max_length=100, blank=True)
    head_photo = models.ForeignKey(
        "assets.VillageImage",
        verbose_name=_("foto kepala desa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    welcome = RichTextField(
        _("sambutan kepala desa"), blank=True, features=["bold", "italic", "link"]
    )
    key_figures = StreamField(KeyFiguresBlock(), verbose_name=_("angka penting"), blank=True)
    quick_links = StreamField(QuickLinksBlock(), verbose_name=_("tautan cepat"), blank=True)

    content_panels = [
        *RegionPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("tagline")], heading=_("Gambar utama")
        ),
        MultiFieldPanel(
            [FieldPanel("head_name"), FieldPanel("head_photo"), FieldPanel("welcome")],
            heading=_("Sambutan kepala desa"),
        ),
        FieldPanel("key_figures"),
        FieldPanel("quick_links"),
    ]
    api_fields = [
        *RegionPage.api_fields,
        APIField("hero_image", serializer=ImageRenditionField("fill-1200x630|format-webp")),
        APIField("tagline"),
        APIField("head_name"),
        APIField("head_photo", serializer=ImageRenditionField("fill-240x240|format-webp")),
        APIField("welcome"),
        APIField("key_figures"),
        APIField("quick_links"),
        APIField("village_kind"),
    ]

    parent_page_types = ["villages.DistrictPage"]
    # The registered sections' page types (villages.sections).
    subpage_types = RegisteredPageTypes("village")
    template = "villages/village_home_page.html"

    class Meta:
        verbose_name = _("beranda desa")
        verbose_name_plural = _("beranda desa")

    @property
    def village_kind(self) -> str:
        return self.region.village_kind

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from ..homepage import home_content

        context["home"] = home_content(self, request)
        return context
