"""The operator's guide, walked through in Chromium: its screenshots are taken here.

The test does the first day of a new operator, section by section of ``guide.sections``, and
photographs each screen under the name the section gives. Set GUIDE_SCREENSHOTS to the guide's
static folder to refresh the pictures the guide shows (they are halved to 1x and reduced to
256 colours, like docs/screenshots)::

    GUIDE_SCREENSHOTS=guide/static/guide/screenshots .venv/bin/pytest -p no:xdist \
        tests/e2e/test_operator_guide.py

Then it opens the guide from the Help menu, as an operator would, and checks every picture loads.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from django.urls import reverse

from wagtail.images.tests.utils import get_test_image_file

import pytest
from PIL import Image

from assets.models import VillageImage
from guide.sections import SECTIONS
from tests import factories
from tests.e2e.test_admin_csp import VILLAGE_A, sign_in
from tests.letters.test_requests import make_request
from villages.models import VillageIdentity

pytestmark = pytest.mark.e2e


LOADED = """img => img.complete ? img.naturalWidth > 0 : new Promise(resolve => {
  img.addEventListener("load", () => resolve(img.naturalWidth > 0));
  img.addEventListener("error", () => resolve(false));
})"""


@pytest.fixture
def guide_dir(tmp_path_factory):
    configured = os.environ.get("GUIDE_SCREENSHOTS")
    if configured:
        path = Path(configured)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("guide")


@pytest.fixture
def village(server_sees_test_data, settings, tmp_path, village_a):
    settings.MEDIA_ROOT = tmp_path
    identity = VillageIdentity.for_site(village_a.site)
    identity.logo = VillageImage.objects.create(
        title="Logo Kebonharjo",
        file=get_test_image_file("logo.png"),
        collection=village_a.collection,
    )
    identity.save()
    regency = village_a.region.regency()
    regency.support_contact = "WhatsApp 0812-3456-7890"
    regency.save(update_fields=["support_contact"])
    return village_a


class Camera:
    """Takes the guide's screenshots, one per section, at 1x and 256 colours."""

    def __init__(self, page, folder):
        self.page, self.folder = page, folder
        self.taken = {}

    def shoot(self, section_slug):
        section = next(s for s in SECTIONS if s.slug == section_slug)
        self.page.wait_for_load_state("networkidle")
        path = self.folder / section.screenshot
        self.page.screenshot(path=path)
        with Image.open(path) as shot:
            width, height = shot.size
            small = shot.convert("RGB").resize((width // 2, height // 2), Image.LANCZOS)
        small.quantize(colors=256).save(path, optimize=True)
        self.taken[section.slug] = path


def test_first_day_of_an_operator_with_the_guides_screenshots(
    page, site_server, traffic, village, guide_dir
):
    operator = factories.operator_of(village, first_name="Sri", last_name="")
    camera = Camera(page, guide_dir)

    # 1. Log in.
    page.goto(site_server.url(VILLAGE_A, reverse("wagtailadmin_login")))
    page.fill("#id_username", operator.username)
    page.fill("#id_password", factories.PASSWORD)
    camera.shoot("masuk")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    # 2. The dashboard with its quick actions.
    actions = page.locator("[data-quick-action]")
    assert actions.count() == 4
    camera.shoot("dasbor")

    # 3. Identity: logo and colours.
    page.locator("[data-quick-action=identity]").click()
    page.locator("#id_primary_colour").wait_for()
    assert page.get_by_role("button", name="Ganti logo").is_visible()
    camera.shoot("identitas")

    # 4. The first news item: the paragraph is ready, type and publish.
    page.goto(site_server.url(VILLAGE_A, "/admin/"))
    page.locator("[data-quick-action=news]").click()
    page.locator("#id_title").fill("Kerja bakti membersihkan saluran air")
    editor = page.locator("[data-contentpath=body] [contenteditable=true]").first
    editor.click()
    editor.type("Warga Dusun Krajan bergotong royong membersihkan saluran air pada hari Minggu.")
    page.locator("#id_title").scroll_into_view_if_needed()
    camera.shoot("berita")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Terbitkan").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    published = page.goto(
        site_server.url(VILLAGE_A, "/berita/kerja-bakti-membersihkan-saluran-air/")
    )
    assert published.status == 200

    # 5. Invite a contributor from the team page.
    page.goto(site_server.url(VILLAGE_A, reverse("accounts_team:index")))
    page.get_by_role("link", name="Undang anggota tim").click()
    if page.locator("#id_region option").count() > 1:
        page.locator("#id_region").select_option(village.region.code)
    page.locator("#id_role").select_option(label="Kontributor")
    page.locator("#id_first_name").fill("Dewi")
    camera.shoot("kontributor")
    page.get_by_role("button", name="Undang").click()
    # Dewi has no email: the link is shown, for the operator to pass on.
    page.wait_for_load_state("load")
    assert "Orang ini tidak memiliki email" in page.locator("main").inner_text()

    # 7. A letter request from a resident, opened from the queue.
    letter_request = make_request(village)
    page.goto(site_server.url(VILLAGE_A, reverse("letters_queue")))
    page.get_by_role("link", name=letter_request.tracking_code).click()
    page.wait_for_url(re.compile(r"/admin/layanan-surat/permohonan/\d+/$"))
    assert page.get_by_role("button", name="Setujui dan terbitkan surat").is_visible()
    camera.shoot("surat")

    # 6. Forgotten password: the reset page, as someone logged out sees it.
    page.context.clear_cookies()
    page.goto(site_server.url(VILLAGE_A, reverse("wagtailadmin_login")))
    page.get_by_role("link", name="Lupa sandi?").click()
    page.wait_for_url(re.compile(r"/password_reset/"))
    assert "WhatsApp 0812-3456-7890" in page.locator("main").inner_text()
    camera.shoot("lupa-sandi")

    assert set(camera.taken) == {section.slug for section in SECTIONS}

    # The guide is one click from the Help menu, and each of its pictures loads.
    sign_in(page, site_server, operator)
    # On a phone the menu hides behind its toggle in the top left corner.
    page.locator(".sidebar-nav-toggle--mobile").click()
    page.locator("#wagtail-sidebar").get_by_role("button", name="Bantuan").click()
    page.locator("#wagtail-sidebar").get_by_role(
        "link", name="Panduan operator", exact=True
    ).click()
    page.wait_for_url(re.compile(r"/admin/panduan/$"))
    page.wait_for_load_state("networkidle")
    for section in SECTIONS:
        assert page.locator(f"#{section.slug}-title").inner_text() == str(section.title)
    images = page.locator(".operator-guide img")
    assert images.count() == len(SECTIONS)
    for index in range(images.count()):
        images.nth(index).scroll_into_view_if_needed()
        # Lazy images start loading when scrolled to: wait for this one's load or error.
        loaded = images.nth(index).evaluate(LOADED)
        assert loaded, images.nth(index).get_attribute("src")
    assert traffic.blocked == []
