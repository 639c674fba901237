"""The public data pages through the test client, on each site's real host: a village's own
figures, a kecamatan's and the regency's sums over the villages below, with coverage."""

import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest

from opendata.models import BudgetPage, IndexPage, PopulationPage
from tests import factories
from tests.opendata.test_rollups import budget_release, index_release, population_release
from villages.models import Region
from villages.models.regions import Level

pytestmark = pytest.mark.django_db

JATIROGO = "35.23.02"


def data_page(tenant, model):
    return model.objects.child_of(tenant.page).get()


def get(client, tenant, model, query="", suffix=""):
    """GET the data page below ``tenant``'s page on its site's real host."""
    url = urlsplit(data_page(tenant, model).get_full_url())
    return client.get(url.path + suffix + query, HTTP_HOST=url.hostname)


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def chart(content, slug):
    """The bar values of the SVG chart and the cell values of its table."""
    figure = re.search(
        rf'<figure class="data-chart" id="chart-{slug}">(.*?)</figure>', content, re.S
    )
    assert figure, f"no chart {slug}"
    body = figure.group(1)
    svg = body[body.index("<svg") : body.index("</svg>")]
    table = body[body.index("<table") : body.index("</table>")]
    bars = re.findall(r'<rect [^>]*data-value="([^"]*)"', svg)
    cells = re.findall(r'<td data-value="([^"]*)"', table)
    labels = re.findall(r'<th scope="row">([^<]*)</th>', table)
    return bars, cells, labels, body


def add_villages(n, district_code=JATIROGO):
    """``n`` more villages in the district (regions only: they need no site to report)."""
    district = Region.objects.get(code=district_code)
    return [
        Region.objects.create(
            code=f"{district_code}.{2100 + i}",
            name=f"Desa Uji {i}",
            level=Level.VILLAGE,
            parent=district,
        )
        for i in range(n)
    ]


# -- empty state ----------------------------------------------------------------------------
@pytest.mark.parametrize("model", [PopulationPage, BudgetPage, IndexPage])
def test_empty_state_before_any_figure(client, village_a, model):
    content = html(get(client, village_a, model))
    assert "Belum ada data" in content
    assert "<svg" not in content
    assert "data.csv" not in content


# -- population -----------------------------------------------------------------------------
def test_village_population_chart_equals_its_table_and_shows_no_other_village(
    client, village_a, village_b
):
    population_release(
        village_a.region,
        "2025-S1",
        {("agama", "Islam"): (1210, 1185), ("agama", "Kristen"): (31, 29)},
    )
    population_release(village_b.region, "2025-S1", {("agama", "Islam"): (777, 888)})
    content = html(get(client, village_a, PopulationPage))
    bars, cells, labels, body = chart(content, "agama")
    assert bars == cells
    assert labels[:2] == ["Islam", "Kristen"]
    assert cells[:4] == ["1210", "1185", "31", "29"]
    assert 'role="img"' in body and 'aria-labelledby="chart-agama-caption"' in body
    assert '<caption id="chart-agama-caption">' in body
    assert 'viewBox="0 0 600 ' in body and 'width="100%"' in body
    assert "777" not in content and "888" not in content
    assert "Terakhir diperbarui" in content
    assert "desa melapor" not in content  # a village is not a roll-up


def test_period_selector_works_without_javascript(client, village_a):
    population_release(village_a.region, "2024-S2", {("agama", "Islam"): (1000, 1001)})
    population_release(village_a.region, "2025-S1", {("agama", "Islam"): (1210, 1185)})
    newest = html(get(client, village_a, PopulationPage))
    assert '<form method="get"' in newest and 'name="periode"' in newest
    assert '<option value="2025-S1" selected>' in newest and '<option value="2024-S2">' in newest
    assert chart(newest, "agama")[1][:2] == ["1210", "1185"]
    older = html(get(client, village_a, PopulationPage, "?periode=2024-S2"))
    assert chart(older, "agama")[1][:2] == ["1000", "1001"]
    assert '<option value="2024-S2" selected>' in older


def test_district_population_sums_reporting_villages_and_says_one_of_two(
    client, village_a, village_b, village_c
):
    district = factories.tenant(JATIROGO)
    population_release(village_a.region, "2025-S1", {("agama", "Islam"): (1210, 1185)})
    # village_b did not report: left out, not a zero; village_c is in another district.
    population_release(village_c.region, "2025-S1", {("agama", "Islam"): (5, 7)})
    content = html(get(client, district, PopulationPage))
    bars, cells, _labels, _body = chart(content, "agama")
    assert cells[:2] == ["1210", "1185"] and bars == cells
    assert "1 dari 2 desa melapor" in content

    population_release(village_b.region, "2025-S1", {("agama", "Islam"): (10, 20)})
    content = html(get(client, district, PopulationPage))
    assert chart(content, "agama")[1][:2] == [str(1210 + 10), str(1185 + 20)]
    assert "2 dari 2 desa melapor" in content


def test_regency_population_sums_every_district(client, regency, village_a, village_c):
    population_release(village_a.region, "2025-S1", {("agama", "Islam"): (1210, 1185)})
    population_release(village_c.region, "2025-S1", {("agama", "Islam"): (5, 7)})
    content = html(get(client, regency, PopulationPage))
    assert chart(content, "agama")[1][:2] == ["1215", "1192"]
    expected = Region.objects.filter(level=Level.VILLAGE, code__startswith="35.23.").count()
    assert f"2 dari {expected} desa melapor" in content


