"""Village A's users cannot see or touch village B's data on any Wagtail admin surface.

Village A is Kebonharjo; Wangi (same district) and Sembung (other regency) hold content with
their village name in every title, so any leak shows up as that name in A's responses.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import APIToken, Locale, Page, PageLogEntry
from wagtail.permissions import page_permission_policy
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import Translation, TranslationSource

import pytest

from home.models import ContactPage, StandardPage
from tests import factories
from villages.models import NavigationSettings, VillageIdentity

# Names that must never appear in a response to village A's users.
FOREIGN_NAMES = ("Wangi", "Sembung", "Lamongan", "Sukorame", "Karangasem")
REFUSED = (302, 403, 404, 405)


def response_text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def assert_no_foreign_names(response):
    text = response_text(response)
    for name in FOREIGN_NAMES:
        at = text.lower().find(name.lower())
        context = " ".join(text[max(0, at - 200) : at + 60].split())
        assert at < 0, f"{response.request['PATH_INFO']} shows {name}: ...{context}"


def assert_refused(response, page_url_prefix: str | None = None):
    """Refused: an error status, or a redirect that does not land on the requested object."""
    path = response.request["PATH_INFO"]
    assert response.status_code in REFUSED, f"{path} answered {response.status_code}"
    if response.status_code == 302 and page_url_prefix:
        assert not response["Location"].startswith(page_url_prefix)
    assert_no_foreign_names(response)


# -- content -----------------------------------------------------------------------------


def add_page(parent, title, user, *, publish=True, model=StandardPage):
    page = model(title=title, slug=title.lower().replace(" ", "-"), live=False)
    parent.add_child(instance=page)
    PageLogEntry.objects.log_action(page, "wagtail.create", user=user)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    page.refresh_from_db()
    return page


def seed_village(tenant, name, operator):
    """Published, draft-only, draft-revised and locked pages, media and a form submission."""
    home = tenant.page
    news = add_page(home, f"Berita {name} Terbit", operator)
    draft = add_page(home, f"Draf {name} Tersembunyi", operator, publish=False)
    # A pending draft on a live page: only its revision holds the new title.
    news.title = f"Judul Draf {name}"
    news.save_revision(user=operator, log_action=True)
    news.refresh_from_db()
    news.locked, news.locked_by, news.locked_at = True, operator, timezone.now()
    news.save(update_fields=["locked", "locked_by", "locked_at"])

    image = get_image_model().objects.create(
        title=f"Gambar {name}",
        file=get_test_image_file(f"{name.lower()}.png"),
        collection=tenant.collection,
    )
    document = get_document_model().objects.create(
        title=f"Dokumen {name}",
        file=ContentFile(b"isi", name=f"{name.lower()}.txt"),
        collection=tenant.collection,
    )
    for item in (image, document):
        item.tags.add("kegiatan", f"kegiatan-{name.lower()}")

    contact = ContactPage.objects.child_of(home).get()
    submission = FormSubmission.objects.create(
        page=contact, form_data={"pesan": f"Pesan rahasia {name}"}
    )
    source, _created = TranslationSource.get_or_create_from_instance(news)
    Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="en"))
    return {
        "news": news,
        "draft": draft,
        "image": image,
        "document": document,
        "contact": contact,
        "submission": submission,
        "operator": operator,
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Content of Kebonharjo, Wangi and Sembung, created once for this module.

    Everything is written inside one transaction that is rolled back when the module is
    done; each test still runs in its own savepoint on top of it.
    """
    media_root = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media_root)),
        transaction.atomic(),
    ):
        data = {}
        for key, code, name in (
            ("own", "35.23.02.2001", "Kebonharjo"),
            ("wangi", "35.23.02.2002", "Wangi"),
            ("sembung", "35.24.01.2001", "Sembung"),
        ):
            tenant = factories.tenant(code)
            operator = factories.operator_of(
                tenant, username=f"operator_{name.lower()}", first_name=name
            )
            data[key] = seed_village(tenant, name, operator)
        # A page of Wangi waiting in moderation, submitted by Wangi's contributor.
        wangi = factories.tenant("35.23.02.2002")
        contributor = factories.contributor_of(wangi, username="kontributor_wangi")
        proposal = add_page(wangi.page, "Usulan Wangi", contributor, publish=False)
        proposal.get_workflow().start(proposal, contributor)
        data["wangi"]["proposal"] = proposal
        yield data
        transaction.set_rollback(True)


