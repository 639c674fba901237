"""The map page in a real (headless) Chromium: Leaflet with JavaScript, the SVG without it.

Chromium never leaves loopback here either (see ``tests/e2e/conftest.py``): tile requests to
openstreetmap.org are aborted, and the map still draws the boundary and the markers.
"""

import gzip
from urllib.parse import urlsplit

import pytest

from tests.maps.test_maps import fill_a

pytestmark = pytest.mark.e2e

VILLAGE_A = "kebonharjo.tuban.test"
# The home page budget is 60 KB; the map page adds Leaflet (about 42 KB gzipped) to the shared
# HTML, CSS and JS of every page, and stays well below this.
MAP_PAGE_WEIGHT_BUDGET = 70 * 1024


def test_map_page_draws_leaflet_map_with_boundary_and_markers(
    server_sees_test_data, page, site_server, traffic, village_a
):
    fill_a(village_a)
    response = page.goto(site_server.url(VILLAGE_A, "/peta/"), wait_until="load")
    assert response.status == 200

    page.locator("#village-map.leaflet-container").wait_for()
    assert page.locator("#village-map").is_visible()
    assert page.locator(".map-fallback").is_hidden()
    assert page.locator(".leaflet-marker-icon").count() == 2
    assert page.locator("path.leaflet-interactive").count() == 1
    attribution = page.locator(".leaflet-control-attribution a[href*='openstreetmap.org']")
    assert "Kontributor OpenStreetMap" in attribution.inner_text()

    page.locator(".leaflet-marker-icon[title='Balai Desa Kebonharjo']").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "1. Balai Desa Kebonharjo" in popup.inner_text()
    assert "Kantor Desa" in popup.inner_text()

    foreign = {urlsplit(url).hostname for url in traffic.requests if not site_server.serves(url)}
    assert foreign == {"tile.openstreetmap.org"}
    weighed = [
        len(gzip.compress(r.body(), compresslevel=6))
        for r in traffic.responses
        if r.request.resource_type in ("document", "stylesheet", "script") and r.ok
    ]
    print(f"map page weight: {sum(weighed) / 1024:.1f} KB gzip -6")
    assert sum(weighed) <= MAP_PAGE_WEIGHT_BUDGET


def test_map_page_without_javascript_shows_svg_and_requests_nothing_foreign(
    server_sees_test_data, browser, site_server, village_a
):
    fill_a(village_a)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    requested = []
    context.route(
        "**/*",
        lambda route: (
            requested.append(route.request.url),
            route.continue_() if site_server.serves(route.request.url) else route.abort(),
        ),
    )
    tab = context.new_page()
    try:
        tab.goto(site_server.url(VILLAGE_A, "/peta/"), wait_until="load")
        svg = tab.get_by_role(
            "img", name="Peta Desa Kebonharjo: batas wilayah dan 2 tempat penting"
        )
        assert svg.is_visible()
        assert svg.bounding_box()["width"] <= 360
        assert tab.locator("#village-map").is_hidden()
        assert tab.get_by_text("Lihat Balai Desa Kebonharjo di OpenStreetMap").is_visible()
    finally:
        context.close()
    assert [url for url in requested if not site_server.serves(url)] == []
