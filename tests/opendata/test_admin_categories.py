"""A regency's own statistic categories: added by its admin, invisible to other regencies."""

from django.urls import reverse

import pytest

from opendata.models import StatisticCategory
from tests import factories

pytestmark = pytest.mark.django_db

URL = "wagtailsnippets_opendata_statisticcategory"


def category_post(slug, labels):
    data = {
        "name": f"Kategori {slug}",
        "slug": slug,
        "unit": "jiwa",
        "description": "",
        "source": "Dinas Sosial",
        "order": "100",
        "groups-TOTAL_FORMS": str(len(labels)),
        "groups-INITIAL_FORMS": "0",
        "groups-MIN_NUM_FORMS": "0",
        "groups-MAX_NUM_FORMS": "1000",
    }
    for i, label in enumerate(labels):
        data.update({f"groups-{i}-label": label, f"groups-{i}-order": str(i), f"groups-{i}-id": ""})
    return data


@pytest.fixture
def admin_tuban(regency):
    return factories.regency_admin_of(regency)


@pytest.fixture
def own_category(client_for, admin_tuban):
    response = client_for(admin_tuban).post(
        reverse(f"{URL}:add"), category_post("lansia_tuban", ["Lansia", "Bukan lansia"])
    )
    assert response.status_code == 302, response.context["form"].errors
    return StatisticCategory.objects.get(slug="lansia_tuban")


def test_regency_admin_adds_a_category_for_their_regency(own_category, regency):
    assert own_category.regency == regency.region
    assert [g.label for g in own_category.groups.all()] == ["Lansia", "Bukan lansia"]


def test_the_regency_cannot_be_chosen(client_for, admin_tuban, other_regency):
    data = {**category_post("lain", ["A"]), "regency": str(other_regency.region.pk)}
    assert client_for(admin_tuban).post(reverse(f"{URL}:add"), data).status_code == 302
    assert StatisticCategory.objects.get(slug="lain").regency.code == "35.23"


def test_other_regency_neither_sees_nor_edits_it(client_for, own_category, other_regency):
    client = client_for(factories.regency_admin_of(other_regency))
    listing = client.get(reverse(f"{URL}:list"))
    assert listing.status_code == 200
    listed = {c.slug for c in listing.context["object_list"]}
    assert "lansia_tuban" not in listed and "agama" in listed
    edit = client.get(reverse(f"{URL}:edit", args=[own_category.pk]))
    assert edit.status_code == 404
    post = client.post(reverse(f"{URL}:edit", args=[own_category.pk]), category_post("x", ["B"]))
    assert post.status_code == 404
    delete = client.post(reverse(f"{URL}:delete", args=[own_category.pk]))
    assert delete.status_code == 404
    assert StatisticCategory.objects.filter(pk=own_category.pk, slug="lansia_tuban").exists()


def test_standard_categories_are_read_only(client_for, admin_tuban):
    standard = StatisticCategory.objects.get(slug="agama")
    client = client_for(admin_tuban)
    assert client.get(reverse(f"{URL}:edit", args=[standard.pk])).status_code in (302, 403)
    client.post(reverse(f"{URL}:delete", args=[standard.pk]))
    assert StatisticCategory.objects.filter(pk=standard.pk).exists()
    assert client.get(reverse(f"{URL}:inspect", args=[standard.pk])).status_code == 200


def test_own_category_editable_and_offered_in_entry_form(
    client_for, admin_tuban, own_category, village_a, operator_a
):
    client = client_for(admin_tuban)
    edit = client.get(reverse(f"{URL}:edit", args=[own_category.pk]))
    assert edit.status_code == 200
    entry = client_for(operator_a).get(reverse("opendata_entry", args=["penduduk"]))
    assert "lansia_tuban" in entry.text


def test_operators_cannot_add_categories(client_for, operator_a):
    response = client_for(operator_a).post(reverse(f"{URL}:add"), category_post("op", ["A"]))
    assert response.status_code in (302, 403)
    assert not StatisticCategory.objects.filter(slug="op").exists()
