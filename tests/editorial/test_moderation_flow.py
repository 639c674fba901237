"""Contributor → village operator → (when the regency turns it on) district editor.

The regency admin switches district review on through the real policy view; pages are
written and submitted through the real page editor and moderated through Wagtail's workflow
action view. Notices go by email to the people of that page's own region only.
"""

from django.core import mail
from django.urls import reverse

from wagtail.models import TaskState

import pytest

from audit.models import Action, RegionLogEntry
from editorial.models import RegencyPolicy
from editorial.workflows import DISTRICT_REVIEW_WORKFLOW_NAME
from tests import factories
from tests.factories import logged_in
from tests.villages.test_moderation import approve_url, create_page

TITLE = "Usulan Karang Taruna Kebonharjo"


def set_policy(user, regency_code, **values):
    data = {
        "wilayah": regency_code,
        "inactive_after_days": 30,
        "reminder_interval_days": 7,
        "reminders_enabled": "on",
        **values,
    }
    return logged_in(user).post(reverse("editorial_policy"), data)


@pytest.fixture
def tuban_admin(regency):
    return factories.regency_admin_of(regency, email="diskominfo@tuban.test")


@pytest.fixture
def staff(village_a, village_b, village_c, village_other_regency, regency, other_regency):
    """People with email addresses in every role around the page's village and elsewhere."""
    jatirogo = factories.tenant("35.23.02")
    jenu = factories.tenant("35.23.12")
    sukorame = factories.tenant("35.24.01")
    return {
        "contributor_a": factories.contributor_of(village_a, email="pkk@kebonharjo.test"),
        "operator_a": factories.operator_of(village_a, email="op@kebonharjo.test"),
        "operator_b": factories.operator_of(village_b, email="op@wangi.test"),
        "operator_sembung": factories.operator_of(village_other_regency, email="op@sembung.test"),
        "editor_jatirogo": factories.district_editor_of(jatirogo, email="ed@jatirogo.test"),
        "editor_jenu": factories.district_editor_of(jenu, email="ed@jenu.test"),
        "editor_tuban": factories.district_editor_of(regency, email="ed@tuban.test"),
        "editor_sukorame": factories.district_editor_of(sukorame, email="ed@sukorame.test"),
        "editor_lamongan": factories.district_editor_of(other_regency, email="ed@lamongan.test"),
    }


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def submit(contributor, village):
    page = create_page(logged_in(contributor), village.page, "action-submit", title=TITLE)
    page.refresh_from_db()
    return page


def act(user, page, action="approve", comment=""):
    return logged_in(user).post(approve_url(page, action), {"comment": comment})


def test_without_district_review_the_operator_approval_publishes(staff, village_a):
    page = submit(staff["contributor_a"], village_a)
    assert recipients() == {"op@kebonharjo.test"}
    act(staff["operator_a"], page)
    page.refresh_from_db()
    assert page.live


def test_full_flow_contributor_operator_district_editor(tuban_admin, staff, village_a):
    assert set_policy(tuban_admin, "35.23", district_review="on").status_code == 302

    page = submit(staff["contributor_a"], village_a)
    [notice] = mail.outbox
    assert notice.to == ["op@kebonharjo.test"]
    assert notice.subject == f'Menunggu persetujuan Anda: "{TITLE}"'
    assert f"/admin/pages/{page.pk}/edit/" in notice.body
    assert "Desa" not in notice.subject and "Kebonharjo" in notice.body

    # Step 1: only the village's own operator (or an editor above it) can act.
    for outsider in ("operator_b", "operator_sembung", "editor_sukorame", "editor_jenu"):
        response = act(staff[outsider], page)
        assert response.status_code in (302, 403, 404)
        assert response.get("Location") != reverse("wagtailadmin_pages:edit", args=[page.pk])
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Persetujuan operator desa"

    mail.outbox.clear()
    assert act(staff["operator_a"], page, comment="Sudah saya periksa").status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task.name == "Persetujuan editor kecamatan"
    # Step 2 goes to the district editors above the village (kecamatan and regency).
    assert recipients() == {"ed@jatirogo.test", "ed@tuban.test"}

    # The operator cannot approve the district's step; other districts' editors neither.
    for outsider in ("operator_a", "editor_jenu", "editor_lamongan"):
        act(staff[outsider], page)
        page.refresh_from_db()
        assert not page.live
        assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS

    mail.outbox.clear()
    assert act(staff["editor_jatirogo"], page, comment="Layak terbit").status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None
    [approved] = mail.outbox
    assert approved.to == ["pkk@kebonharjo.test"]
    assert approved.subject == f'Disetujui dan terbit: "{TITLE}"'

    history = list(
        RegionLogEntry.objects.filter(region=village_a.region, page_id=page.pk).values_list(
            "action", flat=True
        )
    )
    assert history.count(Action.PAGE_APPROVE) == 2


