"""Letter numbers: one gapless sequence per village and year (and per series, when the
regency numbers each letter type on its own), and every number issued from it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterSequence(models.Model):
    """The last number issued in one village, year and series. Its row is locked while a
    number is taken (``letters.numbering.issue_number``), so two approvals at the same
    instant take consecutive numbers."""

    village = models.ForeignKey(
        "villages.Region", verbose_name=_("desa"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    # "" when the whole village shares one sequence; a letter type's code otherwise.
    series = models.CharField(_("seri"), max_length=40, blank=True)
    last_number = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("urutan nomor surat")
        verbose_name_plural = _("urutan nomor surat")
        constraints = [
            models.UniqueConstraint(
                fields=["village", "year", "series"], name="unique_letter_sequence"
            )
        ]

    def __str__(self):
        return f"{self.village_id}/{self.year}/{self.series or '-'}: {self.last_number}"


class IssuedNumber(models.Model):
    """A number given to a letter. The database refuses a second letter with the same
    number in the same sequence, whatever the code above it does."""

    village = models.ForeignKey(
        "villages.Region", verbose_name=_("desa"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    series = models.CharField(_("seri"), max_length=40, blank=True)
    number = models.PositiveIntegerField(_("nomor urut"))
    formatted = models.CharField(_("nomor surat"), max_length=120)
    issued_at = models.DateTimeField(_("waktu terbit"), auto_now_add=True)

    class Meta:
        verbose_name = _("nomor surat")
        verbose_name_plural = _("nomor surat")
        ordering = ["village", "year", "series", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "year", "series", "number"], name="unique_issued_number"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="issued_number_positive"
            ),
        ]

    def __str__(self):
        return self.formatted
