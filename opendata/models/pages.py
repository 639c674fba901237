"""The public data pages: /statistik/, /apbdes/ and /idm/ with their downloads.

Each page sits below a region page (a village home page, a kecamatan page or the regency
portal) and shows that region's figures: a village's own, or the sums over the villages
below a kecamatan or regency (``opendata.rollups``). Downloads (``data.csv``, ``data.json``,
``data.xlsx``) have the import layouts' rows (``opendata.exports``), served by
``opendata.views.downloads`` (Wagtail's page URLs take no dot).
"""

from __future__ import annotations

from functools import cached_property

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page

from villages.models import PlatformPage

REGION_PARENTS = ["villages.VillageHomePage", "villages.DistrictPage", "villages.RegencyPage"]
FORMATS = ("csv", "json", "xlsx")


class DataPage(RoutablePageMixin, PlatformPage):
    """What the three data pages share: the region, the period choice, the downloads."""

    parent_page_types = REGION_PARENTS
    subpage_types: list[str] = []
    period_param = "tahun"
    dataset = ""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # The figures themselves are in the open-data API and the downloads (data.json).
    api_fields = [APIField("intro"), APIField("dataset")]

    class Meta:
        abstract = True

    @cached_property
    def region(self):
        """The region of the page's parent (a village, kecamatan or regency); two queries."""
        parent = self.get_parent()
        model = parent.specific_class
        return model.objects.select_related("region").get(pk=parent.pk).region

    @property
    def is_rollup(self) -> bool:
        from opendata.rollups import is_rollup

        return is_rollup(self.region)

    def requested_period(self, request) -> str | None:
        value = (request.GET.get(self.period_param) or "").strip()
        return value[:10] or None

    def data_context(self, request) -> dict:  # pragma: no cover - each page has its own
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.data_context(request))
        context["region"] = self.region
        context["is_rollup"] = self.is_rollup
        context["period_param"] = self.period_param
        return context


def _percent(budget: int, realisation: int):
    from decimal import Decimal

    if not budget:
        return None
    return (Decimal(realisation) * 100 / Decimal(budget)).quantize(Decimal("0.1"))


def budget_summary(table) -> list[dict]:
    """Income, spending, surplus or deficit, financing and SiLPA: budget and realisation."""

    def row(label, budget, realisation, css=""):
        return {
            "label": label,
            "budget": budget,
            "realisation": realisation,
            "percent": _percent(budget, realisation),
            "css": css,
        }

    def account(code):
        figure = table.get(code)
        return (figure.budget, figure.realisation) if figure else (0, 0)

    surplus = (table.surplus("budget"), table.surplus("realisation"))
    return [
        row(_("Pendapatan"), *account("4")),
        row(_("Belanja"), *account("5")),
        row(
            _("Surplus") if surplus[0] >= 0 else _("Defisit"),
            *surplus,
            css="surplus" if surplus[0] >= 0 else "deficit",
        ),
        row(_("Penerimaan pembiayaan"), *account("6.1")),
        row(_("Pengeluaran pembiayaan"), *account("6.2")),
        row(
            _("Sisa lebih/kurang pembiayaan anggaran (SiLPA)"),
            table.remaining("budget"),
            table.remaining("realisation"),
        ),
    ]


class PopulationPage(DataPage):
    """Population statistics (/statistik/): one chart and table per category."""

    period_param = "periode"
    dataset = "penduduk"
    template = "opendata/population_page.html"

    class Meta:
        verbose_name = _("halaman statistik penduduk")
        verbose_name_plural = _("halaman statistik penduduk")

    def data_context(self, request) -> dict:
        from opendata import charts, rollups

        table = rollups.population(self.region, self.requested_period(request))
        return {
            "table": table,
            "coverage": table.coverage,
            "selected": table.period,
            "choices": table.periods,
            "charts": [charts.population_chart(c) for c in table.categories],
        }


class BudgetPage(DataPage):
    """The APBDes (/apbdes/): income, spending by bidang, realisation against budget."""

    dataset = "apbdes"
    template = "opendata/budget_page.html"

    class Meta:
        verbose_name = _("halaman APBDes")
        verbose_name_plural = _("halaman APBDes")

    def data_context(self, request) -> dict:
        from opendata import charts, rollups

        table = rollups.budget(self.region, self.requested_period(request))
        return {
            "table": table,
            "coverage": table.coverage,
            "selected": table.year,
            "choices": table.years,
            "charts": charts.budget_charts(table) if not table.is_empty else [],
            "summary": budget_summary(table) if not table.is_empty else [],
        }


class IndexPage(DataPage):
    """The village development index (/idm/) by year."""

    dataset = "idm"
    template = "opendata/index_page.html"

    class Meta:
        verbose_name = _("halaman Indeks Desa Membangun")
        verbose_name_plural = _("halaman Indeks Desa Membangun")

    def data_context(self, request) -> dict:
        from opendata import charts, rollups
        from opendata.indices import get_index

        table = rollups.index(self.region, self.dataset)
        kind = get_index(self.dataset)
        requested = self.requested_period(request)
        selected = next((y for y in table.years if str(y.year) == requested), table.latest)
        return {
            "table": table,
            "kind": kind,
            "year": selected,
            "coverage": selected.coverage if selected else None,
            "selected": selected.year if selected else None,
            "choices": [y.year for y in table.years],
            "charts": charts.index_charts(table, selected, self.is_rollup) if selected else [],
            "score": selected.values.get("skor") if selected else None,
        }
