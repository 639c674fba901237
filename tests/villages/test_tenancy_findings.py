# ruff: noqa: F811  (the seeded fixtures are imported and then requested by name)
"""Regression tests for the isolation findings of issue 9, one named test (or more) each.

An operator of Kebonharjo (village A) attacks Wangi (same kecamatan) and Sembung (another
regency) through the real admin views, with the real ids of their objects.
"""

from __future__ import annotations

from django.urls import reverse

from wagtail.models import (
    APIToken,
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
    TaskState,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from editorial.workflows import apply_district_review
from home.models import StandardPage
from news.models import NewsCategory, NewsPage
from tests import factories
from tests.factories import logged_in
from tests.page_editor import page_form

# The seeded villages of the isolation tests, with their fixtures (used by name below).
from tests.villages.test_admin_isolation import (  # noqa: F401, F811
    add_page,
    admin_a,
    assert_no_foreign_names,
    own,
    response_text,
    seeded,
    sembung,
    wangi,
)
from tests.villages.test_moderation import approve_url, create_page
from villages.models import NavigationSettings, VillageIdentity


def foreign_category(tenant_code: str, name: str) -> NewsCategory:
    return NewsCategory.objects.create(
        region=factories.tenant(tenant_code).region, name=name, slug=name.lower()
    )


@pytest.fixture
def categories(seeded):
    return {
        "own": foreign_category("35.23.02.2001", "Kategori Kebonharjo"),
        "wangi": foreign_category("35.23.02.2002", "Kategori Wangi"),
        "sembung": foreign_category("35.24.01.2001", "Kategori Sembung"),
    }


def bulk_url(app_label, model_name, action, *ids, **params):
    query = "&".join([*(f"id={i}" for i in ids), *(f"{k}={v}" for k, v in params.items())])
    return reverse("wagtail_bulk_action", args=[app_label, model_name, action]) + f"?{query}"


# -- 1. bulk actions -------------------------------------------------------------------------


def test_bulk_delete_of_other_villages_news_categories_is_refused(admin_a, categories):
    for key in ("wangi", "sembung"):
        url = bulk_url("news", "newscategory", "delete", categories[key].pk)
        confirmation = admin_a.get(url)
        assert confirmation.status_code == 404
        assert_no_foreign_names(confirmation)
        assert admin_a.post(url).status_code == 404
    assert NewsCategory.objects.filter(pk=categories["wangi"].pk).exists()
    assert NewsCategory.objects.filter(pk=categories["sembung"].pk).exists()


def test_bulk_delete_of_all_categories_deletes_only_own_and_names_no_others(admin_a, categories):
    url = bulk_url("news", "newscategory", "delete", "all")
    confirmation = admin_a.get(url)
    assert confirmation.status_code == 200
    assert "Kategori Kebonharjo" in response_text(confirmation)
    assert_no_foreign_names(confirmation)
    admin_a.post(url)
    assert not NewsCategory.objects.filter(pk=categories["own"].pk).exists()
    assert (
        NewsCategory.objects.filter(
            pk__in=[categories["wangi"].pk, categories["sembung"].pk]
        ).count()
        == 2
    )


@pytest.mark.parametrize(
    ("app_label", "model_name", "item"),
    [
        ("wagtailcore", "page", "draft"),
        ("wagtailcore", "page", "news"),
        ("assets", "villageimage", "image"),
        ("assets", "villagedocument", "document"),
    ],
)
@pytest.mark.parametrize("action", ["delete", "unpublish", "publish", "move", "add_tags"])
def test_bulk_confirmation_never_names_other_villages_items(
    admin_a, own, wangi, sembung, app_label, model_name, item, action
):
    ids = [own[item].pk, wangi[item].pk, sembung[item].pk]
    response = admin_a.get(bulk_url(app_label, model_name, action, *ids))
    assert response.status_code == 404
    assert_no_foreign_names(response)


def test_bulk_delete_of_own_and_foreign_pages_together_changes_nothing(admin_a, own, wangi):
    url = bulk_url("wagtailcore", "page", "delete", own["draft"].pk, wangi["draft"].pk)
    assert admin_a.post(url).status_code == 404
    assert StandardPage.objects.filter(pk__in=[own["draft"].pk, wangi["draft"].pk]).count() == 2


# -- 2. foreign objects in one's own pages ----------------------------------------------------


def private_image(tenant_code: str, title: str):
    from django.core.files.base import ContentFile

    from wagtail.images import get_image_model

    from tests.assets.helpers import png_bytes

    tenant = factories.tenant(tenant_code)
    private = tenant.collection.add_child(name=f"Rahasia {title}")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return get_image_model().objects.create(
        title=title, file=ContentFile(png_bytes("red"), name="rahasia.png"), collection=private
    )


def edit_home(client, village, **fields):
    url = reverse("wagtailadmin_pages:edit", args=[village.page.pk])
    data = page_form(client, url, **fields)
    data.update(nested_form_data({"key_figures": streamfield([]), "quick_links": streamfield([])}))
    return client.post(url, data)


def test_foreign_image_as_own_hero_image_is_refused_and_nothing_saved(
    admin_a, village_a, wangi, sembung
):
    hidden = private_image("35.23.02.2002", "Foto Rahasia Wangi")
    for image in (wangi["image"], sembung["image"], hidden):
        response = edit_home(admin_a, village_a, hero_image=image.pk, tagline="Slogan baru")
        assert response.status_code == 200
        text = response_text(response)
        assert "bukan milik Desa Kebonharjo" in text
        # The form comes back without showing a private file of another village.
        assert "Foto Rahasia Wangi" not in text
        assert hidden.file.url not in text
    village_a.page.refresh_from_db()
    assert village_a.page.hero_image_id is None
    assert village_a.page.tagline != "Slogan baru"
    revision = village_a.page.get_latest_revision()
    assert revision is None or revision.content.get("tagline") != "Slogan baru"


def test_foreign_private_image_is_refused_in_own_news_gallery(admin_a, village_a, seeded):
    image = private_image("35.24.01.2001", "Foto Rahasia Sembung")
    news_index = village_a.page.get_children().get(slug="berita")
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", news_index.pk])
    data = page_form(admin_a, url, title="Kabar Galeri", slug="kabar-galeri")
    data.update(
        nested_form_data({"gallery_images": inline_formset([{"image": image.pk, "caption": ""}])})
    )
    data["action-publish"] = "1"
    response = admin_a.post(url, data)
    assert response.status_code == 200
    assert "bukan milik Desa Kebonharjo" in response_text(response)
    assert not NewsPage.objects.filter(slug="kabar-galeri").exists()


def test_foreign_image_as_logo_is_refused_in_site_settings(admin_a, village_a, wangi):
    url = reverse("wagtailsettings:edit", args=["villages", "villageidentity", village_a.site.pk])
    response = admin_a.post(
        url,
        {
            "display_name": "Desa Kebonharjo",
            "logo": wangi["image"].pk,
            "primary_colour": "#1f6f43",
            "secondary_colour": "#f2b705",
        },
    )
    assert response.status_code == 200
    assert "bukan milik Desa Kebonharjo" in response_text(response)
    assert VillageIdentity.for_site(village_a.site).logo_id != wangi["image"].pk


def menu_post(admin_a, village_a, page):
    url = reverse(
        "wagtailsettings:edit", args=["villages", "navigationsettings", village_a.site.pk]
    )
    data = nested_form_data(
        {
            "main_menu": streamfield(
                [("page", {"page": page.pk, "title": ""})],
            )
        }
    )
    return admin_a.post(url, data)


def test_menu_refuses_another_villages_login_only_page(admin_a, village_a, wangi):
    PageViewRestriction.objects.create(
        page=wangi["news"], restriction_type=PageViewRestriction.LOGIN
    )
    response = menu_post(admin_a, village_a, wangi["news"])
    assert response.status_code == 200
    assert "tidak terbuka untuk umum" in response_text(response)
    assert not NavigationSettings.for_site(village_a.site).main_menu


def test_menu_may_link_another_villages_public_page(admin_a, village_a, wangi):
    response = menu_post(admin_a, village_a, wangi["news"])
    assert response.status_code == 302
    assert NavigationSettings.for_site(village_a.site).main_menu[0].value["page"].pk == (
        wangi["news"].pk
    )


def test_rich_text_link_to_another_villages_draft_is_refused(admin_a, village_a, wangi):
    about = village_a.page.get_children().get(slug="profil")
    url = reverse("wagtailadmin_pages:edit", args=[about.pk])
    data = page_form(admin_a, url)
    link = f'<p><a linktype="page" id="{wangi["draft"].pk}">lihat</a></p>'
    data.update(
        nested_form_data(
            {
                "history": streamfield([("paragraph", rich_text(link))]),
                "mission": streamfield([]),
            }
        )
    )
    response = admin_a.post(url, data)
    assert response.status_code == 200
    assert "tidak terbuka untuk umum" in response_text(response)


def test_portal_may_use_its_villages_public_images(client_for, regency, wangi):
    admin = factories.regency_admin_of(regency)
    client = client_for(admin)
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", regency.page.pk])
    data = page_form(client, url, title="Sorotan Desa", slug="sorotan-desa")
    image = {"image": wangi["image"].pk, "alt_text": "Foto desa", "decorative": ""}
    data.update(nested_form_data({"body": streamfield([("image", image)])}))
    response = client.post(url, data)
    assert response.status_code == 302, response_text(response)[:3000]


# -- 3. foreign titles in confirmation and chooser views --------------------------------------


def test_page_move_confirmation_does_not_name_another_villages_page(admin_a, own, wangi, sembung):
    for destination in (wangi["draft"], sembung["draft"]):
        url = reverse("wagtailadmin_pages:move_confirm", args=[own["draft"].pk, destination.pk])
        response = admin_a.get(url)
        assert response.status_code == 404
        assert_no_foreign_names(response)


@pytest.mark.parametrize(
    "view",
    [
        "wagtailsnippets_news_newscategory:copy",
        "wagtailsnippets_news_newscategory:edit",
        "wagtailsnippets_news_newscategory:usage",
        "wagtailsnippets_news_newscategory:history",
        "wagtailsnippets_news_newscategory:delete",
        "wagtailsnippetchoosers_news_newscategory:chosen",
    ],
)
def test_snippet_views_do_not_name_another_villages_category(admin_a, categories, view):
    for key in ("wangi", "sembung"):
        response = admin_a.get(reverse(view, args=[categories[key].pk]))
        assert response.status_code == 404
        assert_no_foreign_names(response)


def test_snippet_chosen_multiple_does_not_name_another_villages_category(admin_a, categories):
    url = reverse("wagtailsnippetchoosers_news_newscategory:chosen_multiple")
    response = admin_a.get(f"{url}?id={categories['own'].pk}&id={categories['wangi'].pk}")
    assert response.status_code == 404
    assert_no_foreign_names(response)


def test_localize_snippet_api_lists_only_own_categories(admin_a, categories):
    listing = admin_a.get(
        reverse("wagtail_localize:snippets_api_listing", args=["news", "newscategory"])
    )
    assert listing.status_code == 200
    assert {item["title"] for item in listing.json()} == {"Kategori Kebonharjo"}
    detail = admin_a.get(
        reverse(
            "wagtail_localize:snippets_api_detail",
            args=["news", "newscategory", categories["wangi"].pk],
        )
    )
    assert detail.status_code == 404
    assert_no_foreign_names(detail)


@pytest.mark.parametrize("view", ["history", "usage", "edit", "delete", "history_results"])
def test_api_token_views_do_not_show_another_operators_token(admin_a, wangi, view):
    token, _plaintext = APIToken.create_token(user=wangi["operator"], name="Token Wangi")
    response = admin_a.get(reverse(f"wagtailusers_api_tokens:{view}", args=[token.pk]))
    assert response.status_code == 404
    assert_no_foreign_names(response)


def test_api_token_policy_scopes_instances_to_their_owner(operator_a, wangi):
    from wagtail.permissions import policy_registry

    own_token, _ = APIToken.create_token(user=operator_a, name="Token sendiri")
    foreign, _ = APIToken.create_token(user=wangi["operator"], name="Token Wangi")
    policy = policy_registry.get_by_type(APIToken)
    assert policy.user_has_permission_for_instance(operator_a, "change", own_token)
    assert not policy.user_has_permission_for_instance(operator_a, "change", foreign)
    assert list(policy.instances_user_has_permission_for(operator_a, "change")) == [own_token]


# -- 5. district review cannot be skipped -----------------------------------------------------


@pytest.fixture
def district_review(regency):
    apply_district_review(regency.region, True)
    yield
    apply_district_review(regency.region, False)


def test_operator_cannot_publish_a_page_in_district_review(
    district_review, client_for, contributor_a, operator_a, village_a
):
    page = create_page(logged_in(contributor_a), village_a.page, "action-submit", title="Usulan")
    client = client_for(operator_a)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    editor = client.get(url)
    assert 'name="action-publish"' not in response_text(editor)
    data = page_form(client, url)
    data["action-publish"] = "1"
    client.post(url, data)
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS

    # Approving is the way: the operator's step passes it to the kecamatan editor.
    client.post(approve_url(page), {"comment": ""})
    page.refresh_from_db()
    assert not page.live
    editor_of_district = factories.district_editor_of(factories.tenant("35.23.02"))
    logged_in(editor_of_district).post(approve_url(page), {"comment": ""})
    page.refresh_from_db()
    assert page.live


def test_operator_cannot_publish_a_page_in_district_review_through_the_api(
    district_review, contributor_a, operator_a, village_a
):
    from django.test import Client

    page = create_page(logged_in(contributor_a), village_a.page, "action-submit", title="Usulan")
    _token, plaintext = APIToken.create_token(user=operator_a, name="Operator")
    response = Client().post(
        f"/api/v3/pages/{page.pk}/actions/publish/",
        HTTP_AUTHORIZATION=f"Bearer {plaintext}",
        HTTP_HOST=village_a.host,
        content_type="application/json",
    )
    assert response.status_code == 403
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_without_district_review_the_operator_still_publishes_a_submitted_page(
    client_for, contributor_a, operator_a, village_a
):
    page = create_page(logged_in(contributor_a), village_a.page, "action-submit", title="Usulan")
    client = client_for(operator_a)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = page_form(client, url)
    data["action-publish"] = "1"
    client.post(url, data)
    page.refresh_from_db()
    assert page.live


def test_collections_of_other_villages_are_not_found(admin_a, wangi):
    collection = Collection.objects.get(pk=wangi["image"].collection_id)
    response = admin_a.get(reverse("wagtailimages:index") + f"?collection_id={collection.pk}")
    assert_no_foreign_names(response)


# -- menus show only pages anyone may read ----------------------------------------------------


def test_menu_and_quick_links_show_only_live_public_pages(client, village_a, wangi, own):
    from wagtail.blocks import StreamValue

    navigation = NavigationSettings.for_site(village_a.site)
    links = [
        ("page", {"page": wangi["news"], "title": "Kabar Tetangga"}),
        ("page", {"page": own["news"], "title": "Kabar Sendiri"}),
    ]
    navigation.main_menu = links
    navigation.save()
    home = village_a.page
    home.quick_links = StreamValue(home.quick_links.stream_block, links, is_lazy=False)
    home.save()

    shown = client.get("/", HTTP_HOST=village_a.host).content.decode()
    assert shown.count("Kabar Tetangga") == 2  # menu and quick links
    assert shown.count("Kabar Sendiri") == 2

    # Put behind a login and unpublished after the links were saved: no longer shown.
    PageViewRestriction.objects.create(
        page=wangi["news"], restriction_type=PageViewRestriction.LOGIN
    )
    own["news"].unpublish()
    shown = client.get("/", HTTP_HOST=village_a.host).content.decode()
    assert "Kabar Tetangga" not in shown
    assert "Kabar Sendiri" not in shown


def test_admin_api_page_detail_of_another_village_is_not_found(admin_a, wangi, sembung):
    for page in (wangi["draft"], sembung["draft"]):
        response = admin_a.get(f"/admin/api/main/pages/{page.pk}/")
        assert response.status_code == 404
        assert_no_foreign_names(response)


# -- found by the URL sweep (tests/sweep) -----------------------------------------------------


def test_page_chooser_chosen_view_does_not_name_another_villages_pages(
    client_for, contributor_a, own, wangi, sembung
):
    client = client_for(contributor_a)
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    for page in (wangi["draft"], sembung["draft"]):
        response = client.get(f"{url}?id={own['draft'].pk}&id={page.pk}")
        assert response.status_code == 404
        assert_no_foreign_names(response)
    response = client.get(f"{url}?id={own['draft'].pk}")
    assert response.status_code == 200
    assert "Draf Kebonharjo Tersembunyi" in response_text(response)


def private_document(tenant_code: str, title: str):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    tenant = factories.tenant(tenant_code)
    private = tenant.collection.add_child(name=f"Arsip {title}")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"isi rahasia", name="rahasia.txt"), collection=private
    )


