"""Village data in the API: v2 reads and v3 reads and writes, per village and rolled up, each
site seeing only its own region's figures."""

import json

from wagtail.models import APIToken

import pytest

from opendata.models import Release
from opendata.models.releases import BUDGET, POPULATION
from tests import factories
from tests.opendata.test_rollups import budget_release, index_release, population_release
from villages.models import Region
from villages.models.regions import Level

pytestmark = pytest.mark.django_db


def get(client, host, path):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def islam(data):
    category = next(c for c in data["categories"] if c["slug"] == "agama")
    group = next(g for g in category["groups"] if g["label"] == "Islam")
    return group["male"], group["female"]


@pytest.fixture
def figures(village_a, village_b, village_c, village_other_regency):
    population_release(village_a.region, "2025-S1", {("agama", "Islam"): (1210, 1185)})
    population_release(village_a.region, "2024-S2", {("agama", "Islam"): (1200, 1180)})
    population_release(village_b.region, "2025-S1", {("agama", "Islam"): (10, 20)})
    population_release(village_c.region, "2025-S1", {("agama", "Islam"): (3, 4)})
    population_release(village_other_regency.region, "2025-S1", {("agama", "Islam"): (900, 900)})
    budget_release(village_a.region, "2025", {"4.2.1": (1_012_000_000, 987_500_000)})
    budget_release(village_b.region, "2025", {"4.2.1": (800_000_000, 0)})
    budget_release(village_other_regency.region, "2025", {"4.2.1": (5, 5)})
    index_release(
        village_a.region, "2024", {"skor": "0.8200", "iks": "0.8", "ike": "0.85", "ikl": "0.81"}
    )
    index_release(
        village_b.region, "2024", {"skor": "0.6000", "iks": "0.6", "ike": "0.6", "ikl": "0.6"}
    )


# -- v2 ----------------------------------------------------------------------------------


def test_v2_village_reads_its_own_figures(client, figures, village_a):
    data = get(client, village_a.host, "/api/v2/data/")
    assert data["region"]["code"] == "35.23.02.2001"
    assert data["rollup"] is False
    population = data["population"]
    assert population["period"] == "2025-S1"
    assert population["periods"] == ["2025-S1", "2024-S2"]
    assert islam(population) == (1210, 1185)
    assert population["coverage"]["reported"] == 1
    budget = {a["code"]: a for a in data["budget"]["accounts"]}
    assert budget["4.2.1"]["budget"] == 1_012_000_000
    assert budget["4"]["realisation"] == 987_500_000
    idm = data["indices"][0]
    assert idm["dataset"] == "idm"
    assert idm["years"][0]["values"]["skor"] == "0.8200"
    assert idm["years"][0]["status"] == "mandiri"


def test_v2_period_and_year_are_chosen_by_query(client, figures, village_a):
    older = get(client, village_a.host, "/api/v2/data/penduduk/?periode=2024-s2")
    assert older["period"] == "2024-S2"
    assert islam(older) == (1200, 1180)
    absent = get(client, village_a.host, "/api/v2/data/apbdes/?tahun=2019")
    assert absent["period"] is None
    assert absent["accounts"] == []
    assert absent["periods"] == ["2025"]


@pytest.mark.parametrize(
    "query", ["periode=2025-S3", "tahun=2025-S1", "tahun=abc", "unknown=1", "site=wangi.test"]
)
def test_v2_bad_query_is_a_400_with_a_message(client, figures, village_a, query):
    response = client.get(f"/api/v2/data/?{query}", HTTP_HOST=village_a.host)
    assert response.status_code == 400
    assert response.json()["message"]


def test_v2_unknown_dataset_is_a_404(client, village_a):
    response = client.get("/api/v2/data/rahasia/", HTTP_HOST=village_a.host)
    assert response.status_code == 404


def test_v2_regency_rolls_up_its_villages_only(client, figures, regency, other_regency):
    data = get(client, regency.host, "/api/v2/data/")
    assert data["rollup"] is True
    assert data["region"]["code"] == "35.23"
    # By hand: Kebonharjo 1210/1185 + Wangi 10/20 + Karangasem 3/4; never 35.24's 900/900.
    assert islam(data["population"]) == (1210 + 10 + 3, 1185 + 20 + 4)
    coverage = data["population"]["coverage"]
    assert coverage["reported"] == 3
    assert (
        coverage["expected"]
        == Region.objects.filter(level=Level.VILLAGE, code__startswith="35.23.").count()
    )
    budget = {a["code"]: a for a in data["budget"]["accounts"]}
    assert budget["4.2.1"]["budget"] == 1_012_000_000 + 800_000_000
    idm = data["indices"][0]["years"][0]
    assert idm["values"]["skor"] == "0.7100"
    assert idm["status_counts"] == {"mandiri": 1, "berkembang": 1}

    other = get(client, other_regency.host, "/api/v2/data/")
    assert islam(other["population"]) == (900, 900)
    assert {a["code"]: a for a in other["budget"]["accounts"]}["4.2.1"]["budget"] == 5


