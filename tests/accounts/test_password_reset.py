"""Self-service password reset through Wagtail's real views, emails from the locmem outbox.

Siti holds roles in two villages of two regencies (operator of Kebonharjo, Tuban; contributor
of Sembung, Lamongan).
"""

from __future__ import annotations

import re

from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

import pytest
from axes.models import AccessAttempt

from accounts.password_reset import link_validity
from tests import factories
from villages.models.regions import Role

ADDRESS = "10.20.30.40"
STRONG = "Lumbung-padi-Senja-4821"
LINK = re.compile(r"http://admin\.testserver(/admin/password_reset/confirm/[^/\s]+/[^/\s]+/)")


@pytest.fixture
def siti(village_a, village_other_regency):
    user = factories.operator_of(
        village_a,
        username="siti.kebonharjo",
        first_name="Siti",
        last_name="Aminah",
        email="siti@desa.test",
    )
    user.groups.add(village_other_regency.group(Role.CONTRIBUTOR))
    return user


def request_reset(email, client=None, address=ADDRESS):
    client = client or Client()
    return client.post(
        reverse("wagtailadmin_password_reset"), {"email": email}, REMOTE_ADDR=address
    )


def reset_link(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def open_link(client, link):
    """Open the emailed link; Django moves the token into the session and redirects to the
    form. Returns the form's URL."""
    response = client.get(link, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 302, response.status_code
    return response["Location"]


def set_password(client, form_url, password):
    return client.post(
        form_url, {"new_password1": password, "new_password2": password}, REMOTE_ADDR=ADDRESS
    )


def sign_in(username, password, address=ADDRESS):
    return Client().post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_reset_email_is_indonesian_and_names_the_person_their_username_and_the_link(siti):
    response = request_reset("siti@desa.test")

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_password_reset_done")
    [message] = mail.outbox
    assert message.to == ["siti@desa.test"]
    assert message.subject == "Atur ulang sandi Portal Desa"
    body = message.body
    assert "Halo Siti Aminah," in body
    assert "Nama pengguna Anda (untuk masuk): siti.kebonharjo" in body
    assert "berlaku selama 3 hari" in body
    assert "Abaikan email ini bila Anda tidak meminta" in body
    assert reset_link(message)


def test_address_is_matched_without_regard_to_case(siti):
    request_reset("SITI@Desa.Test")

    assert [m.to for m in mail.outbox] == [["siti@desa.test"]]


def test_unknown_address_gets_the_same_answer_and_no_email(siti):
    known = request_reset("siti@desa.test")
    mail.outbox.clear()

    unknown = request_reset("tidak.ada@desa.test")

    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert mail.outbox == []


def test_inactive_account_gets_no_email(siti):
    siti.is_active = False
    siti.save(update_fields=["is_active"])

    response = request_reset("siti@desa.test")

    assert response["Location"] == reverse("wagtailadmin_password_reset_done")
    assert mail.outbox == []


def test_invited_person_without_a_password_yet_gets_the_email(village_a):
    invited = factories.operator_of(village_a, email="baru@desa.test")
    invited.set_unusable_password()
    invited.save()

    request_reset("baru@desa.test")

    [message] = mail.outbox
    assert message.to == ["baru@desa.test"]
    client = Client()
    form_url = open_link(client, reset_link(message))
    assert set_password(client, form_url, STRONG).status_code == 302
    invited.refresh_from_db()
    assert invited.check_password(STRONG)


def test_full_reset_refuses_a_weak_password_then_signs_in_with_the_strong_one(siti):
    request_reset("siti@desa.test")
    link = reset_link(mail.outbox[0])
    client = Client()
    form_url = open_link(client, link)

    weak = set_password(client, form_url, "Bismillah2024!")

    assert weak.status_code == 200
    assert "Sandi ini mudah ditebak" in weak.content.decode()
    siti.refresh_from_db()
    assert siti.check_password(factories.PASSWORD)

    strong = set_password(client, form_url, STRONG)

    assert strong.status_code == 302
    assert strong["Location"] == reverse("wagtailadmin_password_reset_complete")
    assert sign_in("siti.kebonharjo", factories.PASSWORD).status_code == 200  # old one refused
    response = sign_in("siti.kebonharjo", STRONG)
    assert response.status_code == 302
    assert SESSION_KEY in response.client.session


def test_used_link_no_longer_works(siti):
    request_reset("siti@desa.test")
    link = reset_link(mail.outbox[0])
    client = Client()
    set_password(client, open_link(client, link), STRONG)

    again = Client().get(link, REMOTE_ADDR=ADDRESS)

    assert again.status_code == 200
    assert again.context["validlink"] is False
    assert 'name="new_password1"' not in again.content.decode()


def test_completed_reset_ends_a_lockout(siti):
    for _ in range(5):
        sign_in("siti.kebonharjo", "tebakan-Salah-123")
    assert sign_in("siti.kebonharjo", factories.PASSWORD).status_code == 429

    request_reset("siti@desa.test")
    client = Client()
    set_password(client, open_link(client, reset_link(mail.outbox[0])), STRONG)

    assert not AccessAttempt.objects.filter(username="siti.kebonharjo").exists()
    assert sign_in("siti.kebonharjo", STRONG).status_code == 302


@override_settings(PASSWORD_RESET_EMAIL_LIMIT=3)
def test_reset_emails_per_address_are_limited_and_the_page_does_not_tell(siti):
    answers = [request_reset("siti@desa.test", address=f"10.0.0.{n}") for n in range(5)]

    assert len(mail.outbox) == 3
    assert {(r.status_code, r["Location"]) for r in answers} == {
        (302, reverse("wagtailadmin_password_reset_done"))
    }


@override_settings(PASSWORD_RESET_IP_LIMIT=2, PASSWORD_RESET_EMAIL_LIMIT=10)
def test_reset_requests_per_client_address_are_limited(siti, village_b):
    factories.operator_of(village_b, email="budi@desa.test")
    request_reset("tidak.ada@desa.test")
    request_reset("siti@desa.test")

    over = request_reset("budi@desa.test")

    assert over["Location"] == reverse("wagtailadmin_password_reset_done")
    assert [m.to for m in mail.outbox] == [["siti@desa.test"]]
    # Another client is not held back by the first one.
    request_reset("budi@desa.test", address="10.99.0.1")
    assert [m.to for m in mail.outbox][-1] == ["budi@desa.test"]


@override_settings(PASSWORD_RESET_TIMEOUT=36 * 3600)
def test_email_states_the_validity_from_the_setting(siti):
    request_reset("siti@desa.test")

    assert "berlaku selama 1 hari 12 jam" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (3 * 86400, "3 hari"),
        (86400 + 2 * 3600, "1 hari 2 jam"),
        (7200, "2 jam"),
        (1800, "30 menit"),
    ],
)
def test_link_validity_in_words(seconds, words):
    assert link_validity(seconds) == words