def test_other_regency_never_sees_these_figures(client, other_regency, village_a):
    population_release(village_a.region, "2025-S1", {("agama", "Islam"): (1210, 1185)})
    content = html(get(client, other_regency, PopulationPage))
    assert "Belum ada data" in content and "1210" not in content


# -- APBDes ---------------------------------------------------------------------------------
def test_village_budget_summary_and_charts(client, village_a, village_b):
    budget_release(
        village_a.region,
        "2025",
        {"4.2.1": (1_012_000_000, 987_500_000), "5.2.1": (800_000_000, 600_000_000)},
    )
    budget_release(village_b.region, "2025", {"4.2.1": (5, 4)})
    content = html(get(client, village_a, BudgetPage))
    summary = content[content.index("budget-summary") : content.index("</table>")]
    values = re.findall(r'<td data-value="(-?\d+)"', summary)
    # income, spending, surplus (budget and realisation each)
    assert values[:6] == [
        "1012000000",
        "987500000",
        "800000000",
        "600000000",
        "212000000",
        "387500000",
    ]
    assert "Surplus" in summary
    assert "97,6%" in summary or "97.6%" in summary  # 987.5 / 1012 realised
    bars, cells, _labels, _body = chart(content, "belanja")
    assert bars == cells == ["800000000", "600000000"]
    bars, cells, _labels, _body = chart(content, "pendapatan")
    assert bars == cells == ["1012000000", "987500000"]
    assert 'name="tahun"' in content


def test_district_budget_counts_reporting_villages_only(client, village_a, village_b):
    district = factories.tenant(JATIROGO)
    budget_release(village_a.region, "2025", {"4.2.1": (1000, 900), "5.1.1": (1500, 100)})
    content = html(get(client, district, BudgetPage))
    assert "1 dari 2 desa melapor" in content
    assert "Defisit" in content
    assert chart(content, "pendapatan")[1] == ["1000", "900"]
    budget_release(village_b.region, "2025", {"4.2.1": (10, 9)})
    content = html(get(client, district, BudgetPage))
    assert chart(content, "pendapatan")[1] == ["1010", "909"]


# -- IDM ------------------------------------------------------------------------------------
IDM_A = {"skor": "0.7200", "iks": "0.8000", "ike": "0.6600", "ikl": "0.7000"}
IDM_B = {"skor": "0.5000", "iks": "0.5000", "ike": "0.5000", "ikl": "0.5000"}


def test_village_index_status_and_years(client, village_a):
    index_release(village_a.region, "2024", IDM_B)
    index_release(village_a.region, "2025", IDM_A)
    content = html(get(client, village_a, IndexPage))
    assert "Maju" in content
    bars, cells, labels, _body = chart(content, "nilai")
    assert bars == cells == ["0.7200", "0.8000", "0.6600", "0.7000"]
    assert [Decimal(c) for c in chart(content, "riwayat")[1]] == [Decimal("0.5"), Decimal("0.72")]
    older = html(get(client, village_a, IndexPage, "?tahun=2024"))
    assert chart(older, "nilai")[1][0] == "0.5000"
    assert "Tertinggal" in older


def test_district_index_villages_per_status(client, village_a, village_b):
    district = factories.tenant(JATIROGO)
    index_release(village_a.region, "2025", IDM_A)
    content = html(get(client, district, IndexPage))
    assert "1 dari 2 desa melapor" in content
    bars, cells, labels, _body = chart(content, "status")
    assert bars == cells
    assert dict(zip(labels, cells, strict=True))["Maju"] == "1"
    index_release(village_b.region, "2025", IDM_B)
    content = html(get(client, district, IndexPage))
    assert chart(content, "nilai")[1][0] == "0.6100"  # mean of 0.72 and 0.50
    counts = dict(zip(chart(content, "status")[2], chart(content, "status")[1], strict=True))
    assert counts["Maju"] == "1" and counts["Tertinggal"] == "1"


# -- query counts ---------------------------------------------------------------------------
def _fill(villages):
    for i, village in enumerate(villages):
        population_release(village, "2025-S1", {("agama", "Islam"): (10 + i, 20 + i)})
        budget_release(village, "2025", {"4.2.1": (1000, 900)})
        index_release(village, "2025", IDM_A)


PAGE_QUERIES = 24  # measured: 24 (statistik, apbdes), 23 (idm), for 2 and for 20 villages


@pytest.mark.parametrize("model", [PopulationPage, BudgetPage, IndexPage])
def test_rollup_page_queries_do_not_grow_with_villages(
    client, village_a, village_b, model, django_assert_max_num_queries
):
    district = factories.tenant(JATIROGO)
    _fill([village_a.region, village_b.region])
    get(client, district, model)  # warm caches (site, locale)
    with django_assert_max_num_queries(PAGE_QUERIES):
        two = html(get(client, district, model))
    assert "2 dari 2 desa melapor" in two
    _fill(add_villages(18))
    with django_assert_max_num_queries(PAGE_QUERIES):
        twenty = html(get(client, district, model))
    assert "20 dari 20 desa melapor" in twenty
