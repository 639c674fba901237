"""One row per email the platform sends, from the moment it is queued until it is delivered
(or given up on)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from villages.models import Region


class Status(models.TextChoices):
    QUEUED = "queued", _("Dalam antrean")
    SENDING = "sending", _("Sedang dikirim")
    RETRYING = "retrying", _("Akan dicoba lagi")
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal")


# Waiting for a delivery attempt (the periodic job picks them up when one was missed).
PENDING = [Status.QUEUED, Status.RETRYING]


class OutboundEmail(models.Model):
    """An email on its way out.

    The message itself (addresses, body, attachments) is kept encrypted in ``payload`` until
    it is delivered, then erased: what remains is what the regency admin needs to see that
    mail flows (subject, masked recipients, status, attempts, the last error).
    """

    # The village (or district, regency) the email is about; empty for installation-wide
    # mail (a password reset of an account without a role), which only superusers see.
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    subject = models.CharField(_("subjek"), max_length=255, blank=True)
    # "o***@desa.id, w***@gmail.com": enough to tell who it was for, not to harvest addresses.
    recipients_masked = models.CharField(_("penerima"), max_length=255, blank=True)
    recipient_count = models.PositiveIntegerField(_("jumlah penerima"), default=0)
    payload = models.BinaryField(_("isi terenkripsi"), blank=True, default=b"", editable=False)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("percobaan terakhir"), null=True, blank=True)
    last_error = models.CharField(_("galat terakhir"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("email keluar")
        verbose_name_plural = _("email keluar")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_status_due"),
            models.Index(fields=["region", "-created_at"], name="outbox_region_time"),
        ]

    def __str__(self):
        return self.subject or f"#{self.pk}"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING
