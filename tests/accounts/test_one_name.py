"""People known by one name ("Sutrisno", common in Indonesia) can hold and keep an account.

Through the real views, on a village's host: the account page (Wagtail's, whose name form is
replaced by ``villages.patches.account_name_form``), the team's invitation and details
forms, and Wagtail's own user admin (``accounts.user_admin``).
"""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.admin.forms.account import NameEmailForm as WagtailNameEmailForm
from wagtail.admin.views.account import NameEmailSettingsPanel
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm

import pytest

from accounts.user_admin import UserCreationForm, UserEditForm
from tests import factories
from tests.factories import logged_in
from villages.models.regions import Role
from villages.patches.account_name_form import NameEmailForm

User = get_user_model()


def account_page(client, host):
    response = client.get(reverse("wagtailadmin_account"), HTTP_HOST=host)
    assert response.status_code == 200
    return response


def account_data(response, **changes) -> dict:
    """What the browser posts from the account page: every panel's fields as shown, with
    ``changes`` (prefixed names, "name_email-first_name") applied. Empty password fields
    leave the sandi as it is; an unchecked box is left out."""
    data = {}
    for panels in response.context["panels_by_tab"].values():
        for panel in panels:
            form = panel.get_form()
            for name in form.fields:
                value = form[name].value()
                if value is None or value is False or name == "avatar":
                    continue
                data[form.add_prefix(name)] = value
    data.update(changes)
    return data


def errors_of(response) -> list:
    panels = response.context["panels_by_tab"].values()
    return [(panel.name, panel.get_form().errors) for tab in panels for panel in tab]


@pytest.mark.parametrize("email", ["sutrisno@kebonharjo.test", ""])
def test_person_with_only_a_first_name_saves_their_account_page(village_a, email):
    person = factories.operator_of(village_a, first_name="Sutrisno", last_name="", email=email)
    client = logged_in(person)
    page = account_page(client, village_a.host)

    changes = {"name_email-first_name": "Trisno", "locale-preferred_language": "en"}
    response = client.post(
        reverse("wagtailadmin_account"), account_data(page, **changes), HTTP_HOST=village_a.host
    )

    assert response.status_code == 302, errors_of(response)
    assert response["Location"] == reverse("wagtailadmin_account")
    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.email) == ("Trisno", "", email)
    assert person.wagtail_userprofile.preferred_language == "en"


def test_account_page_still_requires_a_first_name(village_a):
    person = factories.operator_of(village_a, first_name="Sutrisno", last_name="")
    client = logged_in(person)
    page = account_page(client, village_a.host)
    response = client.post(
        reverse("wagtailadmin_account"),
        account_data(page, **{"name_email-first_name": ""}),
        HTTP_HOST=village_a.host,
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.first_name == "Sutrisno"


def test_account_page_name_form_is_ours_and_wagtails_still_needs_the_replacement(village_a):
    """Tripwire beside ``tests/villages/test_patches.py``: the account page builds its name
    panel from ``NameEmailSettingsPanel.form_class`` (ours), and Wagtail's own form still
    requires the last name (when an upgrade stops requiring it, the patch can go)."""
    person = factories.operator_of(village_a, first_name="Sutrisno", last_name="")
    page = account_page(logged_in(person), village_a.host)
    [panel] = [
        panel
        for panels in page.context["panels_by_tab"].values()
        for panel in panels
        if panel.name == "name_email"
    ]
    assert isinstance(panel, NameEmailSettingsPanel)
    assert type(panel.get_form()) is NameEmailForm
    assert WagtailNameEmailForm.base_fields["last_name"].required
    assert WagtailUserCreationForm.base_fields["last_name"].required


def test_invitation_with_one_name_creates_the_account(village_a):
    operator = factories.operator_of(village_a)
    response = logged_in(operator).post(
        reverse("accounts_team:invite"),
        {
            "region": village_a.region.pk,
            "role": Role.CONTRIBUTOR,
            "first_name": "Sutrisno",
            "last_name": "",
            "email": "",
        },
        HTTP_HOST=village_a.host,
    )
    assert response.status_code == 200
    person = response.context["result"].user
    assert (person.first_name, person.last_name) == ("Sutrisno", "")
    assert re.fullmatch(r"sutrisno\.[a-z2-9]{4}", person.username)
    assert "<strong>Sutrisno</strong>" in response.text


def test_team_details_save_with_one_name(village_a):
    operator = factories.operator_of(village_a)
    person = factories.contributor_of(village_a, first_name="Siti", last_name="Aminah")
    response = logged_in(operator).post(
        reverse("accounts_team:member", args=[person.pk]),
        {"action": "details", "first_name": "Aminah", "last_name": "", "email": person.email},
        HTTP_HOST=village_a.host,
        follow=True,
    )
    assert "Data akun disimpan" in response.text
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Aminah", "")


def test_wagtail_user_admin_creates_and_edits_a_person_with_one_name(superuser, village_a):
    client = logged_in(superuser)
    add = reverse("wagtailusers_users:add")
    form = client.get(add, HTTP_HOST=village_a.host)
    assert isinstance(form.context["form"], UserCreationForm)
    strong = "Gotong-royong-Kali-2026"
    response = client.post(
        add,
        {
            "username": "sutrisno",
            "email": "sutrisno@kebonharjo.test",
            "first_name": "Sutrisno",
            "last_name": "",
            "password1": strong,
            "password2": strong,
        },
        HTTP_HOST=village_a.host,
    )
    assert response.status_code == 302, response.context["form"].errors
    person = User.objects.get(username="sutrisno")
    assert person.last_name == ""

    edit = reverse("wagtailusers_users:edit", args=[person.pk])
    assert isinstance(client.get(edit, HTTP_HOST=village_a.host).context["form"], UserEditForm)
    response = client.post(
        edit,
        {
            "username": "sutrisno",
            "email": "sutrisno@kebonharjo.test",
            "first_name": "Trisno",
            "last_name": "",
            "is_active": "on",
        },
        HTTP_HOST=village_a.host,
    )
    assert response.status_code == 302, response.context["form"].errors
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Trisno", "")
