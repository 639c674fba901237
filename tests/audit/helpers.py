"""Drive the page editor and the moderation views as a browser would."""

from django.urls import reverse

from wagtail.models import Page

from audit.models import RegionLogEntry
from tests.page_editor import page_form


def create_page(client, parent, title, action=None):
    """Create a standard page under ``parent`` through the admin; ``action`` is the button
    pressed ("action-publish", "action-submit"; None saves a draft)."""
    slug = title.lower().replace(" ", "-")
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.pk])
    data = page_form(client, url, title=title, slug=slug)
    if action:
        data[action] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    return Page.objects.child_of(parent).get(slug=slug).specific


def edit_page(client, page, action=None, **fields):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = page_form(client, url, **fields)
    if action:
        data[action] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]


def workflow_action_url(page, action):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def history_of(page_id):
    """(region code, action, actor name, label) of a page's entries, oldest first."""
    return list(
        RegionLogEntry.objects.filter(page_id=page_id)
        .order_by("timestamp", "pk")
        .values_list("region__code", "action", "actor_name", "object_label")
    )
