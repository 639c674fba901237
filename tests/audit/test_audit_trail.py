"""What people do in the admin ends up in the history of the right region.

Everything goes through the real admin views (page editor, moderation, delete, move,
settings), so Wagtail's own log entries are what gets mirrored.
"""

from django.urls import reverse

from wagtail.log_actions import LogContext
from wagtail.models import Locale, Page, PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from audit.models import Action, RegionLogEntry
from audit.services import record
from home.models import StandardPage
from tests import factories
from villages.scope import region_for_path

from .helpers import create_page, edit_page, history_of, workflow_action_url

KEBONHARJO = "35.23.02.2001"


def test_publishing_records_creation_and_publication_in_own_village(
    client_for, operator_a, village_a
):
    page = create_page(client_for(operator_a), village_a.page, "Panen Raya", "action-publish")
    name = operator_a.get_username()
    assert history_of(page.pk) == [
        (KEBONHARJO, Action.PAGE_CREATE, name, "Panen Raya"),
        (KEBONHARJO, Action.PAGE_PUBLISH, name, "Panen Raya"),
    ]
    entry = RegionLogEntry.objects.get(page_id=page.pk, action=Action.PAGE_PUBLISH)
    assert entry.actor == operator_a
    assert (
        entry.timestamp == PageLogEntry.objects.get(page=page, action="wagtail.publish").timestamp
    )


def test_publishing_from_the_editor_is_one_entry_not_a_draft_too(client_for, operator_a, village_a):
    client = client_for(operator_a)
    page = create_page(client, village_a.page, "Kerja Bakti", "action-publish")
    edit_page(client, page, "action-publish", title="Kerja Bakti Dusun Krajan")
    actions = [row[1] for row in history_of(page.pk)]
    assert actions == [Action.PAGE_CREATE, Action.PAGE_PUBLISH, Action.PAGE_PUBLISH]
    assert history_of(page.pk)[-1][3] == "Kerja Bakti Dusun Krajan"


def test_saving_a_draft_records_draft_saved(client_for, operator_a, village_a):
    client = client_for(operator_a)
    page = create_page(client, village_a.page, "Rapat Desa")
    edit_page(client, page, title="Rapat Desa Bulan Ini")
    assert history_of(page.pk)[-1] == (
        KEBONHARJO,
        Action.PAGE_EDIT,
        operator_a.get_username(),
        "Rapat Desa Bulan Ini",
    )


def test_autosaves_of_one_editing_session_are_one_entry(operator_a, village_a):
    page = StandardPage(title="Catatan", slug="catatan")
    village_a.page.add_child(instance=page)
    # Each save is its own request, as the editor's autosave sends them.
    with LogContext(user=operator_a):
        revision = page.save_revision(user=operator_a, log_action=True)
    for title in ("Catatan Rapat", "Catatan Rapat RT"):
        page.title = title
        with LogContext(user=operator_a):
            page.save_revision(user=operator_a, log_action=True, overwrite_revision=revision)
    drafts = RegionLogEntry.objects.filter(page_id=page.pk, action=Action.PAGE_EDIT)
    assert drafts.count() == 1
    assert drafts.get().object_label == "Catatan Rapat RT"
    assert drafts.get().timestamp == PageLogEntry.objects.filter(page=page).first().timestamp


@pytest.fixture
def submitted(client_for, village_a):
    contributor = factories.contributor_of(village_a, first_name="Rina")
    page = create_page(client_for(contributor), village_a.page, "Usulan PKK", "action-submit")
    return page


def test_contributor_submission_is_recorded_as_submitted(submitted):
    assert history_of(submitted.pk) == [
        (KEBONHARJO, Action.PAGE_CREATE, "Rina", "Usulan PKK"),
        (KEBONHARJO, Action.PAGE_SUBMIT, "Rina", "Usulan PKK"),
    ]


def test_approval_through_workflow_view_records_approval_and_publication(
    client, village_a, submitted
):
    operator = factories.operator_of(village_a, first_name="Budi")
    client.force_login(operator)
    response = client.post(workflow_action_url(submitted, "approve"), {"comment": "Setuju"})
    assert response.status_code == 302
    assert history_of(submitted.pk)[-2:] == [
        (KEBONHARJO, Action.PAGE_APPROVE, "Budi", "Usulan PKK"),
        (KEBONHARJO, Action.PAGE_PUBLISH, "Budi", "Usulan PKK"),
    ]


def test_requesting_changes_records_rejection_with_comment(client, village_a, submitted):
    operator = factories.operator_of(village_a, first_name="Budi")
    client.force_login(operator)
    url = workflow_action_url(submitted, "reject")
    response = client.post(url, {"comment": "Tolong lengkapi foto"})
    assert response.status_code == 302
    entry = RegionLogEntry.objects.filter(page_id=submitted.pk).first()
    assert (entry.region.code, entry.action, entry.actor_name) == (
        KEBONHARJO,
        Action.PAGE_REJECT,
        "Budi",
    )
    assert "Tolong lengkapi foto" in str(entry.data)


def test_district_editor_approval_is_recorded_in_the_village(client, village_a, regency, submitted):
    editor = factories.district_editor_of(regency, first_name="Dewi")
    client.force_login(editor)
    client.post(workflow_action_url(submitted, "approve"), {"comment": ""})
    assert (KEBONHARJO, Action.PAGE_APPROVE, "Dewi", "Usulan PKK") in history_of(submitted.pk)


