"""What the page cache serves, to whom, and what it never keeps."""

import re

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory

from wagtail.models import PageViewRestriction

import pytest

from pagecache.middleware import HEADER

from .helpers import get, state, warm

pytestmark = pytest.mark.django_db


def nonce_in(html: str) -> str:
    return re.search(r'nonce="([^"]+)"', html).group(1)


def test_the_second_visit_is_served_from_the_cache_with_an_etag(client, village_a, page_cache):
    first = get(client, village_a.host)
    assert first[HEADER] == "miss"
    second = get(client, village_a.host)
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "public" in second["Cache-Control"]
    assert int(second["Age"]) >= 0
    again = get(client, village_a.host, HTTP_IF_NONE_MATCH=second["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_a_hit_keeps_the_nonce_of_its_page(client, village_a, page_cache):
    # django-csp writes the header from request._csp_nonce, which the cache sets on a hit;
    # if django-csp renames it, the header and the page no longer agree and this fails.
    get(client, village_a.host)
    hit = get(client, village_a.host)
    assert hit[HEADER] == "hit"
    nonce = nonce_in(hit.text)
    assert f"'nonce-{nonce}'" in hit["Content-Security-Policy"]


def test_cache_is_off_when_disabled(client, village_a, page_cache, settings):
    settings.PAGE_CACHE_ENABLED = False
    get(client, village_a.host)
    assert HEADER not in get(client, village_a.host)


def test_each_site_host_language_and_query_has_its_own_copy(
    client, village_a, village_b, page_cache
):
    warm(client, village_a.host, "/berita/")
    assert state(client, village_b.host, "/berita/") == "miss"
    assert state(client, village_a.host, "/en/") == "miss"
    assert state(client, village_a.host, "/berita/?page=2") == "miss"
    assert b"Wangi" in get(client, village_b.host, "/berita/").content


def test_signed_in_people_never_get_or_leave_a_copy(client, village_a, operator_a, page_cache):
    warm(client, village_a.host)
    client.force_login(operator_a)
    signed_in = get(client, village_a.host)
    assert HEADER not in signed_in
    assert "private" in signed_in["Cache-Control"]
    assert b"wagtail-userbar" in signed_in.content
    # Nothing the operator saw was stored in the anonymous copy's place.
    anonymous = Client()
    assert state(anonymous, village_a.host) == "hit"
    assert b"wagtail-userbar" not in get(anonymous, village_a.host).content


def test_an_api_token_never_gets_a_copy(client, village_a, page_cache):
    warm(client, village_a.host)
    response = get(client, village_a.host, HTTP_AUTHORIZATION="Bearer abc")
    assert HEADER not in response


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(client, village_a, page_cache):
    warm(client, village_a.host)
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Terima kasih")])
    # Rendered for this visitor (a page that shows messages would show it), not the copy.
    assert HEADER not in get(client, village_a.host)


def test_pages_with_a_form_are_never_stored(client, village_a, page_cache):
    for _ in range(2):
        response = get(client, village_a.host, "/kontak/")
        assert response.status_code == 200
        assert response[HEADER] == "miss"
        assert "csrfmiddlewaretoken" in response.text


def test_private_pages_are_never_stored_nor_served(client, village_a, page_cache):
    profile = village_a.page.get_children().get(slug="profil")
    with page_cache():
        PageViewRestriction.objects.create(
            page=profile, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
        )
    for _ in range(2):
        response = get(client, village_a.host, "/profil/")
        assert response[HEADER] == "miss"
        assert 'name="password"' in response.text
    # Having given the password (a session), the visitor gets the page rendered.
    restriction = PageViewRestriction.objects.get(page=profile)
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{profile.pk}/",
        {"password": "rahasia", "return_url": "/profil/"},
        HTTP_HOST=village_a.host,
    )
    assert response.status_code == 302
    assert HEADER not in get(client, village_a.host, "/profil/")


def test_a_page_made_private_stops_being_served_from_the_cache(client, village_a, page_cache):
    warm(client, village_a.host, "/profil/")
    profile = village_a.page.get_children().get(slug="profil")
    with page_cache():
        PageViewRestriction.objects.create(page=profile, restriction_type="login")
    response = get(client, village_a.host, "/profil/")
    assert response.status_code == 302  # to the sign-in, not the stored copy


def test_drafts_never_reach_the_public_copy(client, village_a, page_cache):
    warm(client, village_a.host, "/profil/")
    profile = village_a.page.get_children().get(slug="profil").specific
    with page_cache():
        profile.title = "Judul draf rahasia"
        profile.save_revision()
    for _ in range(2):
        assert "Judul draf rahasia" not in get(client, village_a.host, "/profil/").text


def test_admin_and_preview_urls_are_never_cached(client, village_a, operator_a, page_cache):
    client.force_login(operator_a)
    profile = village_a.page.get_children().get(slug="profil")
    client.logout()
    for path in ("/admin/login/", f"/admin/pages/{profile.pk}/view_draft/", "/_health/"):
        assert HEADER not in get(client, village_a.host, path)
        assert HEADER not in get(client, village_a.host, path)


def test_a_lost_stamp_makes_every_copy_under_it_stale(client, village_a, page_cache):
    from django.core.cache import cache

    warm(client, village_a.host)
    cache.delete(f"pc:v:tree:{village_a.region.code}")
    assert state(client, village_a.host) == "miss"
    assert state(client, village_a.host) == "hit"


def test_a_hit_costs_no_database_query_beyond_finding_the_site(
    client, village_a, page_cache, django_assert_max_num_queries
):
    warm(client, village_a.host)
    with django_assert_max_num_queries(1):  # VillageSiteMiddleware's host look-up
        assert state(client, village_a.host) == "hit"