def test_district_editor_requests_changes_with_a_comment(tuban_admin, staff, village_a):
    set_policy(tuban_admin, "35.23", district_review="on")
    page = submit(staff["contributor_a"], village_a)
    act(staff["operator_a"], page)
    page.refresh_from_db()
    mail.outbox.clear()

    act(staff["editor_tuban"], page, "reject", comment="Foto kegiatan belum ada")
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == "needs_changes"
    [notice] = mail.outbox
    assert notice.to == ["pkk@kebonharjo.test"]
    assert notice.subject == f'Perlu perubahan: "{TITLE}"'
    assert 'Catatan: "Foto kegiatan belum ada"' in notice.body
    assert f"/admin/pages/{page.pk}/edit/" in notice.body


def test_district_review_of_one_regency_leaves_the_other_alone(
    tuban_admin, staff, village_a, village_other_regency
):
    set_policy(tuban_admin, "35.23", district_review="on")
    assert village_a.page.get_workflow().name == DISTRICT_REVIEW_WORKFLOW_NAME
    assert village_other_regency.page.get_workflow().name == "Moderasi desa"


def test_turning_district_review_off_restores_one_step(tuban_admin, staff, village_a):
    set_policy(tuban_admin, "35.23", district_review="on")
    set_policy(tuban_admin, "35.23")  # unchecked box: off
    assert village_a.page.get_workflow().name == "Moderasi desa"
    page = submit(staff["contributor_a"], village_a)
    act(staff["operator_a"], page)
    page.refresh_from_db()
    assert page.live


def test_village_without_reachable_operator_notifies_district_editors(staff, village_b):
    contributor = factories.contributor_of(village_b)
    staff["operator_b"].email = ""
    staff["operator_b"].save()
    submit(contributor, village_b)
    assert recipients() == {"ed@jatirogo.test", "ed@tuban.test"}


def test_notices_skip_people_who_turned_them_off(staff, village_a):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(staff["operator_a"])
    profile.submitted_notifications = False
    profile.save()
    submit(staff["contributor_a"], village_a)
    assert "op@kebonharjo.test" not in recipients()


# -- the policy view ---------------------------------------------------------------------


def test_policy_change_is_recorded_in_the_regency_history(tuban_admin, regency):
    set_policy(tuban_admin, "35.23", district_review="on", inactive_after_days=45)
    policy = RegencyPolicy.objects.get(region=regency.region)
    assert (policy.district_review, policy.inactive_after_days) == (True, 45)
    assert policy.updated_by == tuban_admin
    entry = RegionLogEntry.objects.get(region=regency.region, action=Action.POLICY_CHANGE)
    assert entry.data["inactive_after_days"] == 45


def test_invalid_policy_is_refused_in_indonesian_and_nothing_saved(tuban_admin, regency):
    response = set_policy(tuban_admin, "35.23", district_review="on", inactive_after_days=3)
    assert response.status_code == 200
    assert "Pastikan nilai ini lebih besar dari atau sama dengan 7" in response.text
    assert not RegencyPolicy.objects.filter(region=regency.region).exists()
    assert regency.page.get_workflow().name == "Moderasi desa"


def test_policy_of_another_regency_cannot_be_opened_or_changed(tuban_admin, other_regency):
    client = logged_in(tuban_admin)
    assert client.get(reverse("editorial_policy"), {"wilayah": "35.24"}).status_code == 404
    response = set_policy(tuban_admin, "35.24", district_review="on")
    assert response.status_code == 404
    assert not RegencyPolicy.objects.filter(region=other_regency.region).exists()
    page = client.get(reverse("editorial_policy")).text
    assert "Tuban" in page and "Lamongan" not in page


@pytest.mark.parametrize("role", ["operator_a", "editor_jatirogo", "editor_tuban"])
def test_only_regency_admins_set_the_policy(staff, role):
    response = set_policy(staff[role], "35.23", district_review="on")
    assert response.status_code in (302, 403)
    assert response.get("Location") in (None, reverse("wagtailadmin_home"))
    assert not RegencyPolicy.objects.exists()