def test_deleted_page_keeps_its_history(client_for, operator_a, village_a):
    client = client_for(operator_a)
    page = create_page(client, village_a.page, "Pengumuman Lama", "action-publish")
    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()
    assert [row[1] for row in history_of(page.pk)] == [
        Action.PAGE_CREATE,
        Action.PAGE_PUBLISH,
        Action.PAGE_DELETE,
    ]
    assert history_of(page.pk)[-1][0] == KEBONHARJO


def test_unpublishing_is_recorded(client_for, operator_a, village_a):
    client = client_for(operator_a)
    page = create_page(client, village_a.page, "Lowongan", "action-publish")
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 302
    assert history_of(page.pk)[-1][:2] == (KEBONHARJO, Action.PAGE_UNPUBLISH)


def test_editing_village_identity_is_recorded_in_own_village(client_for, operator_a, village_a):
    url = reverse("wagtailsettings:edit", args=["villages", "villageidentity", village_a.site.pk])
    response = client_for(operator_a).post(
        url,
        {
            "display_name": "Desa Kebonharjo",
            "primary_colour": "#112233",
            "secondary_colour": "#445566",
        },
    )
    assert response.status_code == 302
    entry = RegionLogEntry.objects.get(action=Action.SETTINGS_CHANGE)
    assert entry.region == village_a.region
    assert entry.actor == operator_a
    assert entry.object_label == "Identitas desa"


def test_editing_navigation_is_recorded_in_own_village(client_for, operator_a, village_b):
    operator_b = factories.operator_of(village_b, first_name="Agus")
    url = reverse(
        "wagtailsettings:edit", args=["villages", "navigationsettings", village_b.site.pk]
    )
    data = nested_form_data({"main_menu": streamfield([])})
    response = client_for(operator_b).post(url, data)
    assert response.status_code == 302
    entry = RegionLogEntry.objects.get(action=Action.SETTINGS_CHANGE)
    assert (entry.region, entry.actor_name, entry.object_label) == (
        village_b.region,
        "Agus",
        "Navigasi",
    )


def test_english_translation_belongs_to_the_same_village(superuser, village_a):
    english = Locale.objects.get(language_code="en")
    page = village_a.page.get_children().get(slug="profil").specific
    translated = page.copy_for_translation(english, copy_parents=True)
    assert not translated.path.startswith(village_a.page.path)
    translated.save_revision(user=superuser).publish(user=superuser)
    assert history_of(translated.pk)[-1][:2] == (KEBONHARJO, Action.PAGE_PUBLISH)


def test_regency_portal_page_belongs_to_the_regency(client_for, regency):
    admin = factories.regency_admin_of(regency)
    page = create_page(client_for(admin), regency.page, "Berita Kabupaten", "action-publish")
    assert {row[0] for row in history_of(page.pk)} == {"35.23"}


def test_page_outside_any_region_is_not_mirrored(superuser):
    root = Page.get_first_root_node()
    page = StandardPage(title="Di luar wilayah", slug="di-luar-wilayah")
    root.add_child(instance=page)
    page.save_revision(user=superuser, log_action=True).publish(user=superuser)
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()
    assert history_of(page.pk) == []


def test_moving_a_page_to_another_village_is_recorded_in_both(
    client_for, superuser, village_a, village_b
):
    page = StandardPage(title="Pindahan", slug="pindahan")
    village_a.page.add_child(instance=page)
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, village_b.page.pk])
    response = client_for(superuser).post(url)
    assert response.status_code == 302
    moved = RegionLogEntry.objects.filter(page_id=page.pk, action=Action.PAGE_MOVE)
    assert set(moved.values_list("region__code", flat=True)) == {KEBONHARJO, "35.23.02.2002"}


def test_platform_work_without_a_person_is_not_mirrored(village_a):
    # Provisioning and demo seeding create and publish pages without a user.
    page = StandardPage(title="Halaman Bawaan", slug="halaman-bawaan")
    village_a.page.add_child(instance=page)
    page.save_revision().publish()
    assert PageLogEntry.objects.filter(page=page).count() == 2
    assert history_of(page.pk) == []


def test_scheduled_publication_is_mirrored_without_a_person(village_a):
    page = StandardPage(title="Terbit Terjadwal", slug="terbit-terjadwal", live=False)
    village_a.page.add_child(instance=page)
    page.save_revision().publish(log_action="wagtail.publish.scheduled")
    assert history_of(page.pk) == [(KEBONHARJO, Action.PAGE_PUBLISH, "", "Terbit Terjadwal")]
    assert RegionLogEntry.objects.get(page_id=page.pk).actor_display == "Sistem"


def test_region_of_a_page_is_found_in_one_query(django_assert_num_queries, village_a):
    news = village_a.page.get_children().get(slug="berita")
    district = village_a.page.get_parent()
    root = Page.get_first_root_node()
    with django_assert_num_queries(1):
        assert region_for_path(news.path + "0001") == village_a.region
    with django_assert_num_queries(1):
        assert region_for_path(district.path).code == "35.23.02"
    with django_assert_num_queries(0):
        assert region_for_path(root.path) is None


def test_record_keeps_compatible_signature_for_user_events(village_a, operator_a):
    contributor = factories.contributor_of(village_a, first_name="Rina")
    entry = record(
        village_a.region,
        Action.USER_ROLE_ADD,
        actor=operator_a,
        label="Rina",
        target_user=contributor,
        data={"role": "contributor"},
    )
    entry.refresh_from_db()
    assert (entry.action, entry.actor_name, entry.target_user) == (
        Action.USER_ROLE_ADD,
        operator_a.get_username(),
        contributor,
    )
    assert entry.uuid is None and entry.page_id is None
