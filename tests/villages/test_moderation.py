"""Contributors write drafts and submit them; only their own village's operators approve.

Everything goes through the real admin views: the page create/edit forms and
``wagtailadmin_pages:workflow_action`` with the "Moderasi desa" workflow and its
RegionApprovalTask from migration 0002.
"""

from django.urls import reverse

from wagtail.models import Page, TaskState, Workflow

import pytest

from tests import factories
from tests.page_editor import page_form
from villages.models import RegionApprovalTask
from villages.models.regions import Role

TITLE = "Usulan Karang Taruna Kebonharjo"


def create_page(client, parent, action, title=TITLE):
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.pk])
    data = page_form(client, url, title=title, slug="usulan-karang-taruna")
    data[action] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    return Page.objects.child_of(parent).get(slug="usulan-karang-taruna").specific


REFUSED = (302, 403, 404)  # 302: Wagtail sends a refused admin user to the dashboard


def assert_still_in_moderation(page):
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def approve_url(page, action="approve"):
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


@pytest.fixture
def submitted(client_for, contributor_a, village_a):
    """A page contributor A wrote and submitted for moderation through the admin."""
    page = create_page(client_for(contributor_a), village_a.page, "action-submit")
    page.refresh_from_db()
    return page


def test_village_workflow_uses_region_approval_task(village_a):
    workflow = village_a.page.get_workflow()
    assert isinstance(workflow, Workflow)
    assert workflow.name == "Moderasi desa"
    tasks = [task.specific for task in workflow.tasks]
    assert [type(task) for task in tasks] == [RegionApprovalTask]
    assert tasks[0].role == Role.OPERATOR


def test_contributor_is_not_offered_publish(client_for, contributor_a, village_a):
    client = client_for(contributor_a)
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", village_a.page.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="action-submit"' in response.text
    assert 'name="action-publish"' not in response.text


def test_contributor_creates_draft_that_stays_unpublished(client_for, contributor_a, village_a):
    page = create_page(client_for(contributor_a), village_a.page, "action-publish")
    assert not page.live
    assert page.owner == contributor_a
    assert page.get_latest_revision_as_object().title == TITLE
    assert page.current_workflow_state is None


def test_contributor_cannot_publish_own_draft_from_edit_view(client_for, contributor_a, village_a):
    client = client_for(contributor_a)
    page = create_page(client, village_a.page, "action-draft")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    edit = client.get(url)
    assert edit.status_code == 200
    assert 'name="action-publish"' not in edit.text
    data = page_form(client, url, title=TITLE + " Revisi")
    data["action-publish"] = "1"
    client.post(url, data)
    page.refresh_from_db()
    assert not page.live


def test_contributor_cannot_create_pages_in_other_village(client_for, contributor_a, village_b):
    client = client_for(contributor_a)
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", village_b.page.pk])
    response = client.get(url)
    assert response.status_code == 404
    assert "Wangi" not in response.text


def test_contributor_submission_starts_village_workflow(submitted, contributor_a):
    assert not submitted.live
    state = submitted.current_workflow_state
    assert state is not None
    assert state.requested_by == contributor_a
    assert isinstance(submitted.current_workflow_task, RegionApprovalTask)


def test_contributor_cannot_approve_own_submission(client_for, contributor_a, submitted):
    response = client_for(contributor_a).post(approve_url(submitted), {"comment": ""})
    assert response.status_code in REFUSED
    assert response.get("Location") != reverse("wagtailadmin_pages:edit", args=[submitted.pk])
    assert_still_in_moderation(submitted)


def test_operator_of_other_village_cannot_approve(client_for, operator_b, submitted):
    client = client_for(operator_b)
    for action in ("approve", "reject"):
        url = approve_url(submitted, action)
        assert client.get(url).status_code in (403, 404)
        assert client.post(url, {"comment": ""}).status_code in (403, 404)
    assert_still_in_moderation(submitted)


def test_district_editor_of_another_regency_cannot_approve(client_for, submitted, other_regency):
    editor = factories.district_editor_of(other_regency)
    response = client_for(editor).post(approve_url(submitted), {"comment": ""})
    assert response.status_code in REFUSED
    assert response.get("Location") != reverse("wagtailadmin_pages:edit", args=[submitted.pk])
    assert_still_in_moderation(submitted)


def test_district_editor_of_the_villages_regency_approves(client_for, submitted, regency):
    editor = factories.district_editor_of(regency)
    response = client_for(editor).post(approve_url(submitted), {"comment": "Oke"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.live
    assert submitted.current_workflow_state is None


def test_operator_of_own_village_approves_and_publishes(client_for, operator_a, submitted):
    response = client_for(operator_a).post(approve_url(submitted), {"comment": "Setuju"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.live
    assert submitted.title == TITLE
    assert submitted.current_workflow_state is None


def test_operator_can_request_changes(client_for, operator_a, submitted):
    url = approve_url(submitted, "reject")
    response = client_for(operator_a).post(url, {"comment": "Tolong lengkapi"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert not submitted.live
    assert submitted.current_workflow_state.status == "needs_changes"


def test_review_panel_shows_submission_only_to_own_village_operators(
    client_for, operator_a, operator_b, submitted
):
    home = reverse("wagtailadmin_home")
    assert TITLE in client_for(operator_a).get(home).text
    assert TITLE not in client_for(operator_b).get(home).text


def test_workflow_reports_show_submission_only_in_own_village(
    client_for, operator_a, operator_b, submitted
):
    for name in ("workflow", "workflow_tasks"):
        url = reverse(f"wagtailadmin_reports:{name}")
        assert TITLE in client_for(operator_a).get(url).text
        for params in ({}, {"reviewable": "true"}):
            assert TITLE not in client_for(operator_b).get(url, params).text


def test_task_states_user_can_moderate_follow_region(operator_a, operator_b, submitted):
    task = submitted.current_workflow_task
    assert task.get_task_states_user_can_moderate(operator_a).count() == 1
    assert task.get_task_states_user_can_moderate(operator_b).count() == 0
