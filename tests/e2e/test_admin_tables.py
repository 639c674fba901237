"""The admin's wide tables (team, freshness) fit the screen on a phone and on a laptop, in Chromium.

On a narrow screen each row of the team table and of the freshness dashboard becomes a card
whose cells carry their column's name (``data-label``); on a laptop the freshness table's
columns wrap instead of pushing the page sideways. Measured as the page's own width: the
document never scrolls horizontally (``scrollWidth <= innerWidth``).
"""

from __future__ import annotations

from django.urls import reverse

import pytest

from tests import factories
from tests.e2e.test_admin_csp import VILLAGE_A, sign_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1366, "height": 768}

# Wagtail's <main> clips what overflows it (overflow-x: hidden), so the document alone never
# grows wider than the window: a table cut off at the edge is measured by its own right edge
# and by the width of <main>'s content.
WIDTHS = """() => {
    const main = document.querySelector("main");
    const table = main.querySelector("table");
    return {
        document: document.documentElement.scrollWidth,
        window: window.innerWidth,
        main: [main.scrollWidth, main.clientWidth],
        table_right: Math.ceil(table.getBoundingClientRect().right),
    };
}"""
# The label a card shows before a cell's value (the ::before content of each cell).
CELL_LABELS = """(table) => Array.from(table.querySelectorAll("tbody tr:first-child td")).map(
    (cell) => getComputedStyle(cell, "::before").content
)"""


@pytest.fixture
def team(server_sees_test_data, village_a):
    """An operator and contributors with long names and addresses, as real teams have."""
    operator = factories.operator_of(
        village_a, first_name="Siti Nurhalizah", last_name="Rahmawati Kusumaningrum"
    )
    for n in range(3):
        factories.contributor_of(
            village_a,
            first_name=f"Muhammad Fadhil{n}",
            last_name="Prasetyo Wicaksono",
            email=f"kontributor.kebonharjo.{n}@kecamatan-contoh.tuban.go.test",
        )
    return operator


def assert_fits(widths):
    assert widths["document"] <= widths["window"], widths
    assert widths["main"][0] <= widths["main"][1], widths
    assert widths["table_right"] <= widths["window"], widths


def open_at(page, site_server, size, path):
    page.set_viewport_size(size)
    page.goto(site_server.url(VILLAGE_A, path))
    page.locator("main table").first.wait_for()
    widths = page.evaluate(WIDTHS)
    print(size["width"], path, widths)  # the figures measured, shown with pytest -s
    return widths


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["360px", "1366px"])
def test_team_table_fits_the_screen_for_an_operator(page, site_server, team, size, screenshot_dir):
    sign_in(page, site_server, team)

    widths = open_at(page, site_server, size, reverse("accounts_team:index"))
    page.screenshot(path=screenshot_dir / f"team-{size['width']}.png", full_page=True)

    assert_fits(widths)
    assert page.locator("main table tbody tr").count() >= 3
    if size is PHONE:
        labels = page.locator("main table").evaluate(CELL_LABELS)
        assert labels[:3] == ['"Nama"', '"Nama pengguna"', '"Peran"']


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["360px", "1366px"])
@pytest.mark.parametrize("role", ["district_editor", "regency_admin"])
def test_freshness_table_fits_the_screen_for_district_and_regency_editors(
    page, site_server, server_sees_test_data, regency, role, size, screenshot_dir
):
    if role == "district_editor":
        editor = factories.district_editor_of(factories.tenant("35.23.02"))
    else:
        editor = factories.regency_admin_of(regency)
    sign_in(page, site_server, editor)

    widths = open_at(page, site_server, size, reverse("editorial_freshness"))
    page.screenshot(path=screenshot_dir / f"freshness-{role}-{size['width']}.png", full_page=True)

    assert_fits(widths)
    assert page.locator("main table tbody tr").count() >= 2
    if size is PHONE:
        labels = page.locator("main table").evaluate(CELL_LABELS)
        assert labels[:3] == ['"Desa"', '"Jenis"', '"Kecamatan"']
