"""The "Lupa sandi?" pages tell a person without an email address whom to ask (issue 10).

Through Wagtail's real reset views on real hosts: a village's host names its operator and
its regency's Diskominfo with the contact the regency set on its policy page; an unknown host
gets the same advice without names. The pages are the same whether an account exists.
"""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest

from audit.models import Action, RegionLogEntry
from editorial.models import RegencyPolicy
from tests import factories
from tests.factories import logged_in

TUBAN_CONTACT = "WhatsApp Diskominfo Tuban 0812-1111-2222"
LAMONGAN_CONTACT = "bantuan@diskominfo.lamongan.test"


@pytest.fixture
def contacts(regency, other_regency):
    for tenant, contact in ((regency, TUBAN_CONTACT), (other_regency, LAMONGAN_CONTACT)):
        tenant.region.support_contact = contact
        tenant.region.save(update_fields=["support_contact"])


def reset_page(host):
    response = Client().get(reverse("wagtailadmin_password_reset"), HTTP_HOST=host)
    assert response.status_code == 200
    return response.text


def without_tokens(html: str) -> str:
    return re.sub(r"(csrfmiddlewaretoken\" value=\"|\"CSRF_TOKEN\": \")[^\"]+", r"\1", html)


def done_page(host, email):
    response = Client().post(
        reverse("wagtailadmin_password_reset"), {"email": email}, HTTP_HOST=host, follow=True
    )
    assert response.redirect_chain == [(reverse("wagtailadmin_password_reset_done"), 302)]
    return response.text


def test_village_host_names_its_operator_and_its_regencys_contact(contacts, village_a):
    html = reset_page(village_a.host)
    assert "Akun Anda tanpa email?" in html
    assert "kontributor: operator Desa Kebonharjo" in html
    assert "Diskominfo Kabupaten Tuban" in html
    assert TUBAN_CONTACT in html
    assert LAMONGAN_CONTACT not in html and "Lamongan" not in html


def test_village_of_the_other_regency_names_that_regencys_contact(contacts, village_other_regency):
    html = reset_page(village_other_regency.host)
    assert "operator Desa Sembung" in html
    assert "Diskominfo Kabupaten Lamongan" in html
    assert LAMONGAN_CONTACT in html
    assert TUBAN_CONTACT not in html and "Tuban" not in html


def test_done_page_gives_the_same_help_and_the_same_answer_with_or_without_an_account(
    contacts, village_a
):
    factories.operator_of(village_a, email="siti@kebonharjo.test")
    known = done_page(village_a.host, "siti@kebonharjo.test")
    unknown = done_page(village_a.host, "tidak.ada@kebonharjo.test")
    assert [m.to for m in mail.outbox] == [["siti@kebonharjo.test"]]
    for html in (known, unknown):
        assert TUBAN_CONTACT in html and "operator Desa Kebonharjo" in html
        assert LAMONGAN_CONTACT not in html
    assert without_tokens(known) == without_tokens(unknown)


def test_regency_portal_names_its_contact_and_village_operators_in_general(contacts, regency):
    html = reset_page(regency.host)
    assert "kontributor: operator desa Anda" in html
    assert TUBAN_CONTACT in html


def test_regency_without_a_contact_is_named_without_one(village_a):
    html = reset_page(village_a.host)
    assert "Diskominfo Kabupaten Tuban." in html
    assert LAMONGAN_CONTACT not in html


@pytest.mark.parametrize("host", ["tidak-dikenal.test", "admin.testserver"])
def test_unknown_host_gets_the_advice_without_names(contacts, host):
    for html in (reset_page(host), done_page(host, "siapa@contoh.test")):
        assert "kontributor: operator desa Anda" in html
        assert "Diskominfo kabupaten/kota Anda" in html
        assert TUBAN_CONTACT not in html and LAMONGAN_CONTACT not in html


def policy_data(regency_code, **values):
    return {
        "wilayah": regency_code,
        "inactive_after_days": 30,
        "reminder_interval_days": 7,
        "reminders_enabled": "on",
        **values,
    }


def test_regency_admin_sets_the_contact_on_the_policy_page(regency, village_a):
    admin = factories.regency_admin_of(regency)
    client = logged_in(admin)
    url = reverse("editorial_policy")
    assert 'name="support_contact"' in client.get(url, HTTP_HOST=regency.host).text

    response = client.post(
        url, policy_data("35.23", support_contact=f"  {TUBAN_CONTACT} "), HTTP_HOST=regency.host
    )

    assert response.status_code == 302
    regency.region.refresh_from_db()
    assert regency.region.support_contact == TUBAN_CONTACT
    entry = RegionLogEntry.objects.get(action=Action.POLICY_CHANGE, region=regency.region)
    assert entry.data["support_contact"] == TUBAN_CONTACT
    assert f'value="{TUBAN_CONTACT}"' in client.get(url, HTTP_HOST=regency.host).text
    assert TUBAN_CONTACT in reset_page(village_a.host)


def test_contact_of_another_regency_cannot_be_set(regency, other_regency):
    client = logged_in(factories.regency_admin_of(regency))
    response = client.post(
        reverse("editorial_policy"),
        policy_data("35.24", support_contact="0800-PENYUSUP"),
        HTTP_HOST=regency.host,
    )
    assert response.status_code == 404
    other_regency.region.refresh_from_db()
    assert other_regency.region.support_contact == ""
    assert not RegencyPolicy.objects.filter(region=other_regency.region).exists()
