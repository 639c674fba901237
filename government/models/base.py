"""Abstract pieces shared by the government models: an official's fields, a phone contact."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable

from villages.phone import (
    normalize_whatsapp,
    tel_url,
    validate_phone,
    validate_whatsapp,
    whatsapp_url,
)

from ..validators import validate_year

# Portraits are cut 3:4, logos are never cropped, other pictures are 16:9.
PORTRAIT_RENDITION = "fill-300x400|format-webp"
LOGO_RENDITION = "max-400x400|format-webp"
PHOTO_RENDITION = "fill-800x450|format-webp"


class PhoneContact(models.Model):
    """A public office phone and WhatsApp number; WhatsApp is stored as ``628…``."""

    phone = models.CharField(
        _("telepon"),
        max_length=32,
        blank=True,
        validators=[validate_phone],
        help_text=_("Nomor kantor, misalnya (0356) 321456."),
    )
    whatsapp = models.CharField(
        _("WhatsApp"),
        max_length=32,
        blank=True,
        validators=[validate_whatsapp],
        help_text=_("Nomor HP untuk WhatsApp, misalnya 0812 3456 7890."),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        # Stored as 628… so that wa.me links and the API get one form whatever was typed.
        self.whatsapp = normalize_whatsapp(self.whatsapp)

    @property
    def phone_uri(self) -> str:
        return tel_url(self.phone)

    @property
    def whatsapp_url(self) -> str:
        return whatsapp_url(self.whatsapp)


class OfficialBase(Orderable):
    """A person holding a position, for a period of years.

    Deliberately without personal data (NIK, birth date, home address, private phone): the
    page is public, and the village only has to publish who holds which office.
    """

    name = models.CharField(_("nama"), max_length=120)
    position = models.CharField(
        _("jabatan"),
        max_length=120,
        help_text=_("Misalnya Kepala Desa, Sekretaris Desa, Ketua, Bendahara."),
    )
    photo = models.ForeignKey(
        "assets.VillageImage",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    period_start = models.PositiveSmallIntegerField(
        _("mulai menjabat (tahun)"), validators=[validate_year]
    )
    period_end = models.PositiveSmallIntegerField(
        _("akhir masa jabatan (tahun)"),
        null=True,
        blank=True,
        validators=[validate_year],
        help_text=_("Kosongkan bila sedang menjabat."),
    )
    description = models.TextField(
        _("keterangan singkat"),
        max_length=300,
        blank=True,
        help_text=_(
            "Tugas atau catatan singkat. Jangan tulis data pribadi (NIK, tanggal lahir, "
            "alamat rumah, nomor HP pribadi)."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("position"),
        FieldPanel("photo"),
        FieldPanel("period_start"),
        FieldPanel("period_end"),
        FieldPanel("description"),
    ]
    api_fields = [
        APIField("name"),
        APIField("position"),
        APIField("photo", serializer=ImageRenditionField(PORTRAIT_RENDITION)),
        APIField("period_start"),
        APIField("period_end"),
        APIField("description"),
    ]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self) -> str:
        return f"{self.name} ({self.position})"

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("Tahun akhir jabatan tidak boleh sebelum tahun mulai menjabat.")}
            )

    @property
    def is_serving(self) -> bool:
        """In office this year: no end year given, or the end year not yet passed."""
        return self.period_end is None or self.period_end >= timezone.localdate().year


def split_serving(officials) -> tuple[list, list]:
    """Officials in office and former officials, each in the operators' order."""
    serving, former = [], []
    for official in officials:
        (serving if official.is_serving else former).append(official)
    return serving, former


def officials_with_photos(relation):
    """An inline officials relation with photos and their renditions loaded in two queries."""
    return relation.all().select_related("photo").prefetch_related("photo__renditions")
