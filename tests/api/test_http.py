"""HTTP behaviour of the API: caching, CORS, unknown hosts and cost per request."""

from pathlib import Path

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import CollectionViewRestriction, PageViewRestriction

import pytest

from tests import factories
from villages.models import Region

from .helpers import make_image

API_LISTINGS = ["/api/v2/pages/", "/api/v2/images/", "/api/v3/pages/", "/api/v3/images/"]


def get(client, host, path, **extra):
    return client.get(path, HTTP_HOST=host, **extra)


# -- caching ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", API_LISTINGS + ["/api/v2/documents/", "/api/v3/documents/"])
def test_anonymous_api_responses_are_publicly_cacheable(client, village_a, path):
    response = get(client, village_a.host, path)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]
    # A shared cache must keep bearer-token requests (which may see drafts) apart.
    assert "Authorization" in response["Vary"]


@pytest.mark.parametrize("path", ["/api/v3/pages/", "/api/v3/images/", "/api/v3/whoami/"])
def test_bearer_api_responses_are_not_publicly_cacheable(
    client, bearer, village_a, operator_a, path
):
    response = get(client, village_a.host, path, **bearer(operator_a))
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")
    assert "private" in response["Cache-Control"]


def test_session_authenticated_v2_responses_are_not_publicly_cacheable(
    client_for, village_a, operator_a
):
    response = get(client_for(operator_a), village_a.host, "/api/v2/pages/")
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")


def test_api_errors_are_not_publicly_cacheable(client, village_a, village_b):
    response = get(client, village_a.host, f"/api/v2/pages/?site={village_b.host}")
    assert response.status_code == 400
    assert "public" not in response.get("Cache-Control", "")


# -- CORS ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v3/pages/"])
def test_cors_allows_only_configured_origins(client, settings, village_a, path):
    settings.CORS_ALLOWED_ORIGINS = ["https://aplikasi.tubankab.go.id"]
    allowed = get(client, village_a.host, path, HTTP_ORIGIN="https://aplikasi.tubankab.go.id")
    assert allowed["Access-Control-Allow-Origin"] == "https://aplikasi.tubankab.go.id"
    refused = get(client, village_a.host, path, HTTP_ORIGIN="https://jahat.example")
    assert refused.status_code == 200
    assert "Access-Control-Allow-Origin" not in refused


def test_cors_headers_are_not_added_outside_the_api(client, settings, village_a):
    settings.CORS_ALLOWED_ORIGINS = ["https://aplikasi.tubankab.go.id"]
    response = get(client, village_a.host, "/", HTTP_ORIGIN="https://aplikasi.tubankab.go.id")
    assert "Access-Control-Allow-Origin" not in response


# -- unknown hosts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", API_LISTINGS + ["/api/v3/openapi.json", "/api/v2/pages/5/", "/api/v3/pages/5/"]
)
@pytest.mark.parametrize("host", ["tidakada.tuban.test", "example.org"])
def test_unknown_host_on_api_is_404(client, regency, host, path):
    response = get(client, host, path)
    assert response.status_code == 404
    assert regency.page.title not in response.text
    assert "Kebonharjo" not in response.text


# -- cost does not grow with the number of villages ------------------------------------


def count_queries(client, host, path):
    get(client, host, path)  # warm the site-root index, which provisioning invalidates
    with CaptureQueriesContext(connection) as queries:
        response = get(client, host, path)
    assert response.status_code == 200
    return len(queries)


def test_api_listing_query_count_does_not_grow_with_villages(client, village_a):
    make_image(village_a.collection, "Balai Desa Kebonharjo")
    before = {path: count_queries(client, village_a.host, path) for path in API_LISTINGS}

    existing = set(Region.objects.values_list("pk", flat=True))
    factories.provision_regions(
        "35.23.02", base_domain="tuban.test", path=Path("villages/data/wilayah_jatim_demo.csv")
    )
    added = Region.objects.exclude(pk__in=existing).filter(level="village")
    assert added.count() >= 15
    # Other villages make pages and collections private, some to a group: a group
    # restriction costs one query each in Wagtail's own, installation-wide check.
    group = Group.objects.create(name="Perangkat desa lain")
    for region in added.select_related("site__root_page", "collection"):
        restriction = PageViewRestriction.objects.create(
            page=region.site.root_page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(group)
        collection_restriction = CollectionViewRestriction.objects.create(
            collection=region.collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        collection_restriction.groups.add(group)

    after = {path: count_queries(client, village_a.host, path) for path in API_LISTINGS}
    assert after == before