@pytest.fixture
def own(seeded, db):
    return seeded["own"]


@pytest.fixture
def wangi(seeded, db):
    return seeded["wangi"]


@pytest.fixture
def sembung(seeded, db):
    return seeded["sembung"]


@pytest.fixture
def operator_wangi(wangi):
    return wangi["operator"]


@pytest.fixture
def admin_a(client_for, operator_a, own):
    return client_for(operator_a)


def district_and_regency_pages(*tenants):
    pages = []
    for t in tenants:
        pages.extend(t.page.get_ancestors().filter(depth__gt=1))
    return pages


# -- 1. explorer -------------------------------------------------------------------------


def test_operator_explorable_root_is_own_village_home(operator_a, village_a):
    assert page_permission_policy.explorable_root_instance(operator_a).pk == village_a.page.pk


def test_operator_explorer_root_redirects_to_own_village(admin_a, village_a):
    response = admin_a.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[village_a.page.pk])


def test_operator_explorer_lists_own_pages(admin_a, village_a):
    response = admin_a.get(reverse("wagtailadmin_explore", args=[village_a.page.pk]))
    assert response.status_code == 200
    assert "Judul Draf Kebonharjo" in response.text
    assert "Draf Kebonharjo Tersembunyi" in response.text
    assert_no_foreign_names(response)


def test_operator_explorer_of_other_villages_and_their_parents_shows_no_foreign_pages(
    admin_a, village_a, village_b, village_other_regency, wangi
):
    targets = [village_b.page, wangi["news"], village_other_regency.page]
    targets += district_and_regency_pages(village_a, village_b, village_other_regency)
    for page in targets:
        for name in ("wagtailadmin_explore", "wagtailadmin_explore_results"):
            response = admin_a.get(reverse(name, args=[page.pk]), follow=True)
            assert response.status_code in (200, 403, 404)
            assert_no_foreign_names(response)


def test_operator_explorer_search_of_whole_tree_shows_no_foreign_pages(admin_a, village_a):
    url = reverse("wagtailadmin_explore_results", args=[village_a.page.pk])
    for q in ("Desa", "Berita", "Draf", "Gambar"):
        response = admin_a.get(url, {"q": q, "search_all": "1"})
        assert response.status_code == 200
        assert_no_foreign_names(response)
    assert "Judul Draf Kebonharjo" in admin_a.get(url, {"q": "Berita", "search_all": "1"}).text


def test_operator_sidebar_explorer_api_shows_no_foreign_pages(admin_a, village_a, village_b):
    listing = reverse("wagtailadmin_api:pages:listing")
    for parent in [*district_and_regency_pages(village_a), Page.get_first_root_node()]:
        response = admin_a.get(listing, {"child_of": parent.pk, "for_explorer": "1"})
        assert response.status_code in (200, 400)  # 400: "parent page doesn't exist"
        assert_no_foreign_names(response)
    detail = admin_a.get(reverse("wagtailadmin_api:pages:detail", args=[village_b.page.pk]))
    assert detail.status_code == 404


# -- 2. edit views -----------------------------------------------------------------------


def test_operator_can_open_own_edit_view(admin_a, own):
    response = admin_a.get(reverse("wagtailadmin_pages:edit", args=[own["news"].pk]))
    assert response.status_code == 200
    assert "Judul Draf Kebonharjo" in response.text
    assert_no_foreign_names(response)


def test_operator_cannot_open_other_village_edit_view(admin_a, wangi, sembung):
    for page in (wangi["news"], wangi["draft"], sembung["news"]):
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        assert_refused(admin_a.get(url), url)
        data = nested_form_data(
            {"title": "Diubah oleh Kebonharjo", "slug": page.slug, "body": streamfield([])}
        )
        assert_refused(admin_a.post(url, data), url)
        page.refresh_from_db()
        assert "Kebonharjo" not in page.get_latest_revision_as_object().title


def test_operator_cannot_add_child_under_other_village(admin_a, village_b, village_other_regency):
    for parent in (village_b.page, village_other_regency.page):
        before = parent.get_children().count()
        assert_refused(admin_a.get(reverse("wagtailadmin_pages:add_subpage", args=[parent.pk])))
        url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.pk])
        assert_refused(admin_a.get(url))
        data = nested_form_data(
            {
                "title": "Sisipan Kebonharjo",
                "slug": "sisipan",
                "body": streamfield([]),
                "comments": inline_formset([]),
            }
        )
        assert_refused(admin_a.post(url, data))
        assert_refused(admin_a.post(url, {**data, "action-publish": "1"}))
        assert parent.get_children().count() == before


