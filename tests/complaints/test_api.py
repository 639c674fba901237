"""The APIs never hold a complaint: the complaints page publishes its own text only, on its
own village's host, and no endpoint lists complaints, their answers or their senders."""

from __future__ import annotations

from wagtail.models import APIToken

import pytest

from complaints.models import NameShown, Status

from .helpers import make, page_of

pytestmark = pytest.mark.django_db

SECRETS = ("Rahasiapengadu", "rahasia@contoh.id", "Isirahasiapengaduan", "Jawabanrahasia")


@pytest.fixture
def complaints(village_a, village_b):
    for tenant in (village_a, village_b):
        make(
            tenant,
            name="Rahasiapengadu Santoso",
            email="rahasia@contoh.id",
            phone="0812-9999-8888",
            message="Isirahasiapengaduan tentang jalan desa.",
            answer="Jawabanrahasia dari desa.",
            status=Status.ANSWERED,
            may_publish=True,
            published=True,
            name_shown=NameShown.MASKED,
        )


def assert_no_secrets(response):
    assert response.status_code in (200, 404), response.content[:300]
    text = response.content.decode()
    for secret in (*SECRETS, "9999-8888"):
        assert secret not in text


def test_v2_page_detail_has_the_intro_only(client, village_a, complaints):
    page = page_of(village_a)
    response = client.get(f"/api/v2/pages/{page.pk}/?fields=*", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["type"] == "complaints.ComplaintPage"
    assert "intro" in data
    assert_no_secrets(response)


def test_v2_and_v3_listings_never_show_complaints(client, village_a, village_b, complaints):
    for path in (
        "/api/v2/pages/?type=complaints.ComplaintPage&fields=*",
        "/api/v2/pages/?search=Isirahasiapengaduan",
        "/api/v3/pages/?limit=100",
        "/api/v3/pages/?search=Isirahasiapengaduan",
    ):
        assert_no_secrets(client.get(path, HTTP_HOST=village_a.host))


def test_another_villages_complaints_page_is_404_in_the_api(client, village_a, village_b):
    other = page_of(village_b)
    assert client.get(f"/api/v2/pages/{other.pk}/", HTTP_HOST=village_a.host).status_code == 404
    assert client.get(f"/api/v3/pages/{other.pk}/", HTTP_HOST=village_a.host).status_code == 404


def test_an_operators_token_reads_no_complaints(client, village_a, operator_a, complaints):
    _token, plaintext = APIToken.create_token(user=operator_a, name="uji")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
    for path in ("/api/v3/pages/?limit=100", f"/api/v3/pages/{page_of(village_a).pk}/"):
        assert_no_secrets(client.get(path, HTTP_HOST=village_a.host, **auth))
