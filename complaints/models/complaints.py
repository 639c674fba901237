"""A resident's complaint or aspiration, with the village's answer.

The sender's name and contact details (and the photo, in private storage) are personal
data: encrypted at rest (``letters.personal``), shown to the village's operators only,
never in a public page, the API, the search index or the village history. What the public
list shows is decided twice: the sender consents (``may_publish``) and an operator
publishes (``published``), with the name masked or withheld (``name_shown``).
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from letters.codes import tracking_code
from letters.masking import mask_name
from letters.personal import EncryptedTextField
from letters.storage import private_storage


class Kind(models.TextChoices):
    COMPLAINT = "pengaduan", _("Pengaduan")
    ASPIRATION = "aspirasi", _("Aspirasi")


class Category(models.TextChoices):
    INFRASTRUCTURE = "infrastruktur", _("Infrastruktur")
    PUBLIC_SERVICE = "pelayanan_publik", _("Pelayanan publik")
    ENVIRONMENT = "lingkungan", _("Lingkungan & kebersihan")
    SECURITY = "keamanan", _("Keamanan & ketertiban")
    SOCIAL = "sosial_kesehatan", _("Sosial & kesehatan")
    OTHER = "lainnya", _("Lainnya")


class Status(models.TextChoices):
    RECEIVED = "diterima", _("Diterima")
    IN_PROGRESS = "diproses", _("Diproses")
    ANSWERED = "dijawab", _("Dijawab")
    # Closed by an operator without a public answer (handled in person, not a complaint…).
    CLOSED = "ditutup", _("Ditutup (privat)")


# Waiting for the village: what the queue puts first, the dashboard counts, editors chase.
OPEN = (Status.RECEIVED, Status.IN_PROGRESS)


class NameShown(models.TextChoices):
    MASKED = "tersamar", _("Nama disamarkan (B**i S*****o)")
    WITHHELD = "disembunyikan", _("Nama tidak ditampilkan")


def photo_path(complaint, filename):
    # The village's own folder; a random name that says nothing about the sender or the code.
    return f"pengaduan/{complaint.village.code}/{secrets.token_hex(12)}.enc"


class Complaint(models.Model):
    village = models.ForeignKey(
        "villages.Region", verbose_name=_("desa"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices, default=Kind.COMPLAINT)
    category = models.CharField(_("kategori"), max_length=30, choices=Category.choices)
    message = models.TextField(_("isi"))
    tracking_code = models.CharField(
        _("kode lacak"), max_length=14, unique=True, default=tracking_code, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    # Personal data: encrypted; for the village's operators only.
    name = EncryptedTextField(_("nama"), blank=True)
    email = EncryptedTextField(_("email"), blank=True)
    phone = EncryptedTextField(_("nomor HP/WhatsApp"), blank=True)
    # Encrypted bytes (``letters.personal.encrypt_bytes``), served by the admin's photo view.
    photo = models.FileField(
        _("foto"), storage=private_storage, upload_to=photo_path, blank=True, max_length=200
    )
    photo_type = models.CharField(_("jenis foto"), max_length=40, blank=True, editable=False)
    # What the public list may show of the name, kept after the purge.
    masked_name = models.CharField(
        _("nama tersamar"), max_length=200, blank=True, default="", editable=False
    )
    answer = models.TextField(_("jawaban"), blank=True)
    answered_at = models.DateTimeField(_("dijawab pada"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dijawab oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    may_publish = models.BooleanField(_("pengirim mengizinkan ditampilkan"), default=False)
    published = models.BooleanField(_("ditampilkan di situs"), default=False)
    published_at = models.DateTimeField(_("ditampilkan sejak"), null=True, blank=True)
    name_shown = models.CharField(
        _("nama di situs"), max_length=20, choices=NameShown.choices, default=NameShown.MASKED
    )
    created_at = models.DateTimeField(_("dikirim pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)
    closed_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    purged_at = models.DateTimeField(_("data pribadi dihapus pada"), null=True, blank=True)

    # Erased by ``purge_complaints`` once the complaint has been closed long enough.
    PERSONAL_FIELDS = ("name", "email", "phone")

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["village", "status", "created_at"], name="complaint_queue"),
            models.Index(fields=["village", "published", "answered_at"], name="complaint_public"),
        ]
        constraints = [
            # The operator's decision never overrides the sender's.
            models.CheckConstraint(
                condition=models.Q(published=False) | models.Q(may_publish=True),
                name="complaint_published_with_consent",
            ),
        ]

    def __str__(self):
        # Never the name or the message: this string ends up in logs and messages.
        return f"{self.get_kind_display()} #{self.pk} ({self.get_category_display()})"

    def save(self, *args, **kwargs):
        if self.name:
            self.masked_name = mask_name(self.name)[:200]
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def can_be_published(self) -> bool:
        return self.may_publish and self.status == Status.ANSWERED

    @property
    def public_name(self) -> str:
        """The name as the public list shows it: masked, or nothing."""
        return self.masked_name if self.name_shown == NameShown.MASKED else ""

    @property
    def answer_delay(self) -> datetime.timedelta | None:
        if self.answered_at is None:
            return None
        return self.answered_at - self.created_at

    def age(self, now: datetime.datetime) -> datetime.timedelta:
        return now - self.created_at