def test_operator_cannot_delete_unpublish_or_move_other_village_pages(
    admin_a, village_a, village_b, wangi, own
):
    news = wangi["news"]
    for name in ("delete", "unpublish", "move", "copy", "lock", "unlock", "set_privacy"):
        url = reverse(f"wagtailadmin_pages:{name}", args=[news.pk])
        assert_refused(admin_a.get(url))
        assert_refused(admin_a.post(url, {"new_title": "x", "new_slug": "x"}))
    # Moving B's page into A, or A's page into B.
    for page, destination in ((news, village_a.page), (own["news"], village_b.page)):
        url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
        assert_refused(admin_a.post(url))
    news.refresh_from_db()
    own["news"].refresh_from_db()
    assert news.live
    assert news.locked
    assert news.get_parent().pk == village_b.page.pk
    assert own["news"].get_parent().pk == village_a.page.pk


def test_operator_cannot_set_position_of_other_village_page(admin_a, wangi):
    url = reverse("wagtailadmin_pages:set_page_position", args=[wangi["news"].pk])
    assert_refused(admin_a.post(url + "?position=0"))


# -- 3. drafts and revisions -------------------------------------------------------------


def test_operator_cannot_open_revisions_history_or_drafts_of_other_village(admin_a, wangi):
    news = wangi["news"]
    revision = news.latest_revision
    urls = [
        reverse("wagtailadmin_pages:history", args=[news.pk]),
        reverse("wagtailadmin_pages:history_results", args=[news.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[news.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[news.pk, revision.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[news.pk, "live", revision.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[news.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[news.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[wangi["draft"].pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[news.pk]),
        reverse("wagtailadmin_pages:usage", args=[news.pk]),
        reverse("wagtail_localize:submit_page_translation", args=[news.pk]),
    ]
    for url in urls:
        assert_refused(admin_a.get(url))
    url = reverse("wagtailadmin_pages:revisions_revert", args=[news.pk, revision.pk])
    assert_refused(admin_a.post(url))


def test_draft_titles_of_other_villages_appear_on_no_page_operator_can_open(admin_a, village_a):
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[village_a.page.pk]),
        reverse("wagtailadmin_pages:search") + "?q=Draf",
        reverse("wagtailadmin_pages:search_results") + "?q=Judul",
    ]
    for url in urls:
        response = admin_a.get(url)
        assert response.status_code == 200, url
        assert_no_foreign_names(response)
    assert "Draf Kebonharjo Tersembunyi" in admin_a.get(urls[2]).text


def test_operator_cannot_act_on_or_preview_other_village_moderation(admin_a, wangi):
    proposal = wangi["proposal"]
    task_state = proposal.current_workflow_task_state
    workflow_state = proposal.current_workflow_state
    urls = [
        reverse("wagtailadmin_pages:workflow_action", args=[proposal.pk, action, task_state.pk])
        for action in ("approve", "reject")
    ]
    urls += [
        reverse(
            "wagtailadmin_pages:collect_workflow_action_data",
            args=[proposal.pk, "approve", task_state.pk],
        ),
        reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[proposal.pk]),
        reverse("wagtailadmin_pages:workflow_preview", args=[proposal.pk, task_state.task_id]),
        reverse(
            "wagtailadmin_pages:workflow_history_detail", args=[proposal.pk, workflow_state.pk]
        ),
    ]
    for url in urls:
        assert_refused(admin_a.get(url))
        assert_refused(admin_a.post(url, {"comment": "disetujui Kebonharjo"}))
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS


def test_workflow_action_on_other_village_page_does_not_reveal_its_title(admin_a, wangi):
    # Not in moderation: Wagtail answers with a message naming the page.
    task_state = wangi["proposal"].current_workflow_task_state
    for page in (wangi["news"], wangi["draft"]):
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
        )
        assert_no_foreign_names(admin_a.post(url, follow=True))
        url = reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id])
        assert_no_foreign_names(admin_a.get(url, follow=True))
    assert_no_foreign_names(admin_a.get(reverse("wagtailadmin_home")))


def test_operator_cannot_copy_own_page_into_other_village(admin_a, own, village_b):
    before = village_b.page.get_children().count()
    url = reverse("wagtailadmin_pages:copy", args=[own["news"].pk])
    data = {
        "new_title": "Salinan Kebonharjo",
        "new_slug": "salinan-kebonharjo",
        "new_parent_page": village_b.page.pk,
        "copy_subpages": "",
        "publish_copies": "",
    }
    response = admin_a.post(url, data)
    assert response.status_code in (200, 302, 403)
    assert village_b.page.get_children().count() == before


def test_operator_cannot_put_images_or_documents_into_other_village_collection(
    admin_a, own, village_b
):
    image = own["image"]
    data = {"title": "Gambar Pindahan", "collection": village_b.collection.pk, "tags": ""}
    admin_a.post(reverse("wagtailimages:edit", args=[image.pk]), data)
    image.refresh_from_db()
    assert image.collection_id != village_b.collection.pk
    upload = {
        "title": "Unggahan Kebonharjo",
        "collection": village_b.collection.pk,
        "file": get_test_image_file("unggahan.png"),
    }
    admin_a.post(reverse("wagtailimages:add"), upload)
    document = {
        "title": "Dokumen Unggahan",
        "collection": village_b.collection.pk,
        "file": ContentFile(b"isi", name="unggahan.txt"),
    }
    admin_a.post(reverse("wagtaildocs:add"), document)
    assert (
        not get_image_model()
        .objects.filter(collection=village_b.collection.pk)
        .exclude(title="Gambar Wangi")
        .exists()
    )
    assert (
        not get_document_model()
        .objects.filter(collection=village_b.collection.pk)
        .exclude(title="Dokumen Wangi")
        .exists()
    )


# -- 4. choosers -------------------------------------------------------------------------


def test_page_chooser_shows_only_own_pages_when_browsing(
    admin_a, village_a, village_b, village_other_regency, wangi
):
    parents = [
        None,
        village_a.page,
        village_b.page,
        wangi["news"],
        village_other_regency.page,
        *district_and_regency_pages(village_a, village_b, village_other_regency),
    ]
    for parent in parents:
        url = (
            reverse("wagtailadmin_choose_page")
            if parent is None
            else reverse("wagtailadmin_choose_page_child", args=[parent.pk])
        )
        response = admin_a.get(url)
        assert response.status_code in (200, 403, 404), url
        assert_no_foreign_names(response)
    own_listing = admin_a.get(reverse("wagtailadmin_choose_page_child", args=[village_a.page.pk]))
    assert "Judul Draf Kebonharjo" in own_listing.text


def test_page_chooser_lets_operator_navigate_from_root_to_own_village(admin_a, village_a, regency):
    district = village_a.page.get_parent()
    root = admin_a.get(reverse("wagtailadmin_choose_page"))
    assert regency.page.title in root.text
    listing = admin_a.get(reverse("wagtailadmin_choose_page_child", args=[district.pk]))
    assert village_a.page.title in listing.text


def test_page_chooser_search_shows_no_foreign_pages(admin_a):
    url = reverse("wagtailadmin_choose_page_search")
    for q in ("Berita", "Draf", "Desa", "Kontak", "Judul"):
        response = admin_a.get(url, {"q": q})
        assert response.status_code == 200
        assert_no_foreign_names(response)
    assert "Judul Draf Kebonharjo" in admin_a.get(url, {"q": "Berita"}).text


@pytest.mark.parametrize("kind", ["images", "docs"])
def test_media_choosers_show_only_own_collection(admin_a, kind):
    own_title = "Gambar Kebonharjo" if kind == "images" else "Dokumen Kebonharjo"
    for name in ("choose", "choose_results"):
        url = reverse(f"wagtail{kind}_chooser:{name}")
        for params in ({}, {"q": own_title.split()[0]}, {"tag": "kegiatan"}):
            response = admin_a.get(url, params)
            assert response.status_code == 200
            assert_no_foreign_names(response)
        assert own_title in admin_a.get(url).text


def test_media_chooser_refuses_to_hand_out_foreign_items(admin_a, wangi, sembung):
    for items in (wangi, sembung):
        image_url = reverse("wagtailimages_chooser:chosen", args=[items["image"].pk])
        assert_refused(admin_a.get(image_url))
        doc_url = reverse("wagtaildocs_chooser:chosen", args=[items["document"].pk])
        assert_refused(admin_a.get(doc_url))
        select_format = reverse("wagtailimages_chooser:select_format", args=[items["image"].pk])
        assert_refused(admin_a.get(select_format))


@pytest.mark.parametrize("kind", ["images", "docs"])
def test_media_index_lists_only_own_collection(admin_a, kind):
    own_title = "Gambar Kebonharjo" if kind == "images" else "Dokumen Kebonharjo"
    for name in ("index", "index_results"):
        url = reverse(f"wagtail{kind}:{name}")
        response = admin_a.get(url)
        assert response.status_code == 200
        assert own_title in response.text
        assert_no_foreign_names(response)
        assert_no_foreign_names(admin_a.get(url, {"q": own_title.split()[0]}))


def test_operator_cannot_open_foreign_images_or_documents(admin_a, wangi, sembung):
    for items in (wangi, sembung):
        image, document = items["image"].pk, items["document"].pk
        urls = [
            reverse("wagtailimages:edit", args=[image]),
            reverse("wagtailimages:delete", args=[image]),
            reverse("wagtailimages:image_usage", args=[image]),
            reverse("wagtailimages:url_generator", args=[image]),
            reverse("wagtaildocs:edit", args=[document]),
            reverse("wagtaildocs:delete", args=[document]),
            reverse("wagtaildocs:document_usage", args=[document]),
        ]
        for url in urls:
            assert_refused(admin_a.get(url))
        assert_refused(admin_a.post(reverse("wagtailimages:delete", args=[image])))
        assert_refused(admin_a.post(reverse("wagtaildocs:delete", args=[document])))
        assert get_image_model().objects.filter(pk=image).exists()
        assert get_document_model().objects.filter(pk=document).exists()


def test_admin_media_api_shows_only_own_collection(admin_a, wangi):
    for kind in ("images", "documents"):
        response = admin_a.get(reverse(f"wagtailadmin_api:{kind}:listing"))
        assert response.status_code in (200, 403, 404)
        assert_no_foreign_names(response)
    detail = reverse("wagtailadmin_api:images:detail", args=[wangi["image"].pk])
    assert_refused(admin_a.get(detail))


# -- 5. admin search ---------------------------------------------------------------------


def test_admin_page_search_returns_no_foreign_pages(admin_a):
    for name in ("wagtailadmin_pages:search", "wagtailadmin_pages:search_results"):
        for q in ("Berita", "Desa", "Kontak", "Judul", "Draf"):
            response = admin_a.get(reverse(name), {"q": q})
            assert response.status_code == 200
            assert_no_foreign_names(response)
    response = admin_a.get(reverse("wagtailadmin_pages:search"), {"q": "Berita"})
    assert "Judul Draf Kebonharjo" in response.text


# -- 6. reports --------------------------------------------------------------------------

REPORTS = [
    "site_history",
    "locked_pages",
    "aging_pages",
    "workflow",
    "workflow_tasks",
    "page_types_usage",
]


@pytest.mark.parametrize("report", REPORTS)
def test_reports_show_no_foreign_pages_or_log_entries(admin_a, report):
    for suffix in ("", "_results"):
        url = reverse(f"wagtailadmin_reports:{report}{suffix}")
        response = admin_a.get(url)
        assert response.status_code in (200, 302, 403), url
        assert_no_foreign_names(response)
        for export in ("csv", "xlsx"):
            exported = admin_a.get(url, {"export": export})
            if exported.status_code == 200 and export == "csv":
                assert_no_foreign_names(exported)


def test_site_history_lists_own_log_entries(admin_a):
    response = admin_a.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert "Berita Kebonharjo" in response.text


def test_site_history_filters_offer_no_foreign_users(admin_a, operator_wangi):
    response = admin_a.get(
        reverse("wagtailadmin_reports:site_history"), {"user": operator_wangi.pk}
    )
    assert response.status_code == 200
    assert_no_foreign_names(response)


def test_locked_pages_report_lists_own_locked_page(admin_a):
    response = admin_a.get(reverse("wagtailadmin_reports:locked_pages"))
    assert response.status_code == 200
    assert "Judul Draf Kebonharjo" in response.text or "Berita Kebonharjo" in response.text


def test_translations_report_lists_only_own_translations(admin_a):
    for name in ("translations_report", "translations_report_results"):
        response = admin_a.get(reverse(f"wagtail_localize:{name}"))
        assert response.status_code == 200
        assert "Berita Kebonharjo Terbit" in response.text
        assert_no_foreign_names(response)


def test_page_types_usage_report_is_for_superusers_only(admin_a, client_for, superuser):
    url = reverse("wagtailadmin_reports:page_types_usage")
    assert admin_a.get(url).status_code in (302, 403)
    assert url not in admin_a.get(reverse("wagtailadmin_home")).text
    assert client_for(superuser).get(url).status_code == 200


def test_page_type_usage_listing_shows_no_foreign_pages(admin_a):
    for model in ("standardpage", "contactpage", "villagehomepage"):
        app = "villages" if model == "villagehomepage" else "home"
        url = reverse("wagtailadmin_pages:type_use", args=[app, model])
        response = admin_a.get(url, follow=True)
        assert_no_foreign_names(response)


def test_choose_parent_for_new_page_offers_no_foreign_parents(admin_a, village_a):
    url = reverse("wagtailadmin_pages:choose_parent", args=["home", "standardpage"])
    response = admin_a.get(url, follow=True)
    assert_no_foreign_names(response)


# -- 7. site settings --------------------------------------------------------------------


@pytest.mark.parametrize("model", [VillageIdentity, NavigationSettings])
def test_operator_edits_settings_of_own_site_only(
    admin_a, model, village_a, village_b, village_other_regency
):
    name = model._meta.model_name
    own_url = reverse("wagtailsettings:edit", args=["villages", name, village_a.site.pk])
    response = admin_a.get(own_url)
    assert response.status_code == 200
    assert_no_foreign_names(response)  # no site switcher offering Wangi or Sembung

    for other in (village_b, village_other_regency):
        url = reverse("wagtailsettings:edit", args=["villages", name, other.site.pk])
        assert_refused(admin_a.get(url))
        assert_refused(admin_a.post(url, {"display_name": "Dibajak Kebonharjo"}))

    landing = admin_a.get(reverse("wagtailsettings:edit", args=["villages", name]))
    assert landing.status_code == 302
    assert landing["Location"] == own_url


def test_operator_settings_change_is_saved_for_own_site_only(admin_a, village_a, village_b):
    url = reverse("wagtailsettings:edit", args=["villages", "villageidentity", village_a.site.pk])
    data = {
        "display_name": "Desa Kebonharjo Baru",
        "primary_colour": "#112233",
        "secondary_colour": "#445566",
    }
    response = admin_a.post(url, data)
    assert response.status_code == 302
    assert VillageIdentity.for_site(village_a.site).display_name == "Desa Kebonharjo Baru"
    assert VillageIdentity.for_site(village_b.site).display_name == "Desa Wangi"


# -- 8. form submissions -----------------------------------------------------------------


def test_form_index_lists_only_own_form_pages(admin_a, own, wangi, sembung):
    for name in ("wagtailforms:index", "wagtailforms:index_results"):
        response = admin_a.get(reverse(name))
        assert response.status_code == 200
        assert reverse("wagtailforms:list_submissions", args=[own["contact"].pk]) in response.text
        for items in (wangi, sembung):
            foreign_url = reverse("wagtailforms:list_submissions", args=[items["contact"].pk])
            assert foreign_url not in response.text
        assert_no_foreign_names(response)


def test_operator_reads_own_submissions(admin_a, own):
    url = reverse("wagtailforms:list_submissions", args=[own["contact"].pk])
    response = admin_a.get(url)
    assert response.status_code == 200
    assert "Pesan rahasia Kebonharjo" in response.text


def test_operator_cannot_read_or_delete_other_village_submissions(admin_a, wangi, sembung):
    for items in (wangi, sembung):
        page = items["contact"].pk
        for name in ("list_submissions", "list_submissions_results"):
            url = reverse(f"wagtailforms:{name}", args=[page])
            assert_refused(admin_a.get(url))
            assert_refused(admin_a.get(url, {"export": "csv"}))
        delete = reverse("wagtailforms:delete_submissions", args=[page])
        selected = {"selected-submissions": items["submission"].pk}
        assert_refused(admin_a.get(delete, selected))
        assert_refused(admin_a.post(delete + f"?selected-submissions={items['submission'].pk}"))
        assert FormSubmission.objects.filter(pk=items["submission"].pk).exists()


# -- 9. users and groups -----------------------------------------------------------------


def test_operator_cannot_open_users_groups_or_platform_settings(admin_a, operator_wangi, village_b):
    group = village_b.group("operator")
    urls = [
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_users:index_results"),
        reverse("wagtailusers_users:edit", args=[operator_wangi.pk]),
        reverse("wagtailusers_users:history", args=[operator_wangi.pk]),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailusers_groups:edit", args=[group.pk]),
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailadmin_workflows:task_index"),
        reverse("wagtailsites:index"),
        reverse("wagtailadmin_collections:index"),
    ]
    for url in urls:
        assert_refused(admin_a.get(url))


def test_operator_api_token_admin_names_no_foreign_users_or_tokens(admin_a, operator_wangi):
    # Operators manage their own API tokens (see tests/api/test_api_tokens.py).
    APIToken.create_token(user=operator_wangi, name="Token Wangi")
    for name in ("index", "add"):
        response = admin_a.get(reverse(f"wagtailusers_api_tokens:{name}"))
        assert response.status_code == 200
        assert_no_foreign_names(response)


# -- other roles ---------------------------------------------------------------------------


def test_contributor_sees_no_foreign_content(client_for, contributor_a, own, village_a):
    client = client_for(contributor_a)
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[village_a.page.pk]),
        reverse("wagtailadmin_pages:search") + "?q=Berita",
        reverse("wagtailadmin_choose_page_search") + "?q=Berita",
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailforms:index"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtail_localize:translations_report"),
    ]
    for url in urls:
        response = client.get(url, follow=True)
        assert_no_foreign_names(response)
    assert "Gambar Kebonharjo" in client.get(reverse("wagtailimages_chooser:choose")).text


