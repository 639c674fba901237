"""A resident's request for a letter. The personal fields are encrypted at rest
(``letters.personal``); the NIK is found and counted by its keyed hash only."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..codes import tracking_code, verification_token
from ..masking import mask_name
from ..personal import EncryptedDateField, EncryptedTextField, keyed_hash
from ..storage import private_storage


class Status(models.TextChoices):
    SUBMITTED = "diajukan", _("Diajukan")
    IN_PROGRESS = "diproses", _("Diproses")
    # Approved by the village, waiting for the camat's endorsement (types that need it).
    AWAITING_CAMAT = "menunggu_camat", _("Menunggu persetujuan camat")
    READY = "siap_diambil", _("Siap diambil")
    DONE = "selesai", _("Selesai")
    REJECTED = "ditolak", _("Ditolak")


CLOSED = (Status.DONE, Status.REJECTED)
# Requests the village's operators still have to act on.
OPEN = (Status.SUBMITTED, Status.IN_PROGRESS)


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
    # What the resident reads on the status page (e.g. which attachment is missing).
    public_note = models.TextField(_("catatan untuk pemohon"), blank=True)
    # Attachments the operators asked for; the status page offers their upload.
    missing_attachments = models.JSONField(_("lampiran yang diminta"), default=list, blank=True)
    # The village's approval (for types the camat endorses, the number comes after).
    approved_at = models.DateTimeField(_("disetujui desa pada"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disetujui oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signer_name = models.CharField(_("nama penanda tangan"), max_length=200, blank=True)
    signer_position = models.CharField(_("jabatan penanda tangan"), max_length=200, blank=True)
    # The camat's endorsement (``needs_camat`` types).
    endorsed_at = models.DateTimeField(_("disetujui camat pada"), null=True, blank=True)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disetujui camat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    endorser_name = models.CharField(_("nama camat"), max_length=200, blank=True)
    endorser_position = models.CharField(_("jabatan camat"), max_length=200, blank=True)
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
        "public_note",
        "rejection_reason",
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


def attachment_path(attachment, filename):
    # The village's folder; the name is random and says nothing about the resident.
    return f"lampiran/{attachment.village.code}/{attachment.token}.enc"


class RequestAttachment(models.Model):
    """A file sent with a request (a photo of the KTP, a scan of the KK): checked by its
    content (``assets.private_uploads``), stripped of EXIF, stored encrypted in private
    storage and opened only by the people entitled to the request."""

    request = models.ForeignKey(
        LetterRequest,
        verbose_name=_("permohonan"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    village = models.ForeignKey(
        "villages.Region", verbose_name=_("desa"), on_delete=models.PROTECT, related_name="+"
    )
    slug = models.CharField(_("lampiran"), max_length=40)
    token = models.CharField(max_length=43, unique=True, default=verification_token)
    file = models.FileField(_("berkas"), storage=private_storage, upload_to=attachment_path)
    content_type = models.CharField(_("jenis berkas"), max_length=40)
    size = models.PositiveIntegerField(_("ukuran"))
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("lampiran permohonan")
        verbose_name_plural = _("lampiran permohonan")
        ordering = ["request", "slug", "-uploaded_at"]

    def __str__(self):
        return self.slug


class EventKind(models.TextChoices):
    SUBMITTED = "diajukan", _("Diajukan")
    STATUS = "status", _("Status berubah")
    OPENED = "dibuka", _("Dibuka")
    CORRECTED = "dikoreksi", _("Isian dikoreksi")
    ATTACHMENT_REQUESTED = "lampiran_diminta", _("Lampiran diminta")
    ATTACHMENT_ADDED = "lampiran_ditambah", _("Lampiran ditambahkan")
    FILE_OPENED = "berkas_dibuka", _("Berkas dibuka")
    RETURNED = "dikembalikan", _("Dikembalikan camat")


class RequestEvent(models.Model):
    """One step of a request: its status changes (the status page's timeline, with the note
    the resident may read) and every opening of it by staff (the access log). An event
    names the field a correction changed, never its value."""

    request = models.ForeignKey(
        LetterRequest, verbose_name=_("permohonan"), on_delete=models.CASCADE, related_name="events"
    )
    village = models.ForeignKey(
        "villages.Region", verbose_name=_("desa"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=EventKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, blank=True)
    public_note = models.TextField(_("catatan untuk pemohon"), blank=True)
    detail = models.CharField(_("rincian"), max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    PUBLIC_KINDS = (EventKind.SUBMITTED, EventKind.STATUS, EventKind.ATTACHMENT_REQUESTED)

    class Meta:
        verbose_name = _("riwayat permohonan")
        verbose_name_plural = _("riwayat permohonan")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request_id}: {self.kind}"
