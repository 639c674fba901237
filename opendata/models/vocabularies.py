"""What village figures are counted by: population categories and the APBDes chart of accounts.

The standard vocabularies are data shipped with the project (``opendata/data/``, with their
sources) and written to these tables after every ``migrate`` (``opendata.vocabularies``). A
regency adds a category of its own in the admin: it has ``regency`` set and is offered to that
regency's villages only.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from villages.models import Region


class Unit(models.TextChoices):
    PEOPLE = "jiwa", _("jiwa")
    HOUSEHOLDS = "kk", _("KK")


class StatisticCategory(ClusterableModel):
    """A population statistic, e.g. religion (``agama``), with its groups."""

    slug = models.SlugField(
        _("kode statistik"),
        max_length=40,
        unique=True,
        help_text=_("Dipakai di kolom 'statistik' berkas impor, mis. agama, pendidikan."),
    )
    name = models.CharField(_("nama"), max_length=120)
    unit = models.CharField(_("satuan"), max_length=4, choices=Unit.choices, default=Unit.PEOPLE)
    covers_population = models.BooleanField(
        _("mencakup seluruh penduduk"),
        default=False,
        help_text=_(
            "Jika dicentang, jumlah laki-laki dan perempuan kategori ini harus sama dengan "
            "jumlah penduduk (statistik jenis kelamin) pada periode yang sama."
        ),
    )
    description = models.TextField(_("keterangan"), blank=True)
    source = models.TextField(_("sumber"), blank=True)
    order = models.PositiveIntegerField(_("urutan"), default=0)
    # None: a standard category shipped with the project; else added by this regency.
    regency = models.ForeignKey(
        Region,
        verbose_name=_("kabupaten/kota"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="statistic_categories",
        limit_choices_to={"level": "regency"},
    )

    class Meta:
        verbose_name = _("kategori statistik")
        verbose_name_plural = _("kategori statistik")
        ordering = ["order", "slug"]

    def __str__(self):
        return str(self.name)

    @property
    def is_standard(self) -> bool:
        return self.regency_id is None


class StatisticGroup(models.Model):
    """One group of a category, e.g. ``Islam`` of ``agama`` or ``20-24`` of ``umur``."""

    category = ParentalKey(
        StatisticCategory,
        verbose_name=_("kategori"),
        on_delete=models.CASCADE,
        related_name="groups",
    )
    label = models.CharField(
        _("kelompok"),
        max_length=120,
        help_text=_("Ditulis persis begini di kolom 'kelompok' berkas impor."),
    )
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kelompok statistik")
        verbose_name_plural = _("kelompok statistik")
        ordering = ["category", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["category", "label"], name="unique_group_label")
        ]

    def __str__(self):
        return self.label


class AccountKind(models.TextChoices):
    INCOME = "4", _("Pendapatan")
    SPENDING = "5", _("Belanja")
    FINANCING = "6", _("Pembiayaan")


class Account(models.Model):
    """An account of the APBDes chart (Permendagri 20/2018), e.g. ``4.2.1`` Dana Desa.

    Spending is classified by bidang and sub-bidang under ``5``: ``5.2`` is bidang 2
    (Pelaksanaan Pembangunan Desa), ``5.2.3`` its sub-bidang 3. Figures are entered on the
    accounts without children; a parent is always the sum of its children.
    """

    code = models.CharField(_("kode rekening"), max_length=20, unique=True)
    name = models.CharField(_("uraian"), max_length=255)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("rekening induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_leaf = models.BooleanField(_("rincian"), default=True)
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("rekening APBDes")
        verbose_name_plural = _("rekening APBDes")
        ordering = ["order"]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def kind(self) -> str:
        return self.code.split(".")[0]

    @property
    def depth(self) -> int:
        return self.code.count(".") + 1
