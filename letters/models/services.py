"""How a regency and its villages run the letter service.

- ``RegencyLetterSettings``: the regency's official format: letterhead, numbering format,
  numbering per type or not, paper size, and the types a new village serves.
- ``LetterTemplate``: the regency's wording of one letter type, with placeholders
  (``letters.wording``), never code.
- ``VillageLetterService``: the types one village serves and who signs. A village without
  a row serves the regency's default set, signed by the "Kepala Desa": the service works
  on the day a village is provisioned, with no row written for it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_FORMAT = "{kode_klasifikasi}/{nomor:03}/{kode_desa}/{bulan_romawi}/{tahun}"
DEFAULT_LETTERHEAD = (
    "Pemerintah {{ kabupaten }}\nKecamatan {{ kecamatan }}\n{{ sebutan_desa }} {{ desa }}"
)
DEFAULT_SIGNATURE = "{{ desa }}, {{ tanggal }}\n{{ jabatan }} {{ desa }}"


def valid_number_format(value: str) -> None:
    from ..numbering import validate_number_format  # it imports these models

    validate_number_format(value)


class Paper(models.TextChoices):
    A4 = "A4", _("A4 (210 × 297 mm)")
    F4 = "F4", _("F4 (215 × 330 mm)")


class RegencyLetterSettings(models.Model):
    regency = models.OneToOneField(
        "villages.Region",
        verbose_name=_("kabupaten"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    letterhead = models.TextField(
        _("kop surat"),
        default=DEFAULT_LETTERHEAD,
        help_text=_(
            "Satu baris per baris kop. Isian yang boleh: {{ kabupaten }}, {{ kecamatan }}, "
            "{{ desa }}. Logo diambil dari logo situs kabupaten."
        ),
    )
    signature_block = models.TextField(
        _("blok tanda tangan"),
        default=DEFAULT_SIGNATURE,
        help_text=_(
            "Baris di atas tanda tangan; nama penanda tangan dicetak di bawahnya. Isian: "
            "{{ desa }}, {{ tanggal }}, {{ jabatan }}, {{ kecamatan }}, {{ kabupaten }}."
        ),
    )
    number_format = models.CharField(
        _("format nomor surat"),
        max_length=120,
        default=DEFAULT_FORMAT,
        validators=[valid_number_format],
        help_text=_(
            "Isian: {kode_klasifikasi}, {nomor}, {nomor:03} (tiga angka), {kode_desa}, "
            "{bulan_romawi}, {bulan}, {tahun}."
        ),
    )
    number_per_type = models.BooleanField(
        _("nomor urut per jenis surat"),
        default=False,
        help_text=_("Jika dicentang, setiap jenis surat punya urutan nomornya sendiri."),
    )
    paper = models.CharField(_("ukuran kertas"), max_length=2, choices=Paper.choices, default="A4")
    default_types = models.JSONField(
        _("jenis surat bawaan desa baru"),
        default=list,
        blank=True,
        help_text=_("Kosong berarti semua jenis surat standar."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("pengaturan surat kabupaten")
        verbose_name_plural = _("pengaturan surat kabupaten")

    def __str__(self):
        return str(_("Pengaturan surat"))


class LetterTemplate(models.Model):
    regency = models.ForeignKey(
        "villages.Region",
        verbose_name=_("kabupaten"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    letter_type = models.CharField(_("jenis surat"), max_length=40)
    title = models.CharField(_("judul surat"), max_length=200)
    opening = models.TextField(_("pembuka"))
    statement = models.TextField(_("keterangan"))
    closing = models.TextField(_("penutup"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("templat surat")
        verbose_name_plural = _("templat surat")
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "letter_type"], name="unique_letter_template"
            )
        ]

    def __str__(self):
        return self.title


class VillageLetterService(models.Model):
    village = models.OneToOneField(
        "villages.Region",
        verbose_name=_("desa"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    enabled_types = models.JSONField(_("jenis surat yang dilayani"), default=list, blank=True)
    signer_name = models.CharField(_("nama penanda tangan"), max_length=200, blank=True)
    signer_position = models.CharField(
        _("jabatan penanda tangan"), max_length=200, default="Kepala Desa"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("layanan surat desa")
        verbose_name_plural = _("layanan surat desa")

    def __str__(self):
        return str(_("Layanan surat"))
