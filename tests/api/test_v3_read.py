"""Wagtail API v3 (/api/v3/) reads: anonymous reads are scoped like v2, token reads by user."""

from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

import pytest

from villages.models import Region

from .helpers import add_page, make_document, make_image, restrict, section, titles


def get(client, host, path, **extra):
    return client.get(path, HTTP_HOST=host, **extra)


def ids(response):
    assert response.status_code == 200, response.content[:500]
    return {item["id"] for item in response.json()["items"]}


def live_ids_under(page):
    return set(Page.objects.live().descendant_of(page, inclusive=True).values_list("pk", flat=True))


def test_v3_openapi_schema_is_valid_json_with_paths(client, village_a):
    response = get(client, village_a.host, "/api/v3/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v3/pages/" in schema["paths"]
    assert "/api/v3/images/" in schema["paths"]
    assert "/api/v3/documents/" in schema["paths"]


# -- anonymous pages -------------------------------------------------------------------


def test_v3_anonymous_pages_list_only_the_requesting_village(client, village_a, village_b):
    response = get(client, village_a.host, "/api/v3/pages/?limit=100")
    listed = ids(response)
    assert listed == live_ids_under(village_a.page)
    assert not listed & live_ids_under(village_b.page)
    assert "Desa Wangi" not in titles(response)


def test_v3_anonymous_detail_of_other_village_page_is_404(client, village_a, village_b):
    other = section(village_b, "profil")
    assert get(client, village_a.host, f"/api/v3/pages/{other.pk}/").status_code == 404
    assert get(client, village_b.host, f"/api/v3/pages/{other.pk}/").status_code == 200


def test_v3_site_parameter_naming_other_village_is_refused(client, village_a, village_b):
    response = get(client, village_a.host, f"/api/v3/pages/?site={village_b.host}")
    assert response.status_code == 400
    assert "Desa Wangi" not in response.text
    own = get(client, village_a.host, f"/api/v3/pages/?site={village_a.host}")
    assert "Desa Kebonharjo" in titles(own)


def test_v3_find_with_site_of_other_village_is_refused(client, village_a, village_b):
    response = get(
        client, village_a.host, f"/api/v3/pages/find/?html_path=/profil/&site={village_b.host}"
    )
    assert response.status_code == 400
    own = get(client, village_a.host, "/api/v3/pages/find/?html_path=/profil/")
    assert own.status_code == 302
    assert f"/api/v3/pages/{section(village_a, 'profil').pk}/" in own["Location"]


def test_v3_filters_relative_to_other_village_page_show_nothing_of_it(client, village_a, village_b):
    for param in ("child_of", "descendant_of", "ancestor_of", "translation_of"):
        response = get(client, village_a.host, f"/api/v3/pages/?{param}={village_b.page.pk}")
        assert response.status_code in (400, 422), (param, response.status_code)
        assert "Profil Desa" not in response.text


def test_v3_drafts_and_unpublished_changes_are_not_exposed(client, village_a):
    draft = add_page(village_a.page, "Draf Rahasia Kebonharjo", "draf-rahasia", live=False)
    profil = section(village_a, "profil")
    profil.title = "Judul Draf Belum Terbit"
    profil.save_revision()
    response = get(client, village_a.host, "/api/v3/pages/?limit=100")
    assert "Draf Rahasia Kebonharjo" not in titles(response)
    assert "Judul Draf Belum Terbit" not in response.text
    assert get(client, village_a.host, f"/api/v3/pages/{draft.pk}/").status_code == 404
    as_draft = get(client, village_a.host, f"/api/v3/pages/{profil.pk}/?version=draft")
    assert as_draft.json()["title"] == "Profil Desa"


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS]
)
def test_v3_private_pages_and_their_children_are_not_exposed(client, village_a, kind):
    profil = section(village_a, "profil")
    history = add_page(profil, "Sejarah Rahasia", "sejarah")
    restrict(profil, kind)
    listed = ids(get(client, village_a.host, "/api/v3/pages/?limit=100"))
    assert {profil.pk, history.pk}.isdisjoint(listed)
    assert section(village_a, "berita").pk in listed
    assert get(client, village_a.host, f"/api/v3/pages/{history.pk}/").status_code == 404
    found = get(client, village_a.host, "/api/v3/pages/find/?html_path=/profil/sejarah/")
    assert found.status_code == 404