def test_district_editor_sees_own_regency_only(client_for, regency, other_regency, seeded):
    editor = factories.district_editor_of(regency)
    client = client_for(editor)
    search = client.get(reverse("wagtailadmin_pages:search"), {"q": "Berita"}).text
    assert "Judul Draf Kebonharjo" in search and "Judul Draf Wangi" in search
    assert "Sembung" not in search
    images = client.get(reverse("wagtailimages_chooser:choose")).text
    assert "Gambar Wangi" in images and "Gambar Sembung" not in images
    explore = client.get(reverse("wagtailadmin_explore", args=[other_regency.page.pk]), follow=True)
    assert "Sembung" not in explore.text and "Lamongan" not in explore.text


# -- 10. editors above the villages: kecamatan editors, regency admins --------------------

EDITORS_ABOVE = {
    "kecamatan_editor": ("district_editor_of", "35.23.02"),
    "regency_editor": ("district_editor_of", "35.23"),
    "regency_admin": ("regency_admin_of", "35.23"),
}


@pytest.fixture(params=list(EDITORS_ABOVE))
def editor_above(request, seeded, db):
    maker, code = EDITORS_ABOVE[request.param]
    user = getattr(factories, maker)(factories.tenant(code), username=f"ed_{request.param}")
    client = Client()
    client.force_login(user)
    return client


