"""The admin and the public site under the enforced Content-Security-Policy, in Chromium.

The client tests (tests/villages/test_csp.py) prove that every inline script carries the
nonce; this proves the browser agrees: an operator signs in, edits a news item (date picker,
StreamField, image chooser modal, a gallery row added in the browser) and publishes it, and
any ``securitypolicyviolation`` event on the way fails the test. Chromium's own console
report ("Refused to …") is caught as well.
"""

from __future__ import annotations

import json
import re

from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

import pytest

from news.models import NewsIndexPage, NewsPage
from tests import factories
from villages.demo.content import populate_village

pytestmark = pytest.mark.e2e

VILLAGE_A = "kebonharjo.tuban.test"
MARKER = "CSP-VIOLATION "
# Runs in every frame before the page's own scripts (Playwright injects it past the policy).
LISTEN_FOR_VIOLATIONS = f"""
document.addEventListener("securitypolicyviolation", (event) => {{
  console.error({json.dumps(MARKER)} + JSON.stringify({{
    directive: event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
    page: document.location.pathname,
  }}));
}});
"""


@pytest.fixture
def violations(page):
    """Every CSP violation the tab reports, as text; the test asserts it stays empty."""
    found = []
    page.context.add_init_script(LISTEN_FOR_VIOLATIONS)

    def on_console(message):
        text = message.text
        if text.startswith(MARKER) or "Content Security Policy" in text:
            found.append(text)

    page.on("console", on_console)
    return found


@pytest.fixture
def news_item(server_sees_test_data, settings, tmp_path, village_a):
    settings.MEDIA_ROOT = tmp_path
    image = get_image_model().objects.create(
        title="Foto kerja bakti",
        file=get_test_image_file("kerja-bakti.png"),
        collection=village_a.collection,
    )
    index = NewsIndexPage.objects.descendant_of(village_a.page).get()
    item = NewsPage(title="Kerja Bakti Dusun Krajan", slug="kerja-bakti", live=False)
    index.add_child(instance=item)
    item.save_revision()
    return {"page": item, "image": image}


