"""An issued letter: its number, its encrypted PDF in private storage, and what the public
verification page shows. The verification token is random (``letters.codes``), never an id."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..codes import verification_token
from ..storage import private_storage
from .numbering import IssuedNumber
from .requests import LetterRequest


def letter_path(letter, filename):
    # The village's own folder; the name says nothing about the resident.
    return f"surat/{letter.village.code}/{letter.number.year}/{letter.token[:16]}.pdf.enc"


class Validity(models.TextChoices):
    VALID = "berlaku", _("Berlaku")
    EXPIRED = "kedaluwarsa", _("Kedaluwarsa")
    REVOKED = "dicabut", _("Dicabut")


class Letter(models.Model):
    request = models.OneToOneField(
        LetterRequest, verbose_name=_("permohonan"), on_delete=models.PROTECT, related_name="letter"
    )
    village = models.ForeignKey(
        "villages.Region", verbose_name=_("desa"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.OneToOneField(
        IssuedNumber, verbose_name=_("nomor surat"), on_delete=models.PROTECT, related_name="+"
    )
    letter_type = models.CharField(_("jenis surat"), max_length=40)
    token = models.CharField(
        _("token verifikasi"),
        max_length=64,
        unique=True,
        default=verification_token,
        editable=False,
    )
    issued_on = models.DateField(_("tanggal surat"))
    valid_until = models.DateField(_("berlaku sampai"))
    signer_name = models.CharField(_("nama penanda tangan"), max_length=200)
    signer_position = models.CharField(_("jabatan penanda tangan"), max_length=200)
    # The camat's endorsement ("Mengetahui"), for the types that need it.
    endorser_name = models.CharField(_("nama camat"), max_length=200, blank=True)
    endorser_position = models.CharField(_("jabatan camat"), max_length=200, blank=True)
    endorsed_on = models.DateField(_("tanggal persetujuan camat"), null=True, blank=True)
    holder_masked = models.CharField(_("nama pemegang (tersamar)"), max_length=200)
    pdf = models.FileField(_("berkas PDF"), storage=private_storage, upload_to=letter_path)
    pdf_sha256 = models.CharField(_("sidik SHA-256"), max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    revoked_reason = models.TextField(_("alasan pencabutan"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicabut oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("surat")
        verbose_name_plural = _("surat")
        ordering = ["-issued_on", "-pk"]

    def __str__(self):
        return self.number.formatted

    def validity(self, today=None) -> str:
        if self.revoked_at:
            return Validity.REVOKED
        today = today or timezone.localdate()
        return Validity.VALID if today <= self.valid_until else Validity.EXPIRED
