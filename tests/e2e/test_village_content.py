"""A village filled with the demo content, as a resident's phone sees it in headless Chromium.

Home, news, products, map and search, each with a screenshot (set E2E_SCREENSHOTS to keep
them), and the page-weight budget measured on the filled home page.
"""

import gzip
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from villages.demo.content import populate_village

pytestmark = pytest.mark.e2e

VILLAGE_A = "kebonharjo.tuban.test"
VILLAGE_B = "wangi.tuban.test"
PAGE_WEIGHT_BUDGET = 60 * 1024  # bytes, gzip -6 of HTML + CSS + JS, images excluded


@pytest.fixture
def filled(server_sees_test_data, settings, tmp_path, village_a, village_b):
    """Kebonharjo with the full demo content; Wangi with its own, to prove nothing mixes."""
    settings.MEDIA_ROOT = tmp_path
    populate_village(village_a.page)
    populate_village(village_b.page)
    return village_a


def weigh(traffic):
    sizes = {}
    for response in traffic.responses:
        if response.request.resource_type in ("document", "stylesheet", "script") and response.ok:
            sizes[response.url] = len(gzip.compress(response.body(), compresslevel=6))
    return sizes


def shoot(page, screenshot_dir, name):
    path = screenshot_dir / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    print(f"screenshot: {path}")
    return path


def test_filled_home_page_shows_content_sections_within_weight_budget(
    page, site_server, traffic, filled, screenshot_dir
):
    response = page.goto(site_server.url(VILLAGE_A), wait_until="load")
    assert response.status == 200

    main = page.locator("main")
    for heading in ("Berita terbaru", "Pengumuman", "Agenda mendatang", "Produk unggulan"):
        assert main.get_by_role("heading", name=heading).is_visible(), heading
    assert main.get_by_text("Pengaspalan Jalan Usaha Tani Dusun Krajan Rampung").is_visible()
    assert page.locator(".map-preview svg[role='img']").is_visible()
    assert page.locator(".figures").get_by_text("Penduduk").is_visible()
    # The hero loads at once; pictures further down wait until they are scrolled to.
    hero = page.locator(".hero img")
    assert hero.get_attribute("loading") != "lazy"
    assert "format-webp" in (hero.get_attribute("srcset") or "") or ".webp" in (
        hero.get_attribute("srcset") or ""
    )
    lazy = page.locator("main img[loading='lazy']")
    assert lazy.count() >= 3
    # Demo pictures are served by the site itself and really load.
    assert page.evaluate("document.querySelector('.hero img').naturalWidth") > 0
    assert "Wangi" not in main.inner_text()

    sizes = weigh(traffic)
    total = sum(sizes.values())
    for url, size in sorted(sizes.items()):
        print(f"  {size:>7} B gz  {url}")
    print(f"filled home page weight: {total} B ({total / 1024:.1f} KB) gzip -6, budget 60 KB")
    assert total <= PAGE_WEIGHT_BUDGET
    assert traffic.blocked == []
    shoot(page, screenshot_dir, "home-filled")


def test_resident_opens_news_item_from_home(page, site_server, filled, screenshot_dir):
    page.goto(site_server.url(VILLAGE_A), wait_until="load")
    page.get_by_role("link", name="Posyandu Balita Melati Timbang 112 Anak").click()
    page.wait_for_url(re.compile(r"/berita/posyandu-balita-melati/$"))

    assert page.locator("h1").inner_text() == "Posyandu Balita Melati Timbang 112 Anak"
    assert page.locator("main time").first.is_visible()
    assert "buku KIA" in page.locator("main").inner_text()
    shoot(page, screenshot_dir, "news-item")

    page.goto(site_server.url(VILLAGE_A, "/berita/"), wait_until="load")
    assert page.locator("main article, main .card").count() >= 4
    shoot(page, screenshot_dir, "news-index")


def test_buyer_finds_product_and_whatsapp_order_link(page, site_server, filled, screenshot_dir):
    page.goto(site_server.url(VILLAGE_A, "/produk/"), wait_until="load")
    cards = page.locator("main .product-card")
    assert cards.count() >= 3
    shoot(page, screenshot_dir, "products")

    cards.first.locator("a").first.click()
    page.wait_for_url(re.compile(r"/produk/[^/]+/$"))
    title = page.locator("h1").inner_text()
    assert re.search(r"Rp\s?\d{1,3}(\.\d{3})+", page.locator("main").inner_text())

    order = page.locator("a[href^='https://wa.me/']").first
    assert order.is_visible()
    href = urlsplit(order.get_attribute("href"))
    assert re.fullmatch(r"/628\d{7,12}", href.path)
    message = parse_qs(href.query)["text"][0]
    assert title in message and "Kebonharjo" in message
    assert "noopener" in (order.get_attribute("rel") or "")
    shoot(page, screenshot_dir, "product")


def test_map_page_shows_boundary_without_and_with_javascript(
    browser, page, site_server, traffic, filled, screenshot_dir
):
    page.goto(site_server.url(VILLAGE_A, "/peta/"), wait_until="load")
    page.locator(".leaflet-container").wait_for()
    assert page.locator("path.leaflet-interactive").count() >= 1
    assert page.locator(".leaflet-marker-icon").count() >= 5
    # Only map tiles may go elsewhere, and the fence stops even those in tests.
    assert {urlsplit(url).hostname for url in traffic.blocked} <= {"tile.openstreetmap.org"}
    shoot(page, screenshot_dir, "map")

    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    context.route(
        "**/*",
        lambda route: route.continue_() if site_server.serves(route.request.url) else route.abort(),
    )
    nojs = context.new_page()
    nojs.goto(site_server.url(VILLAGE_A, "/peta/"), wait_until="load")
    assert nojs.locator("svg[role='img'] title").count() >= 1
    text = nojs.locator("main").inner_text()
    assert "ha" in text and "Balai Desa" in text
    shoot(nojs, screenshot_dir, "map-no-javascript")
    context.close()


def test_search_from_header_finds_own_village_news_only(page, site_server, filled, screenshot_dir):
    page.goto(site_server.url(VILLAGE_A), wait_until="load")
    search = page.get_by_role("searchbox").first
    search.fill("posyandu")
    search.press("Enter")
    page.wait_for_url(re.compile(r"/cari/\?q=posyandu"))

    results = page.locator("main")
    assert results.get_by_role("link", name="Posyandu Balita Melati Timbang 112 Anak").count() == 1
    hrefs = [a.get_attribute("href") for a in results.locator("a").all()]
    assert not any(VILLAGE_B in (href or "") for href in hrefs)
    shoot(page, screenshot_dir, "search")
