"""Potential pages (potensi desa): tourism, nature, farming, culture."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from modelcluster.fields import ParentalKey

from home.blocks import BodyBlock
from maps.models import openstreetmap_url
from villages.models import PlatformPage

from ..validators import validate_latitude, validate_longitude
from .common import PhotoBase, PhotosMixin


class PotentialKind(models.TextChoices):
    TOURISM = "wisata", _("Wisata")
    NATURE = "alam", _("Alam")
    FARMING = "pertanian", _("Pertanian")
    CULTURE = "budaya", _("Budaya")
    INDUSTRY = "industri", _("Industri/UMKM")
    OTHER = "lainnya", _("Lainnya")


class PotentialPage(PhotosMixin, PlatformPage):
    """One of the village's potentials (potensi desa): a tourist spot, nature, farming…"""

    kind = models.CharField(
        _("jenis potensi"),
        max_length=20,
        choices=PotentialKind.choices,
        default=PotentialKind.TOURISM,
    )
    intro = models.TextField(_("ringkasan"), blank=True, max_length=500)
    location = models.CharField(
        _("lokasi"),
        max_length=250,
        blank=True,
        help_text=_("Misalnya: Dusun Krajan, 2 km di utara balai desa."),
    )
    latitude = models.DecimalField(
        _("garis lintang"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[validate_latitude],
        help_text=_("Opsional, misalnya -6.897000."),
    )
    longitude = models.DecimalField(
        _("garis bujur"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[validate_longitude],
        help_text=_("Opsional, misalnya 112.064000."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("isi"), blank=True)
    contact = models.TextField(
        _("kontak"),
        blank=True,
        max_length=500,
        help_text=_("Nama pengelola dan nomor telepon yang boleh dihubungi pengunjung."),
    )

    content_panels = [
        *PlatformPage.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("location"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Lokasi"),
        ),
        InlinePanel("photos", label=_("foto")),
        FieldPanel("body"),
        FieldPanel("contact"),
    ]
    search_fields = [
        *PlatformPage.search_fields,
        index.SearchField("intro"),
        index.SearchField("location"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("kind_label"),
        APIField("intro"),
        APIField("location"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("body"),
        APIField("contact"),
        APIField("photos"),
    ]

    parent_page_types = ["products.ProductIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("potensi desa")
        verbose_name_plural = _("potensi desa")

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            message = _("Isi garis lintang dan garis bujur sekaligus, atau kosongkan keduanya.")
            missing = "latitude" if self.latitude is None else "longitude"
            raise ValidationError({missing: message})

    @property
    def kind_label(self) -> str:
        return str(self.get_kind_display())

    @property
    def map_url(self) -> str:
        """A link to the spot on OpenStreetMap (a link only: the page loads nothing from it)."""
        if self.latitude is None or self.longitude is None:
            return ""
        return openstreetmap_url(self.latitude, self.longitude, zoom=16)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["photos"] = self.photos.select_related("image")
        return context


class PotentialPhoto(PhotoBase):
    page = ParentalKey(PotentialPage, on_delete=models.CASCADE, related_name="photos")

    class Meta(PhotoBase.Meta):
        verbose_name = _("foto potensi")
        verbose_name_plural = _("foto potensi")
