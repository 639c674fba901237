"""The freshness dashboard says per village whether this year's APBDes and this period's
population statistics were entered, in the same number of queries for 2 and 20 villages."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from editorial import freshness
from opendata.models import Account, BudgetLine, PopulationFigure, StatisticGroup
from opendata.periods import parse_period
from opendata.releases import NewRelease, publish_many
from tests import factories
from tests.editorial.test_freshness_dashboard import csv_rows, extra_villages_csv, row_html
from villages.timezones import WIB

pytestmark = pytest.mark.django_db

DASHBOARD = "editorial_freshness"
RESULTS = "editorial_freshness_results"


def releases(villages, *, budget_year, population_period):
    group = StatisticGroup.objects.select_related("category").get(
        category__slug="agama", label="Islam"
    )
    account = Account.objects.get(code="4.2.1")
    new = []
    for village in villages:
        if budget_year:
            new.append(
                NewRelease(
                    village,
                    "apbdes",
                    parse_period(budget_year),
                    [BudgetLine(account=account, budget=1_000_000_000, realisation=0)],
                )
            )
        if population_period:
            new.append(
                NewRelease(
                    village,
                    "penduduk",
                    parse_period(population_period),
                    [PopulationFigure(category=group.category, group=group, male=5, female=6)],
                )
            )
    return publish_many(new, source="form")


def test_columns_say_yes_with_date_or_not_yet(client_for, regency, village_a, village_b):
    year, (semester, _whole_year) = freshness.data_periods()
    last_year = str(int(year) - 1)
    saved = releases([village_a.region], budget_year=year, population_period=semester)
    # Wangi entered only last year's APBDes: not this year's.
    releases([village_b.region], budget_year=last_year, population_period=None)
    # Another regency's village never shows up.
    releases([factories.tenant("35.24.01.2001").region], budget_year=year, population_period=None)
    client = client_for(factories.regency_admin_of(regency))

    page = client.get(reverse(RESULTS)).content.decode()
    kebonharjo, wangi = row_html(page, "Kebonharjo"), row_html(page, "Wangi")
    assert f"APBDes {year}: Ya</span>" in kebonharjo
    assert f"Penduduk {semester}: Ya</span>" in kebonharjo
    assert f"APBDes {year}: Belum</span>" in wangi
    assert f"Penduduk {semester}: Belum</span>" in wangi
    # The day it was entered, on the cell (and in the CSV below).
    assert f'title="{saved[0].created_at.astimezone(WIB).day} ' in kebonharjo

    rows = {r["Kode"]: r for r in csv_rows(client.get(reverse(DASHBOARD), {"export": "csv"}))}
    entered = saved[0].created_at.astimezone(WIB).date().isoformat()
    assert rows["35.23.02.2001"]["APBDes tahun ini diisi"] == entered
    assert rows["35.23.02.2001"]["Statistik penduduk periode ini diisi"] == entered
    assert rows["35.23.02.2002"]["APBDes tahun ini diisi"] == ""
    assert "35.24.01.2001" not in rows


def test_a_whole_year_of_statistics_counts_for_this_period(regency, village_a):
    year, periods = freshness.data_periods()
    assert year in periods
    releases([village_a.region], budget_year=None, population_period=year)
    row = next(
        r for r in freshness.village_freshness([regency.region]) if r.code == village_a.region.code
    )
    assert row.population_entered_at is not None and row.budget_entered_at is None


def test_data_columns_cost_the_same_queries_for_2_and_20_villages(
    client_for, regency, tmp_path, django_assert_max_num_queries
):
    year, (semester, _) = freshness.data_periods()
    jatirogo = factories.tenant("35.23.02").region
    client = client_for(factories.regency_admin_of(regency))

    def measure():
        with CaptureQueriesContext(connection) as ctx:
            rows = freshness.village_freshness([jatirogo])
        return len(ctx.captured_queries), rows

    two = [factories.tenant(c).region for c in ("35.23.02.2001", "35.23.02.2002")]
    releases(two, budget_year=year, population_period=semester)
    measure()  # warm up caches
    before, rows = measure()
    assert sum(r.budget_entered_at is not None for r in rows) == 2

    factories.provision_regions("35.23.02", "tuban.test", path=extra_villages_csv(tmp_path, 18))
    more = [factories.tenant(f"35.23.02.{2100 + n}").region for n in range(1, 19)]
    releases(more, budget_year=year, population_period=semester)
    after, rows = measure()
    assert sum(r.budget_entered_at is not None for r in rows) == 20
    assert sum(r.population_entered_at is not None for r in rows) == 20
    assert after == before
    with django_assert_max_num_queries(30):
        assert client.get(reverse(RESULTS)).status_code == 200
    assert re.search(r": Ya</span>", client.get(reverse(RESULTS)).content.decode())
