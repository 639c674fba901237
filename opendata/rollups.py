"""Reading village data, for one village or summed over every village below a region.

A village is the smallest region: the same functions answer for a village (its own current
release), a kecamatan, a regency or a province (the sums over the current releases of the
villages whose code starts with the region's). Every function costs a fixed number of
queries, whatever the number of villages: sums are computed in SQL by code prefix
(``Release.region_code``), never village by village. A village that did not report for the
period is left out of the sums, never counted as zero: ``Coverage`` says how many did.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Case, CharField, Count, Max, Min, Q, Sum, Value, When

from villages.models import Region
from villages.models.regions import Level

from . import indices
from .models import (
    Account,
    BudgetLine,
    IndexValue,
    PopulationFigure,
    Release,
    StatisticCategory,
    StatisticGroup,
)
from .models.releases import BUDGET, POPULATION
from .periods import Period, parse_period
from .vocabularies import account_sort_key


def code_q(region: Region, field: str = "region_code") -> Q:
    """Q matching the villages of ``region`` by code (the village itself for a village)."""
    if region.level == Level.VILLAGE:
        return Q(**{field: region.code})
    return Q(**{f"{field}__startswith": f"{region.code}."})


def current_releases(region: Region, dataset: str, period: Period | str | None = None):
    releases = Release.objects.filter(code_q(region), dataset=dataset, is_current=True)
    if period is not None:
        releases = releases.filter(period=str(period))
    return releases


def is_rollup(region: Region) -> bool:
    return region.level != Level.VILLAGE


# -- periods and coverage ---------------------------------------------------------------
def periods(region: Region, dataset: str) -> list[Period]:
    """The periods with figures for ``region``, newest first (one query)."""
    found = current_releases(region, dataset).values_list("period", flat=True).distinct()
    return sorted({parse_period(p) for p in found}, key=lambda p: p.sort_key, reverse=True)


def choose_period(
    region: Region, dataset: str, requested: str | None
) -> tuple[Period | None, list[Period]]:
    """The period asked for (when it has figures), else the newest; with all periods."""
    available = periods(region, dataset)
    if requested:
        wanted = str(requested).strip().upper()
        for period in available:
            if str(period) == wanted:
                return period, available
    return (available[0] if available else None), available


@dataclass(frozen=True)
class Coverage:
    """How many of the region's villages reported for the period, and when."""

    reported: int
    expected: int
    oldest: datetime.datetime | None  # the oldest of the counted releases
    newest: datetime.datetime | None  # "last updated"

    @property
    def missing(self) -> int:
        return max(self.expected - self.reported, 0)

    @property
    def complete(self) -> bool:
        return self.reported >= self.expected


def village_count(region: Region) -> int:
    if region.level == Level.VILLAGE:
        return 1
    return Region.objects.filter(level=Level.VILLAGE, code__startswith=f"{region.code}.").count()


def coverage(region: Region, dataset: str, period: Period | str) -> Coverage:
    """Two queries."""
    found = current_releases(region, dataset, period).aggregate(
        reported=Count("pk"), oldest=Min("created_at"), newest=Max("created_at")
    )
    return Coverage(found["reported"], village_count(region), found["oldest"], found["newest"])


# -- population ---------------------------------------------------------------------
@dataclass
class GroupFigure:
    group: StatisticGroup
    male: int = 0
    female: int = 0

    @property
    def total(self) -> int:
        return self.male + self.female

    @property
    def label(self) -> str:
        return self.group.label


@dataclass
class CategoryFigures:
    category: StatisticCategory
    groups: list[GroupFigure] = field(default_factory=list)

    @property
    def male(self) -> int:
        return sum(g.male for g in self.groups)

    @property
    def female(self) -> int:
        return sum(g.female for g in self.groups)

    @property
    def total(self) -> int:
        return self.male + self.female

    @property
    def has_figures(self) -> bool:
        return self.total > 0


