"""A release: one village's figures of one dataset for one period, as entered at one time.

Every save (a form, an import, an API write) makes a new release of the village's dataset
for that period and marks it current; the earlier releases stay as the village's history.
Roll-ups read only current releases. ``region_code`` copies the village's code so that a
kecamatan, regency or province sums its villages by code prefix, in one query.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from villages.models import Region

POPULATION = "penduduk"
BUDGET = "apbdes"


class Source(models.TextChoices):
    FORM = "form", _("formulir admin")
    IMPORT = "import", _("impor berkas")
    API = "api", _("API")
    DEMO = "demo", _("data contoh")


class Release(models.Model):
    village = models.ForeignKey(
        Region,
        verbose_name=_("desa"),
        on_delete=models.PROTECT,
        related_name="data_releases",
        limit_choices_to={"level": "village"},
    )
    region_code = models.CharField(_("kode wilayah"), max_length=13, editable=False)
    # "penduduk", "apbdes" or an index kind's slug ("idm"): see opendata.datasets.
    dataset = models.CharField(_("data"), max_length=20)
    period = models.CharField(_("periode"), max_length=7)
    year = models.PositiveSmallIntegerField(_("tahun"))
    version = models.PositiveIntegerField(_("versi"), default=1)
    is_current = models.BooleanField(_("berlaku"), default=True)
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices)
    filename = models.CharField(_("nama berkas"), max_length=255, blank=True)
    row_count = models.PositiveIntegerField(_("jumlah baris"), default=0)
    note = models.CharField(_("catatan"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        verbose_name = _("versi data desa")
        verbose_name_plural = _("riwayat data desa")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "dataset", "period", "version"], name="unique_release_version"
            ),
            models.UniqueConstraint(
                fields=["village", "dataset", "period"],
                condition=Q(is_current=True),
                name="one_current_release",
            ),
        ]
        indexes = [
            models.Index(
                fields=["dataset", "period", "region_code"],
                condition=Q(is_current=True),
                name="current_release_by_code",
            ),
        ]

    def __str__(self):
        return f"{self.village.name} {self.dataset} {self.period} v{self.version}"

    def save(self, *args, **kwargs):
        if self.village_id and not self.region_code:
            self.region_code = self.village.code
        super().save(*args, **kwargs)