def test_v3_restriction_above_the_village_root_hides_the_village(client, village_a):
    restrict(village_a.page.get_parent(), PageViewRestriction.LOGIN)
    assert ids(get(client, village_a.host, "/api/v3/pages/")) == set()


# -- anonymous images and documents ----------------------------------------------------


@pytest.mark.parametrize("endpoint,make", [("images", make_image), ("documents", make_document)])
def test_v3_anonymous_collection_items_list_only_the_requesting_village(
    client, village_a, village_b, village_other_regency, endpoint, make
):
    mine = make(village_a.collection, "Balai Desa Kebonharjo")
    theirs = make(village_b.collection, "Balai Desa Wangi")
    make(village_other_regency.collection, "Balai Desa Sembung")
    response = get(client, village_a.host, f"/api/v3/{endpoint}/")
    assert titles(response) == {"Balai Desa Kebonharjo"}
    assert get(client, village_a.host, f"/api/v3/{endpoint}/{mine.pk}/").status_code == 200
    assert get(client, village_a.host, f"/api/v3/{endpoint}/{theirs.pk}/").status_code == 404


@pytest.mark.parametrize("endpoint,make", [("images", make_image), ("documents", make_document)])
def test_v3_collection_items_in_private_collection_are_not_exposed(
    client, village_a, endpoint, make
):
    archive = Collection.objects.get(pk=village_a.collection.pk).add_child(name="Arsip internal")
    CollectionViewRestriction.objects.create(
        collection=archive, restriction_type=CollectionViewRestriction.PASSWORD, password="x1"
    )
    make(village_a.collection, "Peta Desa")
    hidden = make(archive, "Anggaran Internal")
    assert titles(get(client, village_a.host, f"/api/v3/{endpoint}/")) == {"Peta Desa"}
    assert get(client, village_a.host, f"/api/v3/{endpoint}/{hidden.pk}/").status_code == 404


# -- token (authenticated) reads -------------------------------------------------------


@pytest.mark.parametrize("host_of", ["village_a", "village_b"])
def test_v3_operator_token_lists_only_own_village_pages_including_drafts(
    client, request, bearer, village_a, village_b, operator_a, host_of
):
    draft = add_page(village_a.page, "Draf Operator Kebonharjo", "draf-operator", live=False)
    host = request.getfixturevalue(host_of).host
    response = get(client, host, "/api/v3/pages/?limit=100", **bearer(operator_a))
    listed = ids(response)
    assert draft.pk in listed
    assert village_a.page.pk in listed
    assert not listed & set(
        Page.objects.descendant_of(village_b.page, inclusive=True).values_list("pk", flat=True)
    )


def test_v3_operator_token_cannot_read_other_village_page_draft_or_revisions(
    client, bearer, village_a, village_b, operator_a
):
    other = section(village_b, "profil")
    other.title = "Draf Wangi Rahasia"
    other.save_revision()
    headers = bearer(operator_a)
    detail = get(client, village_a.host, f"/api/v3/pages/{other.pk}/?version=draft", **headers)
    assert detail.status_code == 404
    revisions = get(client, village_a.host, f"/api/v3/pages/{other.pk}/revisions/", **headers)
    assert revisions.status_code == 404
    assert "Draf Wangi Rahasia" not in detail.text + revisions.text


def test_v3_operator_token_reads_own_page_draft(client, bearer, village_a, operator_a):
    profil = section(village_a, "profil")
    profil.title = "Draf Profil Kebonharjo"
    profil.save_revision()
    response = get(
        client, village_a.host, f"/api/v3/pages/{profil.pk}/?version=draft", **bearer(operator_a)
    )
    assert response.json()["title"] == "Draf Profil Kebonharjo"


