"""Weight budget of the theme for phones on weak connections (gzip -6, as servers send it)."""

import gzip
from pathlib import Path

from django.conf import settings

CSS = Path(settings.BASE_DIR) / "cms" / "static" / "css" / "site.css"
CSS_BUDGET = 6 * 1024
# The budget for the home page's HTML + CSS + JS; the theme ships no JavaScript.
HOME_BUDGET = 60 * 1024


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def test_stylesheet_stays_under_its_gzip_budget():
    size = gzipped_size(CSS.read_bytes())
    print(f"site.css: {CSS.stat().st_size} B, {size} B gzip")

    assert size <= CSS_BUDGET


def test_stylesheet_covers_print_reduced_motion_and_keyboard_focus():
    css = CSS.read_text()

    assert "@media print" in css
    assert "prefers-reduced-motion" in css
    assert ":focus-visible" in css
    assert "@import" not in css and "url(" not in css  # no fonts or images fetched by CSS


def test_home_page_html_and_css_stay_under_the_page_budget(client, village_a):
    html = client.get("/", HTTP_HOST=village_a.host).content
    html_size = gzipped_size(html)
    css_size = gzipped_size(CSS.read_bytes())
    print(f"home HTML: {len(html)} B, {html_size} B gzip; with CSS {html_size + css_size} B")

    assert b"<script" not in html
    assert html_size + css_size <= HOME_BUDGET