def page_path(page) -> str:
    return page.get_url_parts()[2]


def test_login_only_page_of_another_village_is_not_shown_to_other_villages_staff(
    operator_a, wangi, village_b
):
    page = wangi["news"]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    refused = logged_in(operator_a).get(page_path(page), HTTP_HOST=village_b.host)
    assert refused.status_code == 302
    assert_no_foreign_names(refused)
    # Its own village and the kecamatan above it still read it.
    editor = factories.district_editor_of(factories.tenant("35.23.02"))
    for user in (wangi["operator"], editor):
        shown = logged_in(user).get(page_path(page), HTTP_HOST=village_b.host)
        assert shown.status_code == 200
        assert "Berita Wangi Terbit" in response_text(shown)


def test_login_only_document_of_another_village_is_not_served_to_other_villages_staff(
    operator_a, wangi, village_b
):
    document = private_document("35.23.02.2002", "Notulen Wangi")
    refused = logged_in(operator_a).get(document.url, HTTP_HOST=village_b.host)
    assert refused.status_code == 302
    assert b"isi rahasia" not in b"".join(getattr(refused, "streaming_content", [b""]))
    served = logged_in(wangi["operator"]).get(document.url, HTTP_HOST=village_b.host)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"isi rahasia"


def test_public_api_lists_no_login_only_content_of_another_village_to_other_villages_staff(
    operator_a, wangi, village_b
):
    PageViewRestriction.objects.create(
        page=wangi["news"], restriction_type=PageViewRestriction.LOGIN
    )
    document = private_document("35.23.02.2002", "Notulen Wangi")
    image = private_image("35.23.02.2002", "Foto Rahasia Wangi")
    expected = {"pages": wangi["news"].pk, "documents": document.pk, "images": image.pk}
    for user, shown in ((operator_a, False), (wangi["operator"], True)):
        client = logged_in(user)
        for endpoint, pk in expected.items():
            listing = client.get(f"/api/v2/{endpoint}/?limit=100", HTTP_HOST=village_b.host)
            assert listing.status_code == 200
            assert (pk in {item["id"] for item in listing.json()["items"]}) is shown, endpoint
            detail = client.get(f"/api/v2/{endpoint}/{pk}/", HTTP_HOST=village_b.host)
            assert detail.status_code == (200 if shown else 404), endpoint


