"""Operators get their API token from Wagtail's own admin view (Settings → API tokens).

Provisioning grants the APIToken permissions to operators (and district editors), not to
contributors.
"""

from django.urls import reverse

from wagtail.models import APIToken

import pytest

from tests.factories import contributor_of


def create_token(client, owner, name="Aplikasi desa"):
    return client.post(
        reverse("wagtailusers_api_tokens:add"),
        {"name": name, "user": owner.pk},
        HTTP_HOST="admin.tuban.test",
    )


def test_contributor_cannot_open_token_admin(client_for, village_a):
    contributor = contributor_of(village_a)
    client = client_for(contributor)
    response = client.get(reverse("wagtailusers_api_tokens:add"), HTTP_HOST="admin.tuban.test")
    assert response.status_code in (302, 403)
    create_token(client, contributor)
    assert not APIToken.objects.filter(user=contributor).exists()


def test_operator_with_token_permissions_creates_own_token_in_admin_and_uses_it(
    client_for, village_a, village_b, operator_a
):
    client = client_for(operator_a)
    response = create_token(client, operator_a)
    assert response.status_code == 200
    plaintext = response.context["token"]
    assert plaintext.startswith("wagtail_")
    assert APIToken.objects.get(user=operator_a).name == "Aplikasi desa"

    client.logout()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}", "HTTP_HOST": village_a.host}
    me = client.get("/api/v3/whoami/", **headers)
    assert me.json()["user"]["username"] == operator_a.username
    pages = client.get("/api/v3/pages/?limit=100", **headers)
    listed = {item["title"] for item in pages.json()["items"]}
    assert "Desa Kebonharjo" in listed
    assert "Desa Wangi" not in listed


def test_operator_cannot_create_token_for_another_user(
    client_for, village_a, village_b, operator_a, operator_b
):
    response = create_token(client_for(operator_a), operator_b)
    assert response.status_code == 200
    assert "token" not in response.context or not response.context["token"]
    assert not APIToken.objects.filter(user=operator_b).exists()


def test_operator_token_index_lists_only_own_tokens(client_for, village_a, operator_a, operator_b):
    APIToken.create_token(user=operator_b, name="Token Wangi")
    APIToken.create_token(user=operator_a, name="Token Kebonharjo")
    response = client_for(operator_a).get(
        reverse("wagtailusers_api_tokens:index"), HTTP_HOST="admin.tuban.test"
    )
    assert response.status_code == 200
    assert "Token Kebonharjo" in response.text
    assert "Token Wangi" not in response.text


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_operator_cannot_open_or_revoke_another_users_token(
    client_for, village_a, operator_a, operator_b, action
):
    token, _plaintext = APIToken.create_token(user=operator_b, name="Token Wangi")
    url = reverse(f"wagtailusers_api_tokens:{action}", args=[token.pk])
    client = client_for(operator_a)
    assert client.get(url, HTTP_HOST="admin.tuban.test").status_code == 404
    client.post(url, HTTP_HOST="admin.tuban.test")
    token.refresh_from_db()
    assert token.revoked_at is None
