"""Per-regency editorial policy: moderation depth and when a village counts as inactive."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from villages.models import Region


class RegencyPolicy(models.Model):
    """What a regency (Diskominfo) decides for all its villages.

    A regency without a saved policy uses the defaults below (see ``policy_for``).
    """

    region = models.OneToOneField(
        Region,
        verbose_name=_("kabupaten/kota"),
        on_delete=models.CASCADE,
        related_name="policy",
    )
    district_review = models.BooleanField(
        _("tinjauan editor kecamatan"),
        default=False,
        help_text=_(
            "Setelah operator desa menyetujui kiriman kontributor, editor kecamatan juga harus "
            "menyetujuinya sebelum terbit."
        ),
    )
    inactive_after_days = models.PositiveSmallIntegerField(
        _("tidak aktif setelah (hari)"),
        default=30,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
        help_text=_("Desa yang tidak menerbitkan apa pun selama ini ditandai tidak aktif."),
    )
    reminders_enabled = models.BooleanField(
        _("kirim pengingat"),
        default=True,
        help_text=_("Operator desa yang tidak aktif menerima pengingat lewat email."),
    )
    reminder_interval_days = models.PositiveSmallIntegerField(
        _("ulangi pengingat setiap (hari)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kebijakan kabupaten")
        verbose_name_plural = _("kebijakan kabupaten")

    def __str__(self):
        return str(self.region)


def policy_for(regency: Region) -> RegencyPolicy:
    """The regency's saved policy, or an unsaved one with the defaults."""
    policy = RegencyPolicy.objects.filter(region=regency).first()
    return policy or RegencyPolicy(region=regency)


def policies_for(regency_codes) -> dict[str, RegencyPolicy]:
    """The policy of each regency (by code) in one query; unsaved defaults where none is saved."""
    codes = set(regency_codes)
    saved = {
        policy.region.code: policy
        for policy in RegencyPolicy.objects.filter(region__code__in=codes).select_related("region")
    }
    return {code: saved.get(code) or RegencyPolicy() for code in codes}


class ReminderLog(models.Model):
    """A freshness reminder sent to the operators of an inactive village.

    ``send_freshness_reminders`` reads the newest one per village so a daily run does not
    write to the same village more often than its regency's ``reminder_interval_days``.
    """

    region = models.ForeignKey(
        Region,
        verbose_name=_("desa"),
        on_delete=models.CASCADE,
        related_name="freshness_reminders",
    )
    sent_at = models.DateTimeField(_("dikirim"), default=timezone.now)
    recipient_count = models.PositiveSmallIntegerField(_("jumlah penerima"))

    class Meta:
        verbose_name = _("pengingat keaktifan")
        verbose_name_plural = _("pengingat keaktifan")
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["region", "-sent_at"], name="editorial_reminder_region")]

    def __str__(self):
        return f"{self.region} {self.sent_at:%Y-%m-%d}"
