"""Downloads of the data pages: the import layouts' rows, per village below a roll-up."""

import csv
import io
import json
from urllib.parse import urlsplit

import pytest
import tablib

from opendata.models import BudgetPage, IndexPage, PopulationPage
from tests import factories
from tests.opendata.test_pages import IDM_A, IDM_B, JATIROGO, add_villages
from tests.opendata.test_rollups import budget_release, index_release, population_release

pytestmark = pytest.mark.django_db

POPULATION = ["kode_wilayah", "periode", "statistik", "kelompok", "laki_laki", "perempuan"]
BUDGET = ["kode_wilayah", "tahun", "kode_rekening", "uraian", "anggaran", "realisasi"]
INDEX = ["kode_wilayah", "tahun", "indeks", "dimensi", "nilai"]


def download(client, tenant, model, name, query=""):
    page = model.objects.child_of(tenant.page).get()
    url = urlsplit(page.get_full_url())
    return client.get(url.path + name + query, HTTP_HOST=url.hostname)


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_village_population_csv_has_the_import_layout_and_only_its_rows(
    client, village_a, village_b
):
    population_release(village_a.region, "2024-S2", {("agama", "Islam"): (1, 2)})
    population_release(village_a.region, "2025-S1", {("agama", "Islam"): (1210, 1185)})
    population_release(village_b.region, "2025-S1", {("agama", "Islam"): (777, 888)})
    response = download(client, village_a, PopulationPage, "data.csv", "?periode=2025-S1")
    rows = csv_rows(response)
    assert rows[0] == POPULATION
    assert rows[1:] == [["35.23.02.2001", "2025-S1", "agama", "Islam", "1210", "1185"]]
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="statistik-35.23.02.2001-2025-S1.csv"'
    )
    older = csv_rows(download(client, village_a, PopulationPage, "data.csv", "?periode=2024-S2"))
    assert older[1:] == [["35.23.02.2001", "2024-S2", "agama", "Islam", "1", "2"]]


def test_district_budget_rows_are_per_village_below(client, village_a, village_b, village_c):
    district = factories.tenant(JATIROGO)
    budget_release(village_a.region, "2025", {"4.2.1": (1012000000, 987500000)})
    budget_release(village_b.region, "2025", {"4.2.1": (10, 9)})
    budget_release(village_c.region, "2025", {"4.2.1": (5, 5)})  # another district
    rows = csv_rows(download(client, district, BudgetPage, "data.csv", "?tahun=2025"))
    assert rows[0] == BUDGET
    assert [r[0] for r in rows[1:]] == ["35.23.02.2001", "35.23.02.2002"]
    assert rows[1][1:3] == ["2025", "4.2.1"] and rows[1][4:] == ["1012000000", "987500000"]


def test_json_and_xlsx_carry_the_same_rows(client, village_a):
    index_release(village_a.region, "2025", IDM_A)
    response = download(client, village_a, IndexPage, "data.json", "?tahun=2025")
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["kolom"] == INDEX and data["tahun"] == "2025"
    assert {(r["dimensi"], r["nilai"]) for r in data["data"]} == {(d, v) for d, v in IDM_A.items()}
    assert all(r["kode_wilayah"] == "35.23.02.2001" and r["indeks"] == "idm" for r in data["data"])

    response = download(client, village_a, IndexPage, "data.xlsx", "?tahun=2025")
    assert response["Content-Disposition"].endswith('idm-35.23.02.2001-2025.xlsx"')
    sheet = tablib.Dataset().load(response.content, format="xlsx")
    assert list(sheet.headers) == INDEX
    assert len(sheet) == 4


def test_regency_xlsx_population_rows(client, regency, village_a, village_c):
    population_release(village_a.region, "2025-S1", {("agama", "Islam"): (3, 4)})
    population_release(village_c.region, "2025-S1", {("agama", "Islam"): (5, 6)})
    response = download(client, regency, PopulationPage, "data.xlsx")
    sheet = tablib.Dataset().load(response.content, format="xlsx")
    assert list(sheet.headers) == POPULATION
    assert [tuple(r) for r in sheet] == [
        ("35.23.02.2001", "2025-S1", "agama", "Islam", 3, 4),
        ("35.23.12.2001", "2025-S1", "agama", "Islam", 5, 6),
    ]


def test_other_regency_download_has_no_rows_of_ours(client, other_regency, village_a):
    budget_release(village_a.region, "2025", {"4.2.1": (10, 9)})
    rows = csv_rows(download(client, other_regency, BudgetPage, "data.csv", "?tahun=2025"))
    assert rows == [BUDGET]


def test_unknown_format_is_not_found(client, village_a):
    assert download(client, village_a, BudgetPage, "data.pdf").status_code == 404


@pytest.mark.parametrize(
    ("model", "query"),
    [(PopulationPage, "?periode=2025-S1"), (BudgetPage, "?tahun=2025"), (IndexPage, "?tahun=2025")],
)
def test_download_queries_do_not_grow_with_villages(
    client, village_a, village_b, model, query, django_assert_max_num_queries
):
    district = factories.tenant(JATIROGO)

    def fill(villages):
        for village in villages:
            population_release(village, "2025-S1", {("agama", "Islam"): (1, 2)})
            budget_release(village, "2025", {"4.2.1": (10, 9)})
            index_release(village, "2025", IDM_B)

    fill([village_a.region, village_b.region])
    download(client, district, model, "data.csv", query)
    with django_assert_max_num_queries(DOWNLOAD_QUERIES):
        two = csv_rows(download(client, district, model, "data.csv", query))
    fill(add_villages(18))
    with django_assert_max_num_queries(DOWNLOAD_QUERIES):
        twenty = csv_rows(download(client, district, model, "data.csv", query))
    assert len({r[0] for r in two[1:]}) == 2 and len({r[0] for r in twenty[1:]}) == 20


DOWNLOAD_QUERIES = 13  # measured: 13, for 2 and for 20 villages
