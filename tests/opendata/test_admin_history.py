"""The "Data desa" history in the admin: scoped to the user's villages, every version kept."""

from django.urls import reverse

import pytest

from opendata.models import Release
from tests import factories
from tests.opendata.test_rollups import budget_release, index_release, population_release

pytestmark = pytest.mark.django_db

HISTORY = "opendata_history"


@pytest.fixture
def releases(village_a, village_b, village_other_regency):
    first = population_release(village_a.region, "2025-S1", {("agama", "Islam"): (1210, 1185)})
    second = population_release(village_a.region, "2025-S1", {("agama", "Islam"): (1211, 1186)})
    b = budget_release(village_b.region, 2025, {"4.2.1": (1012000000, 987500000)})
    other = index_release(
        village_other_regency.region,
        2024,
        {"skor": "0.7000", "iks": "0.7000", "ike": "0.7000", "ikl": "0.7000"},
    )
    return {"a1": first, "a2": second, "b": b, "other": other}


def listed(client, **params):
    response = client.get(reverse(HISTORY), params)
    assert response.status_code == 200
    return response


def test_operator_sees_only_their_village_with_every_version(client_for, operator_a, releases):
    response = listed(client_for(operator_a))
    ids = {r.pk for r in response.context["releases"]}
    assert ids == {releases["a1"].pk, releases["a2"].pk}
    text = response.text
    assert "v1" in text and "v2" in text
    assert "diganti" in text and "berlaku" in text
    assert "Wangi" not in text and "Sembung" not in text


def test_regency_admin_sees_their_regency_only(client_for, regency, other_regency, releases):
    response = listed(client_for(factories.regency_admin_of(regency)))
    ids = {r.pk for r in response.context["releases"]}
    assert ids == {releases["a1"].pk, releases["a2"].pk, releases["b"].pk}
    response = listed(client_for(factories.regency_admin_of(other_regency)))
    assert {r.pk for r in response.context["releases"]} == {releases["other"].pk}


def test_filters_by_village_dataset_and_period(client_for, regency, releases):
    client = client_for(factories.regency_admin_of(regency))
    by_village = listed(client, desa="35.23.02.2002").context["releases"]
    assert [r.pk for r in by_village] == [releases["b"].pk]
    by_dataset = listed(client, data="penduduk").context["releases"]
    assert {r.pk for r in by_dataset} == {releases["a1"].pk, releases["a2"].pk}
    assert list(listed(client, periode="2024").context["releases"]) == []
    # Another regency's village named in the filter shows nothing of it.
    assert list(listed(client, desa="35.24.01.2001").context["releases"]) == []


def test_detail_shows_the_figures_of_that_version(client_for, operator_a, releases):
    client = client_for(operator_a)
    old = client.get(reverse("opendata_release", args=[releases["a1"].pk]))
    assert old.status_code == 200
    assert "1210" in old.text and "1185" in old.text and "diganti" in old.text
    new = client.get(reverse("opendata_release", args=[releases["a2"].pk]))
    assert "1211" in new.text and "1186" in new.text


def test_detail_of_budget_and_index(client_for, operator_b, other_regency, releases):
    budget = client_for(operator_b).get(reverse("opendata_release", args=[releases["b"].pk]))
    assert "4.2.1" in budget.text and "987500000" in budget.text
    admin = factories.regency_admin_of(other_regency)
    index = client_for(admin).get(reverse("opendata_release", args=[releases["other"].pk]))
    assert "0,7000" in index.text and "Berkembang" in index.text


def test_another_villages_release_is_404(client_for, operator_a, operator_b, regency, releases):
    client = client_for(operator_b)
    assert client.get(reverse("opendata_release", args=[releases["a1"].pk])).status_code == 404
    client = client_for(factories.regency_admin_of(regency))
    response = client.get(reverse("opendata_release", args=[releases["other"].pk]))
    assert response.status_code == 404
    assert Release.objects.filter(pk=releases["other"].pk).exists()


def test_menu_shown_to_operators_not_to_plain_users(client_for, operator_a):
    home = client_for(operator_a).get(reverse("wagtailadmin_home"))
    assert reverse(HISTORY) in home.text
    plain = factories.make_user()
    assert client_for(plain).get(reverse(HISTORY)).status_code in (302, 403)


def test_history_query_count_is_bounded(
    client_for, regency, releases, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(factories.regency_admin_of(regency))
    listed(client)
    with CaptureQueriesContext(connection) as few:
        listed(client)
    for _ in range(5):
        population_release(
            factories.tenant("35.23.12.2001").region, "2025-S2", {("agama", "Islam"): (1, 1)}
        )
    # As many queries for many releases as for few, and a fixed bound.
    with django_assert_max_num_queries(len(few.captured_queries)):
        listed(client)
    assert len(few.captured_queries) <= 35
