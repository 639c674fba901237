"""Demo figures: consistent (sums, score = mean), deterministic and idempotent."""

from decimal import Decimal

import pytest

from opendata import demo, rollups
from opendata.indices import IDM, SCORE
from opendata.models import BudgetLine, IndexValue, PopulationFigure, Release, StatisticCategory
from tests import factories

pytestmark = pytest.mark.django_db

JATIROGO = "35.23.02"


def villages():
    return [factories.tenant(c).region for c in ("35.23.02.2001", "35.23.02.2002")]


def test_population_categories_agree_and_age_bands_sum_to_total():
    code = "35.23.02.2001"
    for period in demo.population_periods():
        rows = demo.population_rows(code, period)
        total = rows[("jenis_kelamin", "Jumlah penduduk")]
        covering = StatisticCategory.objects.filter(covers_population=True).values_list(
            "slug", flat=True
        )
        for slug in covering:
            male = sum(m for (s, _g), (m, _f) in rows.items() if s == slug)
            female = sum(f for (s, _g), (_m, f) in rows.items() if s == slug)
            assert (male, female) == total, slug
        kk = rows[("keluarga", "Kartu Keluarga")]
        for (slug, label), (m, f) in rows.items():
            if slug == "keluarga_bantuan":
                assert m <= kk[0] and f <= kk[1], label
    assert demo.population_rows(code, period) == rows  # deterministic
    assert demo.population_rows("35.23.02.2002", period) != rows  # per village


def test_budget_balances_and_realisation_is_plausible():
    code = "35.23.02.2001"
    for year in demo.budget_years():
        rows = demo.budget_rows(code, year)
        income = sum(b for c, (b, _r) in rows.items() if c.startswith("4."))
        spending = sum(b for c, (b, _r) in rows.items() if c.startswith("5."))
        assert spending == income + rows["6.1.1"][0] - rows["6.2.2"][0]
        assert 0.9e9 * 0.8 < rows["4.2.1"][0] < 1.4e9  # Dana Desa about Rp 1 M
        assert {c[:3] for c in rows if c.startswith("5.")} == set(demo.BIDANG)
        spent = sum(r for c, (_b, r) in rows.items() if c.startswith("5."))
        ratio = spent / spending
        if year < demo.this_year():
            assert 0.8 <= ratio <= 1.0
        else:
            assert ratio < 0.8  # this year is partly realised


def test_index_score_is_mean_and_some_villages_change_status():
    changed = 0
    for n in range(1, 30):
        code = f"35.23.02.{2000 + n}"
        statuses = set()
        for year in demo.index_years():
            values = demo.index_values(code, year)
            mean = (values["iks"] + values["ike"] + values["ikl"]) / 3
            assert abs(values[SCORE] - mean) <= IDM.tolerance
            statuses.add(IDM.status(values[SCORE]).slug)
        changed += len(statuses) > 1
    assert 0 < changed < 29


def test_populate_saves_through_releases_leaves_one_gap_and_is_idempotent(
    django_assert_max_num_queries,
):
    regions = villages()
    saved = demo.populate_open_data(regions)
    assert saved and {r.source for r in saved} == {"demo"}
    counts = (
        Release.objects.count(),
        PopulationFigure.objects.count(),
        BudgetLine.objects.count(),
        IndexValue.objects.count(),
    )
    with django_assert_max_num_queries(4):
        assert demo.populate_open_data(regions) == []
    assert counts == (
        Release.objects.count(),
        PopulationFigure.objects.count(),
        BudgetLine.objects.count(),
        IndexValue.objects.count(),
    )
    assert not Release.objects.filter(version__gt=1).exists()

    this_year = str(demo.this_year())
    gap = demo.without_current_budget(regions)
    assert not Release.objects.filter(region_code=gap, dataset="apbdes", period=this_year).exists()
    district = factories.tenant(JATIROGO).region
    table = rollups.budget(district, this_year)
    assert table.coverage.reported == 1
    # Parents are sums of leaves; roll-up of the district equals the sum of the villages.
    people = rollups.population(district, f"{this_year}-S2")
    total = people.category("jenis_kelamin").total
    assert total == sum(
        sum(
            demo.population_rows(v.code, demo.population_periods()[-1])[
                ("jenis_kelamin", "Jumlah penduduk")
            ]
        )
        for v in regions
    )
    assert people.category("umur").total == total
    idm = rollups.index(regions[0])
    assert len(idm.years) == demo.INDEX_YEARS
    latest = idm.latest.values
    assert abs(latest[SCORE] - (latest["iks"] + latest["ike"] + latest["ikl"]) / 3) <= Decimal(
        "0.0005"
    )