def test_editors_above_see_their_villages_and_nothing_of_another_regency(editor_above):
    search = editor_above.get(reverse("wagtailadmin_pages:search"), {"q": "Berita"}).text
    assert "Judul Draf Kebonharjo" in search and "Judul Draf Wangi" in search
    assert "Sembung" not in search and "Lamongan" not in search
    images = editor_above.get(reverse("wagtailimages:index")).text
    assert "Gambar Kebonharjo" in images and "Gambar Sembung" not in images


def test_kecamatan_editor_sees_no_other_kecamatan(seeded, village_c):
    editor = factories.district_editor_of(factories.tenant("35.23.02"))
    client = Client()
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_explore", args=[village_c.page.pk]), follow=True)
    assert "Karangasem" not in response.text
    url = reverse("wagtailadmin_pages:edit", args=[village_c.page.pk])
    assert_refused(client.get(url), url)


def test_editors_above_cannot_edit_another_regencys_pages(editor_above, sembung):
    url = reverse("wagtailadmin_pages:edit", args=[sembung["news"].pk])
    assert_refused(editor_above.get(url), url)
    data = nested_form_data({"title": "Diubah", "slug": "x", "body": streamfield([])})
    assert_refused(editor_above.post(url, data), url)
    assert sembung["news"].get_latest_revision_as_object().title == "Judul Draf Sembung"


