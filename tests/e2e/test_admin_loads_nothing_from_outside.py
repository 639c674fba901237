"""The admin loads nothing from outside the installation, avatars included, in Chromium.

An operator with an email address (what Wagtail would hash into a Gravatar URL) signs in and
opens the dashboard, the page list, a page editor and the account page. The test fails on any
URL that is not the live server's, seen any of three ways: a request the browser made (the
route handler records and aborts those, see conftest), a request the Content-Security-Policy
refused before it left (``securitypolicyviolation``: img-src would stop a Gravatar silently),
and a resource address in the rendered page (``img``, ``srcset``, ``link``, ``script``,
``iframe``…, the sidebar's avatar included, which its script renders). Every avatar's image
is the installation's own and answers with an image. With Gravatar turned back on, the same
walk finds it.
"""

from __future__ import annotations

import json

from django.urls import reverse

import pytest

from tests import factories
from tests.e2e.test_admin_csp import VILLAGE_A, sign_in

pytestmark = pytest.mark.e2e

MARKER = "OUTSIDE-REFUSED "
LISTEN_FOR_REFUSALS = f"""
document.addEventListener("securitypolicyviolation", (event) => {{
  console.error({json.dumps(MARKER)} + event.blockedURI);
}});
"""
# Every address the rendered document points a resource at (absolute, as the browser
# resolved it), and the avatars' image addresses.
RESOURCES = """() => {
    const urls = [];
    const add = (value) => { if (value) urls.push(new URL(value, document.baseURI).href); };
    document.querySelectorAll("img, source").forEach((el) => {
        add(el.getAttribute("src"));
        const srcset = (el.getAttribute("srcset") || "").split(",");
        srcset.forEach((part) => add(part.trim().split(" ")[0]));
        if (el.currentSrc) add(el.currentSrc);
    });
    document.querySelectorAll("script[src], iframe[src], video[src], audio[src], embed[src]")
        .forEach((el) => add(el.getAttribute("src")));
    document.querySelectorAll("link[href]").forEach((el) => {
        if (/(stylesheet|icon|preload|prefetch|manifest|modulepreload)/.test(el.rel)) add(el.href);
    });
    const avatars = Array.from(document.querySelectorAll(".avatar img")).map(
        (img) => img.currentSrc || img.src
    );
    return {urls, avatars};
}"""


@pytest.fixture
def refused(page):
    """Addresses the page's Content-Security-Policy stopped before any request was made."""
    found = []
    page.context.add_init_script(LISTEN_FOR_REFUSALS)
    page.on(
        "console",
        lambda message: (
            found.append(message.text[len(MARKER) :]) if message.text.startswith(MARKER) else None
        ),
    )
    return found


def walk_the_admin(page, site_server, traffic, refused, village):
    """Sign in as an operator with an email address and open the four screens; return every
    outside address seen and the avatars shown."""
    operator = factories.operator_of(village, email="operator@kebonharjo.test")
    sign_in(page, site_server, operator)
    screens = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[village.page.pk]),
        reverse("wagtailadmin_pages:edit", args=[village.page.pk]),
        reverse("wagtailadmin_account"),
    ]
    in_document, avatars = [], []
    for path in screens:
        response = page.goto(site_server.url(VILLAGE_A, path), wait_until="networkidle")
        assert response.status == 200, path
        # The sidebar's, rendered by its script (folded away on a phone, but there).
        page.locator(".avatar img").first.wait_for(state="attached")
        found = page.evaluate(RESOURCES)
        in_document += found["urls"]
        avatars += [(path, src) for src in found["avatars"]]
    outside = {
        url
        for url in [*traffic.requests, *traffic.blocked, *refused, *in_document]
        if url.startswith(("http:", "https:", "//")) and not site_server.serves(url)
    }
    return outside, avatars


def test_admin_requests_nothing_outside_the_installation(
    page, site_server, traffic, refused, server_sees_test_data, village_a
):
    outside, avatars = walk_the_admin(page, site_server, traffic, refused, village_a)

    assert outside == set()
    assert traffic.requests, "the walk made no requests at all"
    # Avatars are shown on every screen, and they are the installation's own images.
    assert {path for path, _ in avatars} >= {reverse("wagtailadmin_account")}
    # Wagtail's avatars load lazily (a folded sidebar's never does): each is fetched here.
    for path, src in avatars:
        assert site_server.serves(src), (path, src)
        status, kind = page.evaluate(
            "(src) => fetch(src).then((r) => [r.status, r.headers.get('content-type')])", src
        )
        assert (status, kind.split("/")[0]) == (200, "image"), (path, src, status, kind)


def test_the_walk_sees_gravatar_when_it_is_turned_back_on(
    page, site_server, traffic, refused, server_sees_test_data, village_a, settings
):
    # Proves the check above can fail: Wagtail's default provider, as before our setting.
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = "//www.gravatar.com/avatar"

    outside, _ = walk_the_admin(page, site_server, traffic, refused, village_a)

    assert outside and all("gravatar.com" in url for url in outside), outside
