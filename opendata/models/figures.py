"""The figures of a release: aggregate counts and amounts only, never a person."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .releases import Release
from .vocabularies import Account, StatisticCategory, StatisticGroup


class PopulationFigure(models.Model):
    """How many men and women of a village (or one of its hamlets) are in one group."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="population")
    category = models.ForeignKey(StatisticCategory, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(StatisticGroup, on_delete=models.PROTECT, related_name="+")
    # Empty: the whole village. A release gives a category either for the whole village or
    # per hamlet (dusun); the village's figure is the sum of its rows.
    hamlet = models.CharField(_("dusun"), max_length=100, blank=True)
    male = models.PositiveIntegerField(_("laki-laki"))
    female = models.PositiveIntegerField(_("perempuan"))

    class Meta:
        verbose_name = _("angka penduduk")
        verbose_name_plural = _("angka penduduk")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "group", "hamlet"], name="unique_population_figure"
            )
        ]

    def __str__(self):
        return f"{self.group}: {self.male} + {self.female}"

    @property
    def total(self) -> int:
        return self.male + self.female


class BudgetLine(models.Model):
    """Budget and realisation of one line of a village's APBDes, on a leaf account."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="budget_lines")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(_("uraian"), max_length=255, blank=True)
    budget = models.BigIntegerField(_("anggaran (Rp)"), validators=[MinValueValidator(0)])
    realisation = models.BigIntegerField(
        _("realisasi (Rp)"), default=0, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("baris APBDes")
        verbose_name_plural = _("baris APBDes")
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__gte=0) & Q(realisation__gte=0), name="budget_not_negative"
            ),
            models.UniqueConstraint(
                fields=["release", "account", "description"], name="unique_budget_line"
            ),
        ]

    def __str__(self):
        return f"{self.account.code} {self.description}".strip()


class IndexValue(models.Model):
    """One value of a development index release: the score or one dimension (``iks``…)."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="index_values")
    dimension = models.CharField(_("dimensi"), max_length=20)
    value = models.DecimalField(_("nilai"), max_digits=9, decimal_places=4)

    class Meta:
        verbose_name = _("nilai indeks")
        verbose_name_plural = _("nilai indeks")
        constraints = [
            models.UniqueConstraint(fields=["release", "dimension"], name="unique_index_value")
        ]

    def __str__(self):
        return f"{self.dimension} {self.value}"