def test_editors_above_cannot_open_platform_wide_admin(editor_above, operator_wangi, village_b):
    group = village_b.group("operator")
    urls = [
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_users:edit", args=[operator_wangi.pk]),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailusers_groups:edit", args=[group.pk]),
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailsites:index"),
        reverse("wagtailadmin_collections:index"),
        reverse("wagtailsettings:edit", args=["villages", "villageidentity", village_b.site.pk]),
    ]
    for url in urls:
        assert_refused(editor_above.get(url))


# -- 11. superuser sees everything -------------------------------------------------------


def test_superuser_sees_every_village(client_for, superuser, own, wangi, sembung, village_b):
    admin = client_for(superuser)
    explore = admin.get(reverse("wagtailadmin_explore", args=[village_b.page.pk]))
    assert "Judul Draf Wangi" in explore.text
    search = admin.get(reverse("wagtailadmin_pages:search"), {"q": "Berita"})
    assert "Judul Draf Wangi" in search.text and "Judul Draf Sembung" in search.text
    chooser = admin.get(reverse("wagtailadmin_choose_page_search"), {"q": "Berita"})
    assert "Judul Draf Wangi" in chooser.text
    images = admin.get(reverse("wagtailimages_chooser:choose"))
    assert "Gambar Wangi" in images.text and "Gambar Sembung" in images.text
    documents = admin.get(reverse("wagtaildocs:index"))
    assert "Dokumen Wangi" in documents.text
    forms = admin.get(reverse("wagtailforms:list_submissions", args=[wangi["contact"].pk]))
    assert "Pesan rahasia Wangi" in forms.text
    history = admin.get(reverse("wagtailadmin_reports:site_history"))
    assert "Berita Wangi" in history.text
    settings_b = reverse(
        "wagtailsettings:edit", args=["villages", "villageidentity", village_b.site.pk]
    )
    assert admin.get(settings_b).status_code == 200


