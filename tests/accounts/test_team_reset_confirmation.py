"""Resetting a password from the team page asks first (issue 10: no silent dead ends).

The member page's "Atur ulang sandi" is a link to a confirmation page; opening it changes
nothing, and only its "Ya, atur ulang sandi" (a POST) resets. Who may open the confirmation
is exactly who may reset. Everything goes through the real admin URLs, on a village's host.
"""

import re

from django.core import mail
from django.urls import reverse

import pytest

from audit.models import Action, RegionLogEntry
from tests import factories
from tests.factories import logged_in
from villages.models.regions import Role

REFUSED = (302, 403, 404)


@pytest.fixture
def admin_tuban(regency):
    return factories.regency_admin_of(regency, username="admin_tuban")


@pytest.fixture
def siti(village_a):
    return factories.operator_of(
        village_a,
        username="siti.kebonharjo",
        first_name="Siti",
        last_name="Aminah",
        email="siti@kebonharjo.test",
    )


def reset_url(user) -> str:
    return reverse("accounts_team:reset", args=[user.pk])


def member_url(user) -> str:
    return reverse("accounts_team:member", args=[user.pk])


def unchanged(user) -> bool:
    user.refresh_from_db()
    return (
        user.has_usable_password()
        and user.check_password(factories.PASSWORD)
        and not mail.outbox
        and not RegionLogEntry.objects.filter(
            action=Action.USER_PASSWORD_RESET, target_user=user
        ).exists()
    )


def test_member_page_button_is_a_link_to_the_confirmation_not_a_reset(admin_tuban, siti, village_a):
    html = logged_in(admin_tuban).get(member_url(siti), HTTP_HOST=village_a.host).text
    assert f'href="{reset_url(siti)}"' in html
    assert 'value="reset"' not in html
    assert unchanged(siti)


def test_confirmation_page_says_what_will_happen_and_changes_nothing(admin_tuban, siti, village_a):
    their_client = logged_in(siti)
    response = logged_in(admin_tuban).get(reset_url(siti), HTTP_HOST=village_a.host)

    assert response.status_code == 200
    html = response.text
    assert "Atur ulang sandi" in html  # the admin page's title
    assert "Anda akan mengatur ulang sandi <strong>Siti Aminah</strong>" in html
    assert "<code>siti.kebonharjo</code>" in html
    assert "Sandi lamanya langsung tidak berlaku lagi" in html
    assert "dikirim ke siti@kebonharjo.test" in html
    assert "berlaku 3 hari" in html
    form = re.search(r'<form method="post"[^>]*>(.*?)</form>', html, re.S)
    assert form, html
    assert "Ya, atur ulang sandi" in form.group(1)
    assert f'href="{member_url(siti)}"' in form.group(1) and "Batal" in form.group(1)
    # The admin layout: the breadcrumbs lead back to the team and the person.
    assert 'href="/admin/tim/"' in html

    assert unchanged(siti)
    assert their_client.get(reverse("wagtailadmin_home")).status_code == 200


def test_confirmation_for_a_person_without_email_says_the_link_is_shown_to_hand_over(
    admin_tuban, village_a
):
    person = factories.contributor_of(village_a, first_name="Darmo", email="")
    html = logged_in(admin_tuban).get(reset_url(person), HTTP_HOST=village_a.host).text
    assert "Orang ini tidak memiliki email" in html
    assert "sampaikan sendiri" in html
    assert "dikirim ke" not in html
    assert unchanged(person)


def test_yes_on_the_confirmation_resets_and_shows_the_link_once(admin_tuban, siti, village_a):
    client = logged_in(admin_tuban)
    page = client.get(reset_url(siti), HTTP_HOST=village_a.host)
    action = re.search(r'<form method="post"[^>]*?(?:action="([^"]*)")?[^>]*>', page.text)
    target = action.group(1) or reset_url(siti)

    response = client.post(target, HTTP_HOST=village_a.host)

    assert response.status_code == 200
    assert "Sandi diatur ulang" in response.text
    siti.refresh_from_db()
    assert not siti.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["siti@kebonharjo.test"]
    link = re.search(r"https?://\S+/admin/password_reset/confirm/\S+/", message.body).group(0)
    assert link in response.text
    assert link.startswith(f"http://{village_a.host}/")


@pytest.mark.parametrize(
    ("manager", "person"),
    [
        ("admin_lamongan", "siti"),  # another regency
        ("operator_a", "operator_b"),  # a neighbouring village's operator
        ("operator_a", "fellow_operator"),  # an operator resets contributors only
    ],
)
def test_confirmation_outside_scope_is_not_found_like_the_reset(
    village_a, village_b, other_regency, siti, manager, person
):
    people = {
        "admin_lamongan": lambda: factories.regency_admin_of(other_regency),
        "operator_a": lambda: factories.operator_of(village_a),
        "operator_b": lambda: factories.operator_of(village_b),
        "fellow_operator": lambda: factories.operator_of(village_a),
        "siti": lambda: siti,
    }
    client, target = logged_in(people[manager]()), people[person]()

    shown = client.get(reset_url(target), HTTP_HOST=village_a.host)
    done = client.post(reset_url(target), HTTP_HOST=village_a.host)

    assert shown.status_code == done.status_code == 404
    assert unchanged(target)


def test_confirmation_for_account_serving_another_regency_is_refused_like_the_reset(
    admin_tuban, village_a, village_other_regency
):
    person = factories.operator_of(village_a, username="dua_kabupaten")
    person.groups.add(village_other_regency.group(Role.OPERATOR))
    client = logged_in(admin_tuban)

    shown = client.get(reset_url(person), HTTP_HOST=village_a.host, follow=True)
    done = client.post(reset_url(person), HTTP_HOST=village_a.host, follow=True)

    for response in (shown, done):
        assert response.redirect_chain == [(member_url(person), 302)]
        assert "di luar wilayah yang Anda kelola" in response.text
        assert "Ya, atur ulang sandi" not in response.text
    assert unchanged(person)


@pytest.mark.parametrize("case", ["inactive", "self"])
def test_confirmation_that_cannot_be_carried_out_says_why_on_the_member_page(
    admin_tuban, siti, village_a, case
):
    if case == "inactive":
        siti.is_active = False
        siti.save(update_fields=["is_active"])
        target, reason = siti, "Aktifkan akun ini dulu"
    else:
        target, reason = admin_tuban, "Ubah akun Anda sendiri lewat halaman Akun"
    response = logged_in(admin_tuban).get(reset_url(target), HTTP_HOST=village_a.host, follow=True)
    assert response.redirect_chain == [(member_url(target), 302)]
    assert reason in response.text
    assert unchanged(target)


def test_contributor_cannot_open_the_confirmation(village_a, siti):
    client = logged_in(factories.contributor_of(village_a))
    assert client.get(reset_url(siti), HTTP_HOST=village_a.host).status_code in REFUSED
    assert client.post(reset_url(siti), HTTP_HOST=village_a.host).status_code in REFUSED
    assert unchanged(siti)


def test_member_page_post_no_longer_resets_on_the_first_click(admin_tuban, siti, village_a):
    response = logged_in(admin_tuban).post(
        member_url(siti), {"action": "reset"}, HTTP_HOST=village_a.host
    )
    assert response.status_code == 404
    assert unchanged(siti)