@pytest.mark.parametrize("endpoint,make", [("images", make_image), ("documents", make_document)])
@pytest.mark.parametrize("host_of", ["village_a", "village_b"])
def test_v3_operator_token_lists_only_own_village_collection_items(
    client, request, bearer, village_a, village_b, operator_a, endpoint, make, host_of
):
    make(village_a.collection, "Balai Desa Kebonharjo")
    theirs = make(village_b.collection, "Balai Desa Wangi")
    host = request.getfixturevalue(host_of).host
    headers = bearer(operator_a)
    assert titles(get(client, host, f"/api/v3/{endpoint}/", **headers)) == {"Balai Desa Kebonharjo"}
    assert get(client, host, f"/api/v3/{endpoint}/{theirs.pk}/", **headers).status_code == 404


def test_v3_invalid_token_gets_only_public_content(client, village_a):
    draft = add_page(village_a.page, "Draf Rahasia Kebonharjo", "draf-rahasia", live=False)
    response = get(
        client, village_a.host, "/api/v3/pages/", HTTP_AUTHORIZATION="Bearer wagtail_bukan-token"
    )
    assert draft.pk not in ids(response)
    assert ids(response) <= live_ids_under(village_a.page)


# -- the rest of the v3 surface --------------------------------------------------------


def test_v3_snippets_refuse_anonymous_and_expose_nothing_to_operators(
    client, bearer, village_a, village_b, village_other_regency, operator_a
):
    from wagtail.snippets.models import get_snippet_models

    from news.models import NewsCategory
    from opendata.models import StatisticCategory, StatisticGroup

    # The snippets are the per-village news category and the regency's own statistic
    # category; if another is registered, this test must learn about it. Village B's news
    # categories and another regency's statistic categories never reach village A's operator.
    assert get_snippet_models() == [NewsCategory, StatisticCategory]
    NewsCategory.objects.create(region=village_b.region, name="Kategori Wangi", slug="wangi")
    lamongan = Region.objects.get(code=village_other_regency.region.regency_code)
    statistic = StatisticCategory.objects.create(
        regency=lamongan, name="Kategori Lamongan", slug="kategori-lamongan"
    )
    StatisticGroup.objects.create(category=statistic, label="Kelompok Lamongan")
    paths = [
        "/api/v3/snippets/news.NewsCategory/",
        "/api/v3/snippets/news.newscategory/",
        "/api/v3/snippets/opendata.StatisticCategory/",
        "/api/v3/snippets/opendata.statisticcategory/",
    ]
    for path in paths:
        assert get(client, village_a.host, path).status_code == 401
        refused = get(client, village_a.host, path, **bearer(operator_a))
        assert refused.status_code in (403, 404, 422)
        assert "Kategori Wangi" not in refused.text
        assert "Lamongan" not in refused.text
    assert get(client, village_a.host, "/api/v3/snippets/home.StandardPage/").status_code == 401
    response = get(
        client, village_a.host, "/api/v3/snippets/home.StandardPage/", **bearer(operator_a)
    )
    assert response.status_code == 422
    assert "items" not in response.json()


def test_v3_sites_listing_is_refused_to_anonymous_and_operators(
    client, bearer, village_a, operator_a
):
    assert get(client, village_a.host, "/api/v3/sites/").status_code == 401
    response = get(client, village_a.host, "/api/v3/sites/", **bearer(operator_a))
    assert response.status_code == 403
    assert "wangi.tuban.test" not in response.text


def test_v3_whoami_answers_for_the_token_owner(client, bearer, village_a, operator_a):
    response = get(client, village_a.host, "/api/v3/whoami/", **bearer(operator_a))
    assert response.status_code == 200
    assert response.json()["user"]["username"] == operator_a.username
    assert get(client, village_a.host, "/api/v3/whoami/").status_code == 401


def test_v3_collection_items_refuse_site_parameter_of_other_village(client, village_a, village_b):
    make_image(village_b.collection, "Balai Desa Wangi")
    response = get(client, village_a.host, f"/api/v3/images/?site={village_b.host}")
    assert response.status_code == 400
    assert "Balai Desa Wangi" not in response.text
