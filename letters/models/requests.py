"""A resident's request for a letter. The personal fields are encrypted at rest
(``letters.personal``); the NIK is found and counted by its keyed hash only."""

from __future__ import annotations

import json

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..codes import tracking_code
from ..masking import mask_name
from ..personal import EncryptedDateField, EncryptedTextField, keyed_hash


class Status(models.TextChoices):
    SUBMITTED = "diajukan", _("Diajukan")
    IN_PROGRESS = "diproses", _("Diproses")
    READY = "siap_diambil", _("Siap diambil")
    DONE = "selesai", _("Selesai")
    REJECTED = "ditolak", _("Ditolak")


CLOSED = (Status.DONE, Status.REJECTED)


class LetterRequest(models.Model):
    village = models.ForeignKey(
        "villages.Region", verbose_name=_("desa"), on_delete=models.PROTECT, related_name="+"
    )
    letter_type = models.CharField(_("jenis surat"), max_length=40)
    tracking_code = models.CharField(
        _("kode lacak"), max_length=14, unique=True, default=tracking_code, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    # Personal data: encrypted; never in a public page, the API, the search index or a log.
    name = EncryptedTextField(_("nama lengkap"))
    nik = EncryptedTextField(_("NIK"))
    nik_hash = models.CharField(_("sidik NIK"), max_length=64, db_index=True, editable=False)
    # What the public verification page may show of the name, kept after the purge.
    masked_name = models.CharField(
        _("nama tersamar"), max_length=200, blank=True, default="", editable=False
    )
    family_card = EncryptedTextField(_("nomor KK"), blank=True)
    birth_date = EncryptedDateField(_("tanggal lahir"), blank=True, null=True)
    address = EncryptedTextField(_("alamat"), blank=True)
    email = EncryptedTextField(_("email"), blank=True)
    phone = EncryptedTextField(_("nomor WhatsApp"), blank=True)
    answers = EncryptedTextField(_("isian"), blank=True)  # the type's own fields, as JSON
    rejection_reason = models.TextField(_("alasan penolakan"), blank=True)
    created_at = models.DateTimeField(_("diajukan pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    purged_at = models.DateTimeField(_("data pribadi dihapus pada"), null=True, blank=True)

    # Erased by ``purge_letter_requests`` once the request has been closed long enough.
    PERSONAL_FIELDS = (
        "name",
        "nik",
        "nik_hash",
        "family_card",
        "birth_date",
        "address",
        "email",
        "phone",
        "answers",
    )

    class Meta:
        verbose_name = _("permohonan surat")
        verbose_name_plural = _("permohonan surat")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["village", "status"], name="letter_request_queue")]

    def __str__(self):
        return f"{self.tracking_code} ({self.letter_type})"  # never the name or the NIK

    def save(self, *args, **kwargs):
        if self.nik:
            self.nik_hash = keyed_hash(self.nik)
        if self.name:
            self.masked_name = mask_name(self.name)[:200]
        super().save(*args, **kwargs)

    @property
    def answer_values(self) -> dict:
        return json.loads(self.answers) if self.answers else {}

    @answer_values.setter
    def answer_values(self, values: dict) -> None:
        self.answers = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
