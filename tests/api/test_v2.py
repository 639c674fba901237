"""Wagtail API v2 (/api/v2/): every village's API shows only that village's public content."""

from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

import pytest

from home.models import ContactPage, ProfilePage, StandardPage
from villages.models import DistrictPage, RegencyPage, VillageHomePage

from .helpers import add_page, make_document, make_image, restrict, section, titles


def get(client, host, path, **extra):
    return client.get(path, HTTP_HOST=host, **extra)


def ids(response):
    assert response.status_code == 200, response.content[:500]
    return {item["id"] for item in response.json()["items"]}


def live_ids_under(page):
    return set(Page.objects.live().descendant_of(page, inclusive=True).values_list("pk", flat=True))


# -- pages ------------------------------------------------------------------------------


def test_v2_pages_list_only_the_requesting_village(client, village_a, village_b):
    response = get(client, village_a.host, "/api/v2/pages/?limit=100")
    listed = ids(response)
    assert listed == live_ids_under(village_a.page)
    assert not listed & live_ids_under(village_b.page)
    assert "Desa Wangi" not in titles(response)


def test_v2_regency_portal_does_not_list_other_regency_pages(
    client, regency, village_a, village_other_regency
):
    listed = ids(get(client, regency.host, "/api/v2/pages/?limit=100"))
    assert village_a.page.pk in listed
    assert not listed & live_ids_under(village_other_regency.page)


def test_v2_detail_of_other_village_page_via_this_host_is_404(client, village_a, village_b):
    response = get(client, village_a.host, f"/api/v2/pages/{section(village_b, 'profil').pk}/")
    assert response.status_code == 404
    assert get(client, village_b.host, f"/api/v2/pages/{village_b.page.pk}/").status_code == 200


def test_v2_site_parameter_naming_other_village_is_refused(client, village_a, village_b):
    response = get(client, village_a.host, f"/api/v2/pages/?site={village_b.host}")
    assert response.status_code == 400
    assert "Desa Wangi" not in response.text
    own = get(client, village_a.host, f"/api/v2/pages/?site={village_a.host}")
    assert "Desa Kebonharjo" in titles(own)


def test_v2_child_of_other_village_page_is_refused(client, village_a, village_b):
    response = get(client, village_a.host, f"/api/v2/pages/?child_of={village_b.page.pk}")
    assert response.status_code == 400
    assert "Profil Desa" not in response.text


def test_v2_find_by_html_path_resolves_within_requesting_village(client, village_a):
    response = get(client, village_a.host, "/api/v2/pages/find/?html_path=/profil/")
    assert response.status_code == 302
    location = response["Location"].split("?")[0]
    assert location.endswith(f"/api/v2/pages/{section(village_a, 'profil').pk}/")


def test_v2_drafts_are_not_exposed(client, village_a):
    draft = add_page(village_a.page, "Draf Rahasia Kebonharjo", "draf-rahasia", live=False)
    response = get(client, village_a.host, "/api/v2/pages/?limit=100")
    assert "Draf Rahasia Kebonharjo" not in titles(response)
    assert get(client, village_a.host, f"/api/v2/pages/{draft.pk}/").status_code == 404


def test_v2_unpublished_changes_of_live_page_are_not_exposed(client, village_a):
    profil = section(village_a, "profil")
    profil.title = "Judul Draf Belum Terbit"
    profil.save_revision()
    response = get(client, village_a.host, f"/api/v2/pages/{profil.pk}/")
    assert response.json()["title"] == "Profil Desa"
    assert "Judul Draf Belum Terbit" not in response.text


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS]
)
def test_v2_private_pages_and_their_children_are_not_exposed(client, village_a, kind):
    profil = section(village_a, "profil")
    history = add_page(profil, "Sejarah Rahasia", "sejarah")
    restrict(profil, kind)
    response = get(client, village_a.host, "/api/v2/pages/?limit=100")
    listed = ids(response)
    assert profil.pk not in listed
    assert history.pk not in listed
    assert section(village_a, "berita").pk in listed
    assert get(client, village_a.host, f"/api/v2/pages/{profil.pk}/").status_code == 404
    assert get(client, village_a.host, f"/api/v2/pages/{history.pk}/").status_code == 404


