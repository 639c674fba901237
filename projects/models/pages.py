"""Development projects (pembangunan): the section index and one page per project."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from rest_framework import serializers

from maps import geometry
from maps.svg import build_svg_map
from villages.models import PlatformPage
from villages.tenancy.forms import TenantPageForm

MAP_SVG_SIZE = 600


class FundSource(models.TextChoices):
    """Where a project's money comes from."""

    DANA_DESA = "dana_desa", _("Dana Desa")
    ADD = "add", _("Alokasi Dana Desa (ADD)")
    PROVINCE = "bantuan_provinsi", _("Bantuan keuangan provinsi")
    REGENCY = "bantuan_kabupaten", _("Bantuan keuangan kabupaten/kota")
    PADES = "pades", _("Pendapatan Asli Desa (PADes)")
    SELF_HELP = "swadaya", _("Swadaya masyarakat")
    OTHER = "lainnya", _("Lainnya")


def current_year() -> int:
    return timezone.localdate().year


class ProjectIndexPage(PlatformPage):
    """/pembangunan/: the projects of a village, or of every village below a kecamatan or
    regency (found by tree path: the same queries for 2 villages as for 2,000)."""

    intro = models.TextField(_("ringkasan"), blank=True, max_length=500)

    content_panels = [*PlatformPage.content_panels, FieldPanel("intro")]
    search_fields = [*PlatformPage.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = [
        "villages.VillageHomePage",
        "villages.DistrictPage",
        "villages.RegencyPage",
    ]
    subpage_types = ["projects.ProjectPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("indeks pembangunan")
        verbose_name_plural = _("indeks pembangunan")

    @cached_property
    def region_page(self):
        return self.get_parent().specific

    @property
    def is_rollup(self) -> bool:
        return self.region_page.specific_class.__name__ != "VillageHomePage"

    def projects(self):
        """The published projects shown here, newest year first (one query with the latest
        progress annotated; the village name comes from the index's parent via the path)."""
        from .progress import ProgressUpdate

        latest = ProgressUpdate.objects.filter(page=models.OuterRef("pk")).order_by(
            "-date", "-percentage"
        )
        scope = self.region_page if self.is_rollup else self
        return (
            ProjectPage.objects.descendant_of(scope)
            .live()
            .public()
            .annotate(latest_percentage=models.Subquery(latest.values("percentage")[:1]))
            .order_by("-year", "title", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        projects = list(self.projects())
        if self.is_rollup and projects:
            # The village of each project: the page two levels up its path, in one query.
            from villages.models import VillageHomePage

            steplen = ProjectPage.steplen
            village_paths = {p.path[: len(p.path) - 2 * steplen] for p in projects}
            names = dict(
                VillageHomePage.objects.filter(path__in=village_paths).values_list("path", "title")
            )
            for project in projects:
                project.village_name = names.get(project.path[: len(project.path) - 2 * steplen])
        context["projects"] = projects
        context["is_rollup"] = self.is_rollup
        return context


class ProjectPageForm(TenantPageForm):
    """Only leaf accounts of the chart may be linked (a parent is a sum, not a budget line)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("account")
        if field is not None:
            field.queryset = field.queryset.order_by("code")
            field.label_from_instance = lambda account: f"{account.code} {account.name}"

    def is_valid(self):
        valid = super().is_valid()
        if not valid or "progress_updates" not in self.formsets:
            return valid
        # Put the error on the later update's percentage field as well.
        formset = self.formsets["progress_updates"]
        forms = [
            f
            for f in formset.forms
            if getattr(f, "cleaned_data", None)
            and not f.cleaned_data.get("DELETE")
            and f.cleaned_data.get("date")
            and f.cleaned_data.get("percentage") is not None
        ]
        forms.sort(key=lambda f: f.cleaned_data["date"])
        for before, after in zip(forms, forms[1:], strict=False):
            if after.cleaned_data["percentage"] < before.cleaned_data["percentage"]:
                after.add_error(
                    "percentage",
                    _("Persentase tidak boleh lebih kecil dari pembaruan sebelumnya (%(p)s%%).")
                    % {"p": before.cleaned_data["percentage"]},
                )
                return False
        return True


class ProjectPage(PlatformPage):
    """One development project of a village, with its place on the map and its progress."""

    latitude = models.DecimalField(
        _("lintang"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Angka pertama dari Google Maps atau OpenStreetMap, mis. -6.912345."),
    )
    longitude = models.DecimalField(
        _("bujur"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Angka kedua, mis. 111.954321."),
    )
    location_name = models.CharField(
        _("lokasi"), max_length=200, blank=True, help_text=_("Mis. Dusun Krajan RT 02/RW 01.")
    )
    year = models.PositiveSmallIntegerField(_("tahun anggaran"), default=current_year)
    budget = models.DecimalField(
        _("anggaran (Rp)"),
        max_digits=15,
        decimal_places=0,
        default=0,
        validators=[MinValueValidator(Decimal(0), message=_("Anggaran tidak boleh negatif."))],
    )
    fund_source = models.CharField(
        _("sumber dana"), max_length=20, choices=FundSource.choices, default=FundSource.DANA_DESA
    )
    account = models.ForeignKey(
        "opendata.Account",
        verbose_name=_("rekening APBDes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"is_leaf": True},
    )
    executor = models.CharField(
        _("pelaksana"), max_length=200, blank=True, help_text=_("Mis. TPK Desa.")
    )
    volume = models.DecimalField(
        _("volume"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(
        _("satuan"), max_length=30, blank=True, help_text=_("Mis. m, m², unit.")
    )
    start_date = models.DateField(_("tanggal mulai"), null=True, blank=True)
    end_date = models.DateField(_("tanggal selesai"), null=True, blank=True)
    description = models.TextField(_("keterangan"), blank=True, max_length=2000)

    content_panels = [
        *PlatformPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("fund_source")]),
                FieldRowPanel([FieldPanel("budget"), FieldPanel("account")]),
                FieldPanel("executor"),
                FieldRowPanel([FieldPanel("volume"), FieldPanel("unit")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Keterangan kegiatan"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("location_name"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Lokasi"),
        ),
        FieldPanel("description"),
        InlinePanel("progress_updates", label=_("Perkembangan")),
    ]
    search_fields = [
        *PlatformPage.search_fields,
        index.SearchField("description"),
        index.SearchField("location_name"),
        index.FilterField("year"),
    ]
    api_fields = [
        APIField("year"),
        APIField("budget"),
        APIField("fund_source"),
        APIField(
            "account", serializer=serializers.CharField(source="account_code", allow_null=True)
        ),
        APIField("executor"),
        APIField("volume"),
        APIField("unit"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("location_name"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("description"),
        APIField("latest_progress"),
        APIField("progress_updates"),
    ]

    base_form_class = ProjectPageForm
    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("kegiatan pembangunan")
        verbose_name_plural = _("kegiatan pembangunan")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        if self.account_id is not None:
            from opendata.models import Account

            if not Account.objects.filter(pk=self.account_id, is_leaf=True).exists():
                errors["account"] = _(
                    "Pilih rekening rincian (paling bawah), bukan rekening induk yang "
                    "merupakan jumlah."
                )
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            errors[missing] = _("Isi lintang dan bujur sekaligus, atau kosongkan keduanya.")
        elif self.latitude is not None:
            lat, lon = float(self.latitude), float(self.longitude)
            if not geometry.in_indonesia(lon, lat):
                if not geometry.LATITUDE_RANGE[0] <= lat <= geometry.LATITUDE_RANGE[1]:
                    errors["latitude"] = _("Lintang harus antara -11 dan 6,5 (wilayah Indonesia).")
                if not geometry.LONGITUDE_RANGE[0] <= lon <= geometry.LONGITUDE_RANGE[1]:
                    errors["longitude"] = _("Bujur harus antara 94 dan 142 (wilayah Indonesia).")
        if errors:
            raise ValidationError(errors)

    @property
    def account_code(self) -> str | None:
        return self.account.code if self.account_id else None

    @cached_property
    def timeline(self) -> list:
        return sorted(self.progress_updates.all(), key=lambda u: (u.date, u.percentage))

    @property
    def latest_progress(self) -> int | None:
        return self.timeline[-1].percentage if self.timeline else None

    def map_svg(self):
        """The village boundary (from its /peta/ page, if any) and this project's point."""
        if self.latitude is None:
            return None
        from maps.models import MapPage

        village = self.get_parent().get_parent()
        map_page = MapPage.objects.child_of(village).live().first()
        polygons = map_page.boundary_polygons if map_page else []
        return build_svg_map(
            polygons, [(float(self.latitude), float(self.longitude), self.title)], MAP_SVG_SIZE
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["timeline"] = self.timeline
        context["latest_progress"] = self.latest_progress
        context["map_svg"] = self.map_svg()
        if self.latitude is not None:
            from maps.models import openstreetmap_url

            context["osm_url"] = openstreetmap_url(self.latitude, self.longitude)
        return context