# -- tag suggestions ---------------------------------------------------------------------


def test_tag_suggestions_offer_only_tags_of_own_village(admin_a):
    response = admin_a.get(reverse("wagtailadmin_tag_autocomplete"), {"term": "kegiatan"})
    assert response.status_code == 200
    names = response.json()
    assert "kegiatan-kebonharjo" in names
    assert "kegiatan" in names
    assert not [name for name in names if "wangi" in name or "sembung" in name]


def test_per_model_tag_suggestions_offer_only_tags_of_own_village(admin_a):
    """Wagtail's second path, ``tag-autocomplete/<app>/<model>/``, answered every village's
    tags of taggit's model before it was shadowed too."""
    url = reverse("wagtailadmin_tag_model_autocomplete", args=["taggit", "tag"])
    names = admin_a.get(url, {"term": "kegiatan"}).json()
    assert "kegiatan-kebonharjo" in names
    assert not [name for name in names if "wangi" in name or "sembung" in name]


def test_per_model_tag_suggestions_refuse_models_nothing_scopes(admin_a):
    url = reverse("wagtailadmin_tag_model_autocomplete", args=["auth", "user"])
    assert admin_a.get(url, {"term": "a"}).status_code == 404


def test_tag_suggestions_offer_tags_of_own_news_pages(admin_a, own):
    from news.models import NewsPage

    index = own["contact"].get_parent().get_children().get(slug="berita").specific
    page = NewsPage(title="Kerja Bakti", slug="kerja-bakti")
    index.add_child(instance=page)
    page.tags.add("gotong-royong-kebonharjo")
    page.save()
    names = admin_a.get(reverse("wagtailadmin_tag_autocomplete"), {"term": "gotong"}).json()
    assert names == ["gotong-royong-kebonharjo"]


def test_tag_suggestions_need_admin_access(client, own):
    response = client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": "kegiatan"})
    assert response.status_code in (302, 403)


def test_superuser_tag_suggestions_cover_every_village(client_for, superuser, own):
    names = (
        client_for(superuser)
        .get(reverse("wagtailadmin_tag_autocomplete"), {"term": "kegiatan-"})
        .json()
    )
    assert {"kegiatan-kebonharjo", "kegiatan-wangi", "kegiatan-sembung"} <= set(names)
