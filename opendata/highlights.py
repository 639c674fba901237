"""The open-data block of the village home page and of the regency portal: one line per
data page, with its headline figure and a link, so that residents find the figures from the
home page. Nothing is shown where no figure was published.

Six queries at most (one for a region without figures), whatever the number of villages
below: the roll-ups sum in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, Q, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import indices
from .models import BudgetLine, IndexValue, PopulationFigure
from .models.releases import BUDGET, POPULATION, Release
from .periods import parse_period
from .rollups import code_q, is_rollup, village_count
from .vocabularies import SEX_CATEGORY

PAGE_SLUGS = {POPULATION: "statistik", BUDGET: "apbdes", indices.IDM.slug: "idm"}


@dataclass(frozen=True)
class Highlight:
    title: str  # "Penduduk 2025-S1"
    value: object  # the headline number (or a status)
    unit: str
    detail: str  # one line below it
    url: str


def latest_periods(region) -> dict[str, tuple[str, int]]:
    """Each dataset's newest period with figures, and how many villages reported it."""
    rows = (
        Release.objects.filter(code_q(region), is_current=True)
        .values("dataset", "period")
        .annotate(n=Count("pk"))
    )
    latest: dict[str, tuple[str, int]] = {}
    for row in rows:
        current = latest.get(row["dataset"])
        key = parse_period(row["period"]).sort_key
        if current is None or key > parse_period(current[0]).sort_key:
            latest[row["dataset"]] = (row["period"], row["n"])
    return latest


def grouped(number: int) -> str:
    """``1.234`` in Indonesian, ``1,234`` in English."""
    return number_format(number, force_grouping=True)


def _in_period(region, dataset, period):
    return Q(code_q(region, "release__region_code")) & Q(
        release__dataset=dataset, release__period=period, release__is_current=True
    )


def highlights(region_page, request) -> list[Highlight]:
    region = getattr(region_page, "region", None)
    if region is None:
        return []
    latest = latest_periods(region)  # a region without figures costs this one query
    if not latest:
        return []
    pages = {
        page.slug: page
        for page in region_page.get_children()
        .live()
        .public()
        .filter(slug__in=[PAGE_SLUGS[dataset] for dataset in latest if dataset in PAGE_SLUGS])
    }
    if not pages:
        return []
    rollup = is_rollup(region)
    expected = village_count(region) if rollup else 1
    found = []

    def reported(count):
        if not rollup:
            return ""
        return _("dilaporkan %(count)s dari %(expected)s desa") % {
            "count": grouped(count),
            "expected": grouped(expected),
        }

    def url(dataset):
        return pages[PAGE_SLUGS[dataset]].get_url(request)

    if POPULATION in latest and PAGE_SLUGS[POPULATION] in pages:
        period, count = latest[POPULATION]
        sums = PopulationFigure.objects.filter(
            _in_period(region, POPULATION, period), category__slug=SEX_CATEGORY, hamlet=""
        ).aggregate(male=Sum("male"), female=Sum("female"))
        if sums["male"] is not None:
            found.append(
                Highlight(
                    _("Penduduk %(period)s") % {"period": period},
                    sums["male"] + sums["female"],
                    _("jiwa"),
                    reported(count)
                    or _("laki-laki %(male)s, perempuan %(female)s")
                    % {"male": grouped(sums["male"]), "female": grouped(sums["female"])},
                    url(POPULATION),
                )
            )
    if BUDGET in latest and PAGE_SLUGS[BUDGET] in pages:
        period, count = latest[BUDGET]
        spending = BudgetLine.objects.filter(
            _in_period(region, BUDGET, period), account__code__startswith="5"
        ).aggregate(budget=Sum("budget"), realisation=Sum("realisation"))
        if spending["budget"]:
            percent = round(100 * spending["realisation"] / spending["budget"])
            found.append(
                Highlight(
                    _("Belanja APBDes %(year)s") % {"year": period},
                    spending["budget"],
                    "Rp",
                    reported(count) or _("terealisasi %(percent)s%%") % {"percent": percent},
                    url(BUDGET),
                )
            )
    kind = indices.IDM
    if kind.slug in latest and PAGE_SLUGS[kind.slug] in pages:
        period, count = latest[kind.slug]
        score = IndexValue.objects.filter(
            _in_period(region, kind.slug, period), dimension=indices.SCORE
        ).aggregate(score=Avg("value"))["score"]
        if score is not None:
            status = kind.status(score)
            found.append(
                Highlight(
                    _("%(index)s %(year)s") % {"index": kind.short, "year": period},
                    round(score, kind.decimal_places),
                    "",
                    reported(count) or (str(status.name) if status else ""),
                    url(kind.slug),
                )
            )
    return found


def home_block(region_page, request):
    """The section registry's block context: None (no block) without figures."""
    found = highlights(region_page, request)
    if not found:
        return None
    return {"highlights": found, "rollup": is_rollup(region_page.region)}