@dataclass
class PopulationTable:
    region: Region
    period: Period | None
    periods: list[Period]
    coverage: Coverage | None
    categories: list[CategoryFigures] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.period is None

    def category(self, slug: str) -> CategoryFigures | None:
        return next((c for c in self.categories if c.category.slug == slug), None)


def categories_for(region: Region):
    """The categories offered in ``region``: the standard ones and its regencies' own."""
    if region.level == Level.PROVINCE:
        own = Q(regency__code__startswith=f"{region.code}.")
    else:
        own = Q(regency__code=region.regency_code)
    return StatisticCategory.objects.filter(Q(regency__isnull=True) | own)


def population(region: Region, requested_period: str | None = None) -> PopulationTable:
    """Every category with its groups' sums for the period (newest by default).

    Categories without any figure in the period are left out. Five queries.
    """
    period, available = choose_period(region, POPULATION, requested_period)
    table = PopulationTable(region, period, available, None)
    if period is None:
        return table
    table.coverage = coverage(region, POPULATION, period)
    sums = {
        row["group_id"]: row
        for row in PopulationFigure.objects.filter(
            code_q(region, "release__region_code"),
            release__dataset=POPULATION,
            release__period=str(period),
            release__is_current=True,
        )
        .values("group_id")
        .annotate(male=Sum("male"), female=Sum("female"))
    }
    groups = StatisticGroup.objects.filter(category__in=categories_for(region)).select_related(
        "category"
    )
    by_category: dict[int, CategoryFigures] = {}
    for group in groups.order_by("category__order", "category__slug", "order", "pk"):
        row = sums.get(group.pk)
        entry = by_category.setdefault(group.category_id, CategoryFigures(group.category))
        entry.groups.append(
            GroupFigure(group, row["male"] if row else 0, row["female"] if row else 0)
        )
    table.categories = [c for c in by_category.values() if c.has_figures]
    return table


# -- APBDes -------------------------------------------------------------------------
@dataclass
class AccountFigure:
    account: Account
    budget: int = 0
    realisation: int = 0
    children: list[AccountFigure] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.account.code

    @property
    def name(self) -> str:
        return self.account.name

    @property
    def depth(self) -> int:
        return self.account.depth

    @property
    def percent_realised(self) -> Decimal | None:
        if not self.budget:
            return None
        return (Decimal(self.realisation) * 100 / Decimal(self.budget)).quantize(Decimal("0.1"))


@dataclass
class BudgetTable:
    region: Region
    year: Period | None
    years: list[Period]
    coverage: Coverage | None
    accounts: dict[str, AccountFigure] = field(default_factory=dict)  # by code, every level

    @property
    def is_empty(self) -> bool:
        return self.year is None

    def get(self, code: str) -> AccountFigure | None:
        return self.accounts.get(code)

    def _amount(self, code: str, attr: str) -> int:
        account = self.accounts.get(code)
        return getattr(account, attr) if account else 0

    @property
    def roots(self) -> list[AccountFigure]:
        return [a for a in self.accounts.values() if a.account.parent_id is None]

    def rows(self) -> list[AccountFigure]:
        """Every account with figures, parents before their children (chart order)."""
        return [a for a in self.accounts.values() if a.budget or a.realisation]

    def surplus(self, attr: str = "budget") -> int:
        """Income minus spending: a surplus (positive) or a deficit (negative)."""
        return self._amount("4", attr) - self._amount("5", attr)

    def net_financing(self, attr: str = "budget") -> int:
        return self._amount("6.1", attr) - self._amount("6.2", attr)

    def remaining(self, attr: str = "budget") -> int:
        """SiLPA: surplus or deficit plus net financing."""
        return self.surplus(attr) + self.net_financing(attr)