def test_v2_village_never_returns_another_villages_figures(client, figures, village_a, village_b):
    a = get(client, village_a.host, "/api/v2/data/penduduk/")
    b = get(client, village_b.host, "/api/v2/data/penduduk/")
    assert islam(a) == (1210, 1185)
    assert islam(b) == (10, 20)
    assert b["periods"] == ["2025-S1"]
    response = client.get(f"/api/v2/data/?site={village_b.host}", HTTP_HOST=village_a.host)
    assert response.status_code == 400


def add_villages(district: Region, count: int, start: int = 3001):
    """``count`` more villages in ``district``, each with a population release."""
    for n in range(start, start + count):
        village = Region.objects.create(
            code=f"{district.code}.{n}",
            name=f"Desa Uji {n}",
            level=Level.VILLAGE,
            parent=district,
        )
        population_release(village, "2025-S1", {("agama", "Islam"): (1, 1)})
        budget_release(village, "2025", {"4.2.1": (1, 1)})
        index_release(village, "2024", {"skor": "0.7", "iks": "0.7", "ike": "0.7", "ikl": "0.7"})


def test_v2_rollup_query_count_does_not_grow_with_villages(
    client, regency, django_assert_max_num_queries
):
    district = Region.objects.get(code="35.23.02")
    add_villages(district, 2)
    with django_assert_max_num_queries(40) as small:
        get(client, regency.host, "/api/v2/data/")
    add_villages(district, 18, start=4001)
    with django_assert_max_num_queries(len(small.captured_queries)):
        data = get(client, regency.host, "/api/v2/data/")
    assert data["population"]["coverage"]["reported"] == 20
    assert Release.objects.filter(dataset=POPULATION).count() == 20
    assert Release.objects.filter(dataset=BUDGET).count() == 20


def test_v2_admin_host_has_no_region(client, db):
    response = client.get("/api/v2/data/", HTTP_HOST="admin.tuban.test")
    assert response.status_code in (400, 404)


# -- v3 reads ----------------------------------------------------------------------------


def test_v3_village_and_regency_read_like_v2(client, figures, village_a, regency):
    own = get(client, village_a.host, "/api/v3/data/penduduk/?periode=2024-S2")
    assert islam(own) == (1200, 1180)
    everything = get(client, regency.host, "/api/v3/data/")
    assert islam(everything["population"]) == (1223, 1209)
    assert everything == get(client, regency.host, "/api/v2/data/")


def test_v3_read_isolation_and_errors(client, figures, village_a, village_b):
    assert islam(get(client, village_b.host, "/api/v3/data/penduduk/")) == (10, 20)
    assert client.get("/api/v3/data/rahasia/", HTTP_HOST=village_a.host).status_code == 404
    bad = client.get("/api/v3/data/?periode=2025-S9", HTTP_HOST=village_a.host)
    assert bad.status_code == 400
    foreign = client.get(f"/api/v3/data/?site={village_b.host}", HTTP_HOST=village_a.host)
    assert foreign.status_code == 400


def test_v3_data_routes_are_in_the_openapi_schema(client, village_a):
    schema = get(client, village_a.host, "/api/v3/openapi.json")
    assert "/api/v3/data/" in schema["paths"]
    write = schema["paths"]["/api/v3/data/{dataset}/"]["post"]
    assert {"201", "400", "401", "403", "404", "422"} <= set(write["responses"])
    # The reads are typed: a regency's system can generate its client from the schema.
    components = schema["components"]["schemas"]

    def answer(path):
        content = schema["paths"][path]["get"]["responses"]["200"]["content"]
        return content["application/json"]["schema"]

    assert answer("/api/v3/data/")["$ref"].endswith("/AllDataOut")
    detail = {ref["$ref"].rsplit("/", 1)[1] for ref in answer("/api/v3/data/{dataset}/")["anyOf"]}
    assert detail == {"PopulationOut", "BudgetOut", "IndexOut"}
    assert {"reported", "expected", "missing"} <= set(components["CoverageOut"]["required"])
    assert "percent_realised" in components["AccountOut"]["properties"]
    assert "status_counts" in components["IndexYearOut"]["properties"]