def sign_in(page, site_server, user, host=VILLAGE_A):
    page.goto(site_server.url(host, "/admin/login/"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", factories.PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def choose_image_in_modal(page, title):
    modal = page.locator(".modal-dialog")
    modal.wait_for(state="visible")
    modal.locator("a[data-chooser-modal-choice]", has_text=title).first.click()
    modal.wait_for(state="hidden")


def test_operator_edits_and_publishes_news_under_the_policy(
    page, site_server, violations, news_item, village_a, screenshot_dir
):
    operator = factories.operator_of(village_a)
    item, image = news_item["page"], news_item["image"]
    sign_in(page, site_server, operator)

    response = page.goto(
        site_server.url(VILLAGE_A, reverse("wagtailadmin_pages:edit", args=[item.pk]))
    )
    script_src = re.search(r"script-src ([^;]*)", response.headers["content-security-policy"])
    assert script_src.group(1).startswith("'self' 'nonce-")
    page.locator("#page-edit-form").wait_for()

    # The date picker's nonced start-up script ran.
    assert page.locator(".xdsoft_datetimepicker").count() >= 1

    # StreamField: add a paragraph and type into its rich-text editor.
    body = page.locator("[data-contentpath='body']")
    body.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name=re.compile("paragraf", re.I)).first.click()
    editor = body.locator(".public-DraftEditor-content").first
    editor.click()
    editor.type("Warga Krajan bergotong royong membersihkan saluran air.")

    # The featured image: the chooser's nonced script wires the button to the modal.
    chooser = page.locator("#id_featured_image-chooser")
    chooser.locator(".unchosen button[data-chooser-action-choose]").click()
    choose_image_in_modal(page, image.title)
    assert chooser.locator("[data-chooser-title]").inner_text().strip() == image.title

    # A gallery row added in the browser: its chooser script comes from the panel's template.
    page.locator("#id_gallery_images-ADD").click()
    row_chooser = page.locator("#id_gallery_images-0-image-chooser")
    row_chooser.locator(".unchosen button[data-chooser-action-choose]").click()
    choose_image_in_modal(page, image.title)

    # Publish from the footer's action menu.
    footer = page.locator("footer")
    footer.locator("[data-w-dropdown-target='toggle']").last.click()
    footer.locator("button[name='action-publish']").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    page.screenshot(path=screenshot_dir / "admin-published-under-csp.png", full_page=True)

    item.refresh_from_db()
    assert item.live
    assert item.featured_image_id == image.pk
    assert [block.block_type for block in item.body] == ["paragraph"]
    assert item.gallery_images.get().image_id == image.pk
    assert violations == [], "\n".join(violations)


def test_image_chooser_upload_tab_and_explorer_run_under_the_policy(
    page, site_server, violations, news_item, village_a
):
    operator = factories.operator_of(village_a)
    sign_in(page, site_server, operator)

    page.goto(site_server.url(VILLAGE_A, f"/admin/pages/{village_a.page.pk}/"))
    page.locator("main").wait_for()
    page.goto(
        site_server.url(VILLAGE_A, reverse("wagtailadmin_pages:edit", args=[village_a.page.pk]))
    )
    page.locator("#page-edit-form").wait_for()
    page.goto(
        site_server.url(VILLAGE_A, reverse("wagtailadmin_pages:edit", args=[news_item["page"].pk]))
    )
    page.locator("#id_featured_image-chooser .unchosen button").click()
    modal = page.locator(".modal-dialog")
    modal.wait_for(state="visible")
    modal.get_by_role("tab", name=re.compile("unggah", re.I)).click()
    assert modal.locator("input[type=file]").first.is_visible()
    assert violations == [], "\n".join(violations)


def test_translation_editor_runs_under_the_policy(
    page, site_server, violations, news_item, village_a
):
    item = news_item["page"]
    item.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(item)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="en")
    )
    translation.save_target(publish=False)
    english = item.get_translation(Locale.objects.get(language_code="en"))
    superuser = factories.make_user(is_superuser=True, is_staff=True)
    sign_in(page, site_server, superuser)

    page.goto(site_server.url(VILLAGE_A, reverse("wagtailadmin_pages:edit", args=[english.pk])))
    # The React editor renders the source's fields once its nonced configuration script ran.
    page.locator(".js-translation-editor").get_by_text(item.title).first.wait_for()
    assert violations == [], "\n".join(violations)


def test_filled_public_pages_run_under_the_strict_policy(
    page, site_server, violations, server_sees_test_data, settings, tmp_path, village_a
):
    settings.MEDIA_ROOT = tmp_path
    populate_village(village_a.page)

    for path in ("/", "/berita/", "/peta/", "/kontak/", "/galeri/"):
        response = page.goto(site_server.url(VILLAGE_A, path), wait_until="load")
        assert response.status == 200, path
        assert "content-security-policy" in response.headers
        if path == "/peta/":
            # map.js (Leaflet) drew the interactive map over the server-rendered SVG.
            page.locator(".leaflet-container").wait_for()
    assert violations == [], "\n".join(violations)


def test_signed_in_editor_sees_the_userbar_on_the_public_site_under_the_policy(
    page, site_server, violations, server_sees_test_data, village_a
):
    sign_in(page, site_server, factories.operator_of(village_a))

    page.goto(site_server.url(VILLAGE_A, "/"), wait_until="load")
    page.locator("wagtail-userbar").wait_for(state="attached")
    trigger = page.locator("wagtail-userbar #wagtail-userbar-trigger")
    trigger.click()
    assert page.locator("wagtail-userbar #wagtail-userbar-items").is_visible()
    page.wait_for_timeout(1500)  # the userbar's accessibility checks run after opening
    assert violations == [], "\n".join(violations)