def test_documents_on_a_host_that_is_no_site_are_served_to_their_own_region_only(
    client, operator_a, wangi
):
    url = wangi["document"].url
    admin_host = "admin.testserver"
    assert client.get(url, HTTP_HOST=admin_host).status_code == 404
    assert logged_in(operator_a).get(url, HTTP_HOST=admin_host).status_code == 404
    assert logged_in(wangi["operator"]).get(url, HTTP_HOST=admin_host).status_code == 200
    # On its own village's site it stays public.
    assert client.get(url, HTTP_HOST=factories.tenant("35.23.02.2002").host).status_code == 200


def test_moderation_action_on_another_villages_task_state_is_refused(
    client_for, contributor_a, operator_a, village_a, wangi
):
    own_page = create_page(logged_in(contributor_a), village_a.page, "action-submit")
    foreign = wangi["proposal"].current_workflow_task_state
    client = client_for(operator_a)
    for view in ("workflow_action", "collect_workflow_action_data"):
        url = reverse(f"wagtailadmin_pages:{view}", args=[own_page.pk, "reject", foreign.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"comment": "ditolak"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == TaskState.STATUS_IN_PROGRESS
    # Its own page's task state is still acted on.
    own_state = own_page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[own_page.pk, "reject", own_state.pk])
    assert client.post(url, {"comment": "ditolak"}).status_code == 302
    own_state.refresh_from_db()
    assert own_state.status == TaskState.STATUS_REJECTED