def test_v2_restriction_above_the_village_root_hides_the_village(client, village_a, village_b):
    # A private district page makes every village below it private too.
    restrict(village_a.page.get_parent(), PageViewRestriction.LOGIN)
    assert ids(get(client, village_a.host, "/api/v2/pages/")) == set()
    assert get(client, village_a.host, f"/api/v2/pages/{village_a.page.pk}/").status_code == 404


def test_v2_private_page_of_other_village_does_not_affect_this_village(
    client, village_a, village_b
):
    restrict(village_b.page)
    assert ids(get(client, village_a.host, "/api/v2/pages/?limit=100")) == live_ids_under(
        village_a.page
    )


# Every page type must publish its content through api_fields. The host each type is
# served from: region pages above villages live on the regency portal.
PAGE_TYPES = {
    RegencyPage: ("regency", lambda t: t.page),
    DistrictPage: ("regency", lambda t: t.page.get_children().type(DistrictPage).first()),
    VillageHomePage: ("village_a", lambda t: t.page),
    ProfilePage: ("village_a", lambda t: section(t, "profil")),
    StandardPage: ("village_a", lambda t: add_page(section(t, "profil"), "Sejarah", "sejarah")),
    ContactPage: ("village_a", lambda t: section(t, "kontak")),
}


def test_every_page_type_of_the_platform_is_covered_by_the_api_fields_test():
    from wagtail.models import get_page_models

    ours = {m for m in get_page_models() if m._meta.app_label in ("villages", "home")}
    assert ours == set(PAGE_TYPES)


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda m: m.__name__)
@pytest.mark.parametrize("version", ["v2", "v3"])
def test_page_detail_exposes_declared_api_fields(db, client, request, model, version):
    fixture, pick = PAGE_TYPES[model]
    tenant = request.getfixturevalue(fixture)
    page = pick(tenant).specific
    assert isinstance(page, model)
    query = "?fields=*" if version == "v2" else ""
    response = get(client, tenant.host, f"/api/{version}/pages/{page.pk}/{query}")
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    declared = [field.name for field in model.api_fields]
    assert declared
    for name in declared:
        assert name in body, f"{model.__name__}.{name} missing from {version} detail"
    if hasattr(page, "region"):
        assert body["region_code"] == page.region.code
        assert body["region_name"] == page.region.name


# -- images and documents --------------------------------------------------------------


@pytest.mark.parametrize("endpoint,make", [("images", make_image), ("documents", make_document)])
def test_v2_collection_items_list_only_the_requesting_village(
    client, village_a, village_b, village_other_regency, endpoint, make
):
    mine = make(village_a.collection, "Balai Desa Kebonharjo")
    theirs = make(village_b.collection, "Balai Desa Wangi")
    make(village_other_regency.collection, "Balai Desa Sembung")
    response = get(client, village_a.host, f"/api/v2/{endpoint}/")
    assert titles(response) == {"Balai Desa Kebonharjo"}
    assert get(client, village_a.host, f"/api/v2/{endpoint}/{mine.pk}/").status_code == 200
    assert get(client, village_a.host, f"/api/v2/{endpoint}/{theirs.pk}/").status_code == 404
    assert titles(get(client, village_b.host, f"/api/v2/{endpoint}/")) == {"Balai Desa Wangi"}


@pytest.mark.parametrize("endpoint,make", [("images", make_image), ("documents", make_document)])
def test_v2_collection_items_in_private_collection_are_not_exposed(
    client, village_a, endpoint, make
):
    archive = Collection.objects.get(pk=village_a.collection.pk).add_child(name="Arsip internal")
    CollectionViewRestriction.objects.create(
        collection=archive, restriction_type=CollectionViewRestriction.LOGIN
    )
    make(village_a.collection, "Peta Desa")
    hidden = make(archive, "Anggaran Internal")
    response = get(client, village_a.host, f"/api/v2/{endpoint}/")
    assert titles(response) == {"Peta Desa"}
    assert get(client, village_a.host, f"/api/v2/{endpoint}/{hidden.pk}/").status_code == 404


def test_v2_collection_items_refuse_site_parameter_of_other_village(client, village_a, village_b):
    make_image(village_b.collection, "Balai Desa Wangi")
    response = get(client, village_a.host, f"/api/v2/images/?site={village_b.host}")
    assert response.status_code == 400
    assert "Balai Desa Wangi" not in response.text
