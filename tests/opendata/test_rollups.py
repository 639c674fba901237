"""Roll-ups: sums over the villages below a region, computed by hand here, with coverage."""

from decimal import Decimal

import pytest

from opendata import rollups
from opendata.indices import IDM
from opendata.models import (
    Account,
    BudgetLine,
    IndexValue,
    PopulationFigure,
    Release,
    StatisticGroup,
)
from opendata.periods import parse_period
from opendata.releases import NewRelease, publish
from tests import factories

pytestmark = pytest.mark.django_db


def group(slug, label):
    return StatisticGroup.objects.select_related("category").get(category__slug=slug, label=label)


def population_release(village, period, rows, hamlet=""):
    figures = []
    for (slug, label), (male, female) in rows.items():
        g = group(slug, label)
        figures.append(
            PopulationFigure(category=g.category, group=g, hamlet=hamlet, male=male, female=female)
        )
    return publish(NewRelease(village, "penduduk", parse_period(period), figures), source="form")


def budget_release(village, year, rows):
    accounts = {a.code: a for a in Account.objects.all()}
    figures = [
        BudgetLine(account=accounts[code], budget=budget, realisation=real)
        for code, (budget, real) in rows.items()
    ]
    return publish(NewRelease(village, "apbdes", parse_period(year), figures), source="form")


def index_release(village, year, values):
    figures = [IndexValue(dimension=d, value=Decimal(v)) for d, v in values.items()]
    return publish(NewRelease(village, "idm", parse_period(year), figures), source="form")


def test_district_sums_reporting_villages_only_and_says_who_reported(
    village_a, village_b, django_assert_max_num_queries
):
    district = factories.tenant("35.23.02").region
    population_release(village_a.region, "2025-S1", {("agama", "Islam"): (1210, 1185)})
    population_release(village_b.region, "2025-S1", {("agama", "Islam"): (10, 20)})
    # Karangasem is in another district: never in Jatirogo's sums.
    population_release(
        factories.tenant("35.23.12.2001").region, "2025-S1", {("agama", "Islam"): (5, 5)}
    )

    with django_assert_max_num_queries(5):
        table = rollups.population(district)
    islam = table.category("agama").groups[0]
    assert (islam.male, islam.female) == (1220, 1205)
    assert (table.coverage.reported, table.coverage.expected) == (2, 2)

    regency = factories.tenant("35.23").region
    regency_table = rollups.population(regency)
    assert regency_table.category("agama").male == 1225
    assert regency_table.coverage.reported == 3


def test_a_village_that_did_not_report_is_not_counted_as_zero(village_a, village_b):
    district = factories.tenant("35.23.02").region
    population_release(village_a.region, "2025-S1", {("agama", "Islam"): (100, 90)})
    population_release(village_b.region, "2024-S2", {("agama", "Islam"): (7, 7)})

    table = rollups.population(district, "2025-S1")
    assert table.category("agama").total == 190
    assert (table.coverage.reported, table.coverage.missing) == (1, 1)
    assert [str(p) for p in table.periods] == ["2025-S1", "2024-S2"]


def test_a_new_release_replaces_the_figures_and_keeps_the_old_one_as_history(village_a):
    first = population_release(village_a.region, "2025-S1", {("agama", "Islam"): (1, 1)})
    second = population_release(village_a.region, "2025-S1", {("agama", "Islam"): (2, 3)})
    first.refresh_from_db()
    assert (first.version, first.is_current) == (1, False)
    assert (second.version, second.is_current) == (2, True)
    assert rollups.population(village_a.region).category("agama").total == 5
    assert Release.objects.filter(village=village_a.region).count() == 2


def test_budget_parents_are_the_sums_of_their_children(village_a, village_b):
    budget_release(
        village_a.region,
        "2025",
        {
            "4.2.1": (1_012_000_000, 987_500_000),
            "4.2.3": (400_000_000, 400_000_000),
            "5.2.3": (900_000_000, 850_000_000),
            "6.1.1": (50_000_000, 50_000_000),
        },
    )
    budget_release(village_b.region, "2025", {"4.2.1": (800_000_000, 0)})
    table = rollups.budget(village_a.region)
    assert table.get("4.2").budget == 1_412_000_000
    assert table.get("4").realisation == 1_387_500_000
    assert table.get("5.2").budget == 900_000_000
    assert table.surplus() == 512_000_000
    assert table.remaining() == 562_000_000
    assert table.get("4.2.1").percent_realised == Decimal("97.6")

    district = rollups.budget(factories.tenant("35.23.02").region, "2025")
    assert district.get("4").budget == 1_412_000_000 + 800_000_000
    assert district.coverage.reported == 2


def test_index_status_comes_from_the_official_thresholds(village_a, village_b):
    index_release(
        village_a.region, "2024", {"skor": "0.8200", "iks": "0.8", "ike": "0.85", "ikl": "0.81"}
    )
    index_release(
        village_b.region, "2024", {"skor": "0.6000", "iks": "0.6", "ike": "0.6", "ikl": "0.6"}
    )
    own = rollups.index(village_a.region, IDM)
    assert own.latest.status.slug == "mandiri"
    district = rollups.index(factories.tenant("35.23.02").region, IDM)
    assert district.latest.values["skor"] == Decimal("0.7100")
    assert district.latest.status_counts == {"mandiri": 1, "berkembang": 1}
    assert IDM.status(Decimal("0.8155")).slug == "maju"
    assert IDM.status(Decimal("0.4907")).slug == "sangat_tertinggal"