def budget(region: Region, requested_year: str | None = None) -> BudgetTable:
    """The APBDes by account for the year (newest by default), parents summed from their
    children. Five queries."""
    year, available = choose_period(region, BUDGET, requested_year)
    table = BudgetTable(region, year, available, None)
    if year is None:
        return table
    table.coverage = coverage(region, BUDGET, year)
    sums = {
        row["account_id"]: row
        for row in BudgetLine.objects.filter(
            code_q(region, "release__region_code"),
            release__dataset=BUDGET,
            release__period=str(year),
            release__is_current=True,
        )
        .values("account_id")
        .annotate(budget=Sum("budget"), realisation=Sum("realisation"))
    }
    accounts = sorted(Account.objects.all(), key=lambda a: account_sort_key(a.code))
    figures = {a.pk: AccountFigure(a) for a in accounts}
    for account in accounts:
        row = sums.get(account.pk)
        if row:
            figures[account.pk].budget = row["budget"] or 0
            figures[account.pk].realisation = row["realisation"] or 0
    for account in accounts:
        if account.parent_id:
            figures[account.parent_id].children.append(figures[account.pk])
    # Deepest first, so each parent adds up children that are already complete.
    for account in sorted(accounts, key=lambda a: -a.depth):
        figure = figures[account.pk]
        if not account.is_leaf:
            figure.budget = sum(c.budget for c in figure.children)
            figure.realisation = sum(c.realisation for c in figure.children)
    table.accounts = {a.code: figures[a.pk] for a in accounts}
    return table


# -- development indices --------------------------------------------------------------
@dataclass
class IndexYear:
    year: Period
    values: dict[str, Decimal]  # score and dimensions; averages over villages in a roll-up
    status: indices.Band | None  # a village's status (None in a roll-up)
    status_counts: dict[str, int]  # villages per status (a roll-up; one entry for a village)
    coverage: Coverage


@dataclass
class IndexTable:
    region: Region
    kind: indices.IndexKind
    years: list[IndexYear] = field(default_factory=list)  # newest first

    @property
    def is_empty(self) -> bool:
        return not self.years

    @property
    def latest(self) -> IndexYear | None:
        return self.years[0] if self.years else None


def _band_case(kind: indices.IndexKind) -> Case:
    whens = [
        When(value__gt=band.above, then=Value(band.slug))
        for band in kind.bands
        if band.above is not None
    ]
    return Case(*whens, default=Value(kind.bands[-1].slug), output_field=CharField())


def index(region: Region, kind: indices.IndexKind | str = indices.IDM) -> IndexTable:
    """Every year of the index: values (averaged over the villages in a roll-up), the
    villages per status and the coverage of each year. Five queries."""
    if isinstance(kind, str):
        kind = indices.get_index(kind)
    table = IndexTable(region, kind)
    values = IndexValue.objects.filter(
        code_q(region, "release__region_code"),
        release__dataset=kind.slug,
        release__is_current=True,
    )
    averages: dict[str, dict[str, Decimal]] = {}
    for row in values.values("release__period", "dimension").annotate(value=Avg("value")):
        averages.setdefault(row["release__period"], {})[row["dimension"]] = Decimal(
            str(row["value"])
        ).quantize(Decimal(1).scaleb(-kind.decimal_places))
    counts: dict[str, dict[str, int]] = {}
    for row in (
        values.filter(dimension=indices.SCORE)
        .annotate(band=_band_case(kind))
        .values("release__period", "band")
        .annotate(n=Count("pk"))
    ):
        counts.setdefault(row["release__period"], {})[row["band"]] = row["n"]
    releases = (
        current_releases(region, kind.slug)
        .values("period")
        .annotate(n=Count("pk"), oldest=Min("created_at"), newest=Max("created_at"))
    )
    expected = village_count(region)
    for row in sorted(releases, key=lambda r: parse_period(r["period"]).sort_key, reverse=True):
        period = row["period"]
        year_values = averages.get(period, {})
        score = year_values.get(indices.SCORE)
        table.years.append(
            IndexYear(
                year=parse_period(period),
                values=year_values,
                status=kind.status(score) if not is_rollup(region) else None,
                status_counts=counts.get(period, {}),
                coverage=Coverage(row["n"], expected, row["oldest"], row["newest"]),
            )
        )
    return table
