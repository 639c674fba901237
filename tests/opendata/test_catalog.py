"""The DCAT catalogue of each site, parsed as JSON-LD with rdflib and asserted by triples."""

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from tests.opendata.test_rollups import budget_release, index_release, population_release

pytestmark = pytest.mark.django_db

CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")


def catalog(client, host):
    response = client.get("/data/catalog.jsonld", HTTP_HOST=host)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/ld+json")
    body = response.content.decode()
    assert isinstance(response.json()["@context"], dict)  # inline, nothing fetched
    return Graph().parse(data=body, format="json-ld")


def datasets(graph):
    return set(graph.subjects(RDF.type, DCAT.Dataset))


def download_urls(graph):
    return {str(url) for url in graph.objects(None, DCAT.downloadURL)}


@pytest.fixture
def figures(village_a, village_b, village_other_regency):
    population_release(village_a.region, "2025-S1", {("agama", "Islam"): (1210, 1185)})
    population_release(village_a.region, "2024-S2", {("agama", "Islam"): (1200, 1180)})
    budget_release(village_a.region, "2025", {"4.2.1": (1_012_000_000, 987_500_000)})
    index_release(
        village_a.region, "2024", {"skor": "0.8200", "iks": "0.8", "ike": "0.85", "ikl": "0.81"}
    )
    population_release(village_b.region, "2023-S1", {("agama", "Islam"): (10, 20)})
    population_release(village_other_regency.region, "2022", {("agama", "Islam"): (9, 9)})


def test_village_catalogue_lists_its_three_datasets_with_licence_and_downloads(
    client, figures, village_a
):
    graph = catalog(client, village_a.host)
    catalogs = set(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    (cat,) = catalogs
    assert (cat, DCTERMS.license, CC_BY) in graph
    assert len(datasets(graph)) == 3
    assert set(graph.objects(cat, DCAT.dataset)) == datasets(graph)
    for dataset in datasets(graph):
        assert (dataset, DCTERMS.license, CC_BY) in graph
        assert graph.value(dataset, DCTERMS.modified) is not None
        assert graph.value(dataset, DCTERMS.temporal) is not None

    publisher = graph.value(cat, DCTERMS.publisher)
    assert graph.value(publisher, DCTERMS.identifier) == Literal("35.23.02.2001")
    assert "Kebonharjo" in str(graph.value(publisher, FOAF.name))

    root = f"http://{village_a.host}"
    urls = download_urls(graph)
    for extension in ("csv", "json", "xlsx"):
        assert f"{root}/statistik/data.{extension}?periode=2025-S1" in urls
        assert f"{root}/statistik/data.{extension}?periode=2024-S2" in urls
        assert f"{root}/apbdes/data.{extension}?tahun=2025" in urls
        assert f"{root}/idm/data.{extension}?tahun=2024" in urls
    assert len(urls) == 3 * (2 + 1 + 1)
    media = {str(m) for m in graph.objects(None, DCAT.mediaType)}
    assert "https://www.iana.org/assignments/media-types/text/csv" in media

    population = next(d for d in datasets(graph) if str(d).endswith("/statistik/#dataset"))
    period = graph.value(population, DCTERMS.temporal)
    assert graph.value(period, DCAT.startDate) == Literal("2024-07-01", datatype=XSD.date)
    assert graph.value(period, DCAT.endDate) == Literal("2025-06-30", datatype=XSD.date)


def test_village_catalogue_never_lists_another_villages_periods(
    client, figures, village_a, village_b
):
    b = catalog(client, village_b.host)
    assert len(datasets(b)) == 1  # only population; no APBDes nor IDM entered
    urls = download_urls(b)
    assert urls == {
        f"http://{village_b.host}/statistik/data.{e}?periode=2023-S1"
        for e in ("csv", "json", "xlsx")
    }
    assert not any(village_a.host in url for url in urls)


def test_regency_catalogue_covers_its_villages_on_its_own_host(
    client, figures, regency, other_regency
):
    graph = catalog(client, regency.host)
    urls = download_urls(graph)
    assert urls and all(url.startswith(f"http://{regency.host}/") for url in urls)
    assert f"http://{regency.host}/statistik/data.csv?periode=2023-S1" in urls
    assert not any("2022" in url for url in urls)  # the other regency's period
    (cat,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert graph.value(graph.value(cat, DCTERMS.publisher), DCTERMS.identifier) == Literal("35.23")

    other = download_urls(catalog(client, other_regency.host))
    assert other == {
        f"http://{other_regency.host}/statistik/data.{e}?periode=2022"
        for e in ("csv", "json", "xlsx")
    }


def test_catalogue_without_data_has_no_datasets(client, village_a):
    graph = catalog(client, village_a.host)
    assert len(set(graph.subjects(RDF.type, DCAT.Catalog))) == 1
    assert not datasets(graph)


def test_catalogue_query_count_is_fixed(client, figures, regency, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        catalog(client, regency.host)
