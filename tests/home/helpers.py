"""Shortcuts for the profile and contact page tests."""

from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from home.models import ContactPage, ProfilePage


def profile_of(tenant) -> ProfilePage:
    return ProfilePage.objects.child_of(tenant.page).get()


def contact_of(tenant) -> ContactPage:
    return ContactPage.objects.child_of(tenant.page).get()


def edit_form(client, page, streamfields=(), **fields):
    """The admin edit form of ``page`` as a browser would post it, with ``fields`` changed.

    StreamFields are built by JavaScript in the browser; they are posted empty here.
    """
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    data = querydict_from_html(response.text, form_id="page-edit-form")
    data.update(nested_form_data({name: streamfield([]) for name in streamfields}))
    for name, value in fields.items():
        data[name] = value
    return data
