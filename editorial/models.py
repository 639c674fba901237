"""Per-regency editorial policy: moderation depth and when a village counts as inactive."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
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
