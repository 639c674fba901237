"""The village identity form in Chromium, under the admin's Content-Security-Policy: the contrast
hint follows the colour picker, and "Ganti logo" opens the image chooser."""

from __future__ import annotations

from django.urls import reverse

from wagtail.images.tests.utils import get_test_image_file

import pytest

from assets.models import VillageImage
from tests import factories
from tests.e2e import test_admin_csp
from tests.e2e.test_admin_csp import VILLAGE_A, sign_in
from villages.models import VillageIdentity

pytestmark = pytest.mark.e2e

# Every CSP violation the tab reports (the fixture of the policy's own e2e tests).
violations = test_admin_csp.violations


@pytest.fixture
def identity_with_logo(server_sees_test_data, settings, tmp_path, village_a):
    settings.MEDIA_ROOT = tmp_path
    identity = VillageIdentity.for_site(village_a.site)
    identity.logo = VillageImage.objects.create(
        title="Logo Kebonharjo",
        file=get_test_image_file("logo.png"),
        collection=village_a.collection,
    )
    identity.save()
    return identity


def open_identity(page, site_server, village_a):
    url = reverse("wagtailsettings:edit", args=["villages", "villageidentity", village_a.site.pk])
    page.goto(site_server.url(VILLAGE_A, url))
    page.locator("#id_primary_colour").wait_for()


def test_contrast_hint_follows_the_colour_picker(
    page, site_server, violations, identity_with_logo, village_a, screenshot_dir
):
    sign_in(page, site_server, factories.operator_of(village_a))
    open_identity(page, site_server, village_a)
    hint = page.locator("#id_secondary_colour-contrast")
    assert hint.inner_text().startswith("Kontras 9,5:1 dengan teks gelap")
    assert hint.inner_text().endswith("Teks putih hanya 1,8:1, jadi teks di atasnya ditulis gelap.")

    page.locator("#id_secondary_colour").fill("#e03c3c")

    assert hint.inner_text().startswith("Kurang kontras: 4,3:1, di bawah 4,5:1.")
    assert "colour-contrast--low" in hint.get_attribute("class")
    hint.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "identity-low-contrast.png")

    page.locator("#id_secondary_colour").fill("#0b3d91")
    assert hint.inner_text() == (
        "Kontras 10,0:1 dengan teks putih di atasnya: mudah dibaca (minimal 4,5:1)."
    )
    assert "colour-contrast--low" not in hint.get_attribute("class")
    assert violations == [], "\n".join(violations)


def test_ganti_logo_opens_the_image_chooser(
    page, site_server, violations, identity_with_logo, village_a, screenshot_dir
):
    sign_in(page, site_server, factories.operator_of(village_a))
    open_identity(page, site_server, village_a)

    button = page.locator("#id_logo-chooser").get_by_role("button", name="Ganti logo")
    assert button.is_visible()
    # On the phone the button wraps under the logo instead of running off the screen.
    box = button.bounding_box()
    assert box["x"] + box["width"] <= page.viewport_size["width"], box
    page.screenshot(path=screenshot_dir / "identity-logo.png")
    button.click()

    modal = page.locator(".modal-dialog")
    modal.wait_for(state="visible")
    assert modal.locator("a[data-chooser-modal-choice]", has_text="Logo Kebonharjo").count() == 1
    assert violations == [], "\n".join(violations)
