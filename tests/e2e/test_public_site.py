"""The public village site as a visitor's phone sees it, in a real (headless) Chromium."""

import gzip
import re
import time
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.e2e

VILLAGE_A = "kebonharjo.tuban.test"
PAGE_WEIGHT_BUDGET = 60 * 1024  # bytes, gzip -6 of the HTML plus its CSS and JS


def open_page(page, url):
    started = time.monotonic()
    response = page.goto(url, wait_until="load")
    print(f"\nGET {url} -> {response.status} in {time.monotonic() - started:.2f}s")
    return response


def test_village_home_shows_village_name_and_main_navigation_on_phone(page, site_server):
    response = open_page(page, site_server.url(VILLAGE_A))

    assert response.status == 200
    assert "Desa Kebonharjo" in page.title()
    links = page.locator("nav.main-nav a")
    assert links.count() >= 2
    for i in range(links.count()):
        assert links.nth(i).is_visible(), links.nth(i).inner_text()
    assert links.get_by_text("Profil Desa", exact=True).is_visible()


def test_clicking_profil_desa_opens_profile_page(page, site_server, screenshot_dir):
    open_page(page, site_server.url(VILLAGE_A))
    home_shot = screenshot_dir / "kebonharjo-home.png"
    page.screenshot(path=home_shot, full_page=True)

    page.locator("nav.main-nav").get_by_role("link", name="Profil Desa", exact=True).click()
    page.wait_for_url(re.compile(r"/profil/$"))

    assert urlsplit(page.url).path == "/profil/"
    assert urlsplit(page.url).hostname == VILLAGE_A
    assert "Profil Desa" in page.title()
    profil_shot = screenshot_dir / "kebonharjo-profil.png"
    page.screenshot(path=profil_shot, full_page=True)
    print(f"screenshots: {home_shot} {profil_shot}")


def test_unknown_host_shows_site_not_found(page, site_server):
    response = open_page(page, site_server.url("tidak-ada.tuban.test"))

    assert response.status == 404
    assert "Situs tidak ditemukan" in page.locator("body").inner_text()
    assert "Kebonharjo" not in page.content()


def test_home_page_weight_stays_within_budget_and_only_hits_live_server(page, site_server, traffic):
    open_page(page, site_server.url(VILLAGE_A))

    weighed = {}
    for response in traffic.responses:
        kind = response.request.resource_type
        if kind in ("document", "stylesheet", "script") and response.ok:
            weighed[response.url] = len(gzip.compress(response.body(), compresslevel=6))
    total = sum(weighed.values())
    for url, size in sorted(weighed.items()):
        print(f"  {size:>7} B gz  {url}")
    print(f"home page weight: {total} B ({total / 1024:.1f} KB) gzip -6, budget 60 KB")

    assert site_server.url(VILLAGE_A) in weighed  # the HTML document itself was weighed
    assert any(url.endswith(".css") for url in weighed)
    assert total <= PAGE_WEIGHT_BUDGET
    assert traffic.requests
    assert traffic.blocked == []
    foreign = [url for url in traffic.requests if not site_server.serves(url)]
    assert foreign == []