def test_v3_each_dataset_answers_its_own_type(client, figures, village_a):
    budget = get(client, village_a.host, "/api/v3/data/apbdes/")
    assert budget["dataset"] == "apbdes" and "accounts" in budget and "categories" not in budget
    index = get(client, village_a.host, "/api/v3/data/idm/")
    assert index["dataset"] == "idm" and "years" in index and "accounts" not in index
    population = get(client, village_a.host, "/api/v3/data/penduduk/")
    assert population["dataset"] == "penduduk" and "categories" in population
    # The same answers as v2, field for field.
    for dataset in ("penduduk", "apbdes", "idm"):
        v2 = get(client, village_a.host, f"/api/v2/data/{dataset}/")
        assert get(client, village_a.host, f"/api/v3/data/{dataset}/") == v2


# -- v3 writes ---------------------------------------------------------------------------


def bearer(user):
    """Headers authenticating as ``user`` with a real API token (as tests/api does)."""
    _token, plaintext = APIToken.create_token(user=user, name="uji")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


@pytest.fixture
def api(client):
    def post(user, host, dataset, body, token=True):
        headers = {"HTTP_HOST": host, **(bearer(user) if token else {})}
        return client.post(
            f"/api/v3/data/{dataset}/", json.dumps(body), content_type="application/json", **headers
        )

    return post


def population_body(code="35.23.02.2001", periode="2025-S2", male=1300):
    return {
        "kode_wilayah": code,
        "periode": periode,
        "rows": [
            {"statistik": "agama", "kelompok": "Islam", "laki_laki": male, "perempuan": 1250},
            {"statistik": "agama", "kelompok": "Kristen", "laki_laki": 4, "perempuan": 5},
        ],
    }


def test_v3_operator_writes_own_village_and_reads_it_back(client, api, village_a, operator_a):
    response = api(operator_a, village_a.host, "penduduk", population_body())
    assert response.status_code == 201, response.content
    (saved,) = response.json()["releases"]
    assert saved == {
        "kode_wilayah": "35.23.02.2001",
        "dataset": "penduduk",
        "periode": "2025-S2",
        "versi": 1,
        "baris": 2,
    }
    release = Release.objects.get(village=village_a.region, is_current=True)
    assert (release.source, release.created_by) == ("api", operator_a)
    assert islam(get(client, village_a.host, "/api/v3/data/penduduk/")) == (1300, 1250)

    again = api(operator_a, village_a.host, "penduduk", population_body(male=1301))
    assert again.json()["releases"][0]["versi"] == 2
    assert Release.objects.filter(village=village_a.region).count() == 2


def test_v3_budget_write_through_the_pipeline(api, village_a, operator_a):
    body = {
        "kode_wilayah": "35.23.02.2001",
        "periode": "2025",
        "rows": [
            {
                "kode_rekening": "4.2.1",
                "uraian": "Dana Desa",
                "anggaran": 1012000000,
                "realisasi": 987500000,
            }
        ],
    }
    response = api(operator_a, village_a.host, "apbdes", body)
    assert response.status_code == 201, response.content
    assert Release.objects.get(dataset=BUDGET).row_count == 1


def test_v3_bad_row_is_a_400_naming_row_and_column_and_saves_nothing(api, village_a, operator_a):
    body = population_body()
    body["rows"].append(
        {"statistik": "agama", "kelompok": "Islam-ish", "laki_laki": -1, "perempuan": 1}
    )
    response = api(operator_a, village_a.host, "penduduk", body)
    assert response.status_code == 400, response.content
    problem = response.json()
    errors = problem["errors"]
    assert errors and all(e["row"] == 3 for e in errors)
    assert {e["column"] for e in errors} & {"kelompok", "laki_laki"}
    assert all(e["message"] for e in errors)
    assert not Release.objects.exists()


def test_v3_operator_cannot_write_another_village(api, village_a, village_b, operator_a):
    for host in (village_a.host, village_b.host):
        response = api(operator_a, host, "penduduk", population_body(code="35.23.02.2002"))
        assert response.status_code == 403
    assert not Release.objects.exists()


def test_v3_regency_admin_writes_its_villages_but_not_another_regency(
    api, regency, village_b, village_other_regency
):
    admin = factories.regency_admin_of(regency)
    ok = api(admin, regency.host, "penduduk", population_body(code="35.23.02.2002"))
    assert ok.status_code == 201, ok.content
    refused = api(admin, regency.host, "penduduk", population_body(code="35.24.01.2001"))
    assert refused.status_code == 403
    assert list(Release.objects.values_list("region_code", flat=True)) == ["35.23.02.2002"]


def test_v3_write_without_token_is_refused(api, village_a, operator_a):
    response = api(operator_a, village_a.host, "penduduk", population_body(), token=False)
    assert response.status_code == 401
    assert not Release.objects.exists()


def test_v3_write_unknown_village_or_dataset_is_a_404(api, village_a, operator_a):
    assert (
        api(operator_a, village_a.host, "penduduk", population_body("35.23.02.9999")).status_code
        == 404
    )
    assert api(operator_a, village_a.host, "rahasia", population_body()).status_code == 404
