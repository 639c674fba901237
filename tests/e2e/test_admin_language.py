"""Every role's daily screens of the admin, in Chromium, show no English.

Each role signs in as a new operator would and opens the screens of its daily tasks. On each
screen the test collects every text the page holds (text nodes, including those of closed
dialogs and dropdowns, option labels, placeholders, titles, ARIA labels, the sidebar's menu
labels) and fails on any text of Wagtail's English catalogues whose Indonesian differs
(tests/translations/english_texts.py builds that word list).

The English admin stays available by preference: the last test flips one user to English and
sees the English texts come back.
"""

from __future__ import annotations

import json
import re

from django.urls import reverse

from wagtail.models import Page

import pytest

from tests import factories
from tests.e2e.test_admin_csp import sign_in
from tests.letters.test_requests import make_request
from tests.translations.english_texts import english_on_screen
from villages.demo.content import populate_village

pytestmark = pytest.mark.e2e

VILLAGE_A = "kebonharjo.tuban.test"
PORTAL = "tuban.test"
LAPTOP = {"width": 1366, "height": 768}

COLLECT_TEXTS = """
() => {
  const texts = [document.title];
  const skip = "script, style, noscript, textarea, .public-DraftEditor-content, [contenteditable]";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (parent && !parent.closest(skip)) texts.push(walker.currentNode.nodeValue);
  }
  for (const el of document.querySelectorAll("[placeholder], [title], [aria-label], [alt]")) {
    for (const name of ["placeholder", "title", "aria-label", "alt"]) {
      const value = el.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  for (const el of document.querySelectorAll("input[type=submit], input[type=button]")) {
    texts.push(el.value);
  }
  const sidebar = document.getElementById("wagtail-sidebar-props");
  return {texts, sidebar: sidebar ? sidebar.textContent : ""};
}
"""


def _labels(node):
    """Every string under a "label" key of the sidebar's JSON props (menu and submenu items)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "label" and isinstance(value, str):
                yield value
            else:
                yield from _labels(value)
    elif isinstance(node, list):
        for value in node:
            yield from _labels(value)


def screen_texts(page):
    page.wait_for_load_state("networkidle")
    found = page.evaluate(COLLECT_TEXTS)
    texts = [text for text in found["texts"] if text and text.strip()]
    if found["sidebar"]:
        texts.extend(_labels(json.loads(found["sidebar"])))
    return texts


class Sweep:
    """Opens screens and records the English each shows, keyed by screen."""

    def __init__(self, page, site_server, host):
        self.page, self.site_server, self.host = page, site_server, host
        self.english = {}
        self.screens = []

    def open(self, name, path, then=None):
        response = self.page.goto(self.site_server.url(self.host, path))
        assert response.status == 200, f"{name}: {path} answered {response.status}"
        if then:
            then(self.page)
        self.check(name)

    def check(self, name):
        self.screens.append(name)
        hits = english_on_screen(screen_texts(self.page))
        if hits:
            self.english[name] = hits


@pytest.fixture
def laptop_page(page):
    page.set_viewport_size(LAPTOP)
    return page


@pytest.fixture
def filled_village(server_sees_test_data, settings, tmp_path, village_a):
    settings.MEDIA_ROOT = tmp_path
    populate_village(village_a.page)
    return village_a


def page_type_screens(village):
    """One editor per page type the village has: the edit view of a page of that type."""
    seen = {}
    for page in Page.objects.descendant_of(village.page, inclusive=True).filter(
        locale__language_code="id"
    ):
        seen.setdefault(page.content_type_id, page)
    return [
        (f"edit {page.content_type.model}", reverse("wagtailadmin_pages:edit", args=[page.pk]))
        for page in seen.values()
    ]


def open_dropdowns(page):
    """Open the footer's action menu and the header's 'more' menu, as an operator would."""
    toggles = page.locator("footer [data-w-dropdown-target='toggle']")
    if toggles.count():
        toggles.last.click()


def test_operator_daily_screens_are_all_indonesian(laptop_page, site_server, filled_village):
    village = filled_village
    operator = factories.operator_of(village)
    sweep = Sweep(laptop_page, site_server, VILLAGE_A)

    sweep.open("login", reverse("wagtailadmin_login"))
    sweep.open("password reset", reverse("wagtailadmin_password_reset"))
    sign_in(laptop_page, site_server, operator)
    sweep.check("dashboard")
    sweep.open("page list", reverse("wagtailadmin_explore", args=[village.page.pk]))
    sweep.open(
        "page type chooser", reverse("wagtailadmin_pages:add_subpage", args=[village.page.pk])
    )
    for name, path in page_type_screens(village):
        sweep.open(name, path, then=open_dropdowns)
    sweep.open("page history", reverse("wagtailadmin_pages:history", args=[village.page.pk]))
    sweep.open("image upload", reverse("wagtailimages:add_multiple"))
    sweep.open("images", reverse("wagtailimages:index"))
    sweep.open("document upload", reverse("wagtaildocs:add_multiple"))
    sweep.open("documents", reverse("wagtaildocs:index"))
    sweep.open(
        "village identity",
        reverse("wagtailsettings:edit", args=["villages", "villageidentity", village.site.pk]),
    )
    sweep.open("team", reverse("accounts_team:index"))
    sweep.open("invite", reverse("accounts_team:invite"))
    sweep.open("audit history", reverse("audit_history"))
    sweep.open("site history", reverse("wagtailadmin_reports:site_history"))
    sweep.open("locked pages", reverse("wagtailadmin_reports:locked_pages"))
    sweep.open("aging pages", reverse("wagtailadmin_reports:aging_pages"))
    sweep.open("account", reverse("wagtailadmin_account"))
    letter_request = make_request(village)
    sweep.open("letter queue", reverse("letters_queue"))
    sweep.open("letter request", reverse("letters_request", args=[letter_request.pk]))
    sweep.open("letter settings", reverse("letters_village_settings"))
    sweep.open("complaints", reverse("complaints_queue"))

    assert len(sweep.screens) >= 24
    assert sweep.english == {}, json.dumps(sweep.english, indent=1)


def test_contributor_and_editors_moderation_screens_are_all_indonesian(
    laptop_page, site_server, filled_village, regency, browser
):
    village = filled_village
    district = factories.tenant(village.region.code.rsplit(".", 1)[0])
    contributor = factories.contributor_of(village)
    editor = factories.district_editor_of(district)
    news = (
        Page.objects.descendant_of(village.page)
        .filter(content_type__model="newspage", locale__language_code="id")
        .first()
        .specific
    )
    revision = news.save_revision(user=contributor)
    workflow_state = news.get_workflow().start(news, contributor)
    task_state = workflow_state.current_task_state
    assert revision and task_state

    sweep = Sweep(laptop_page, site_server, VILLAGE_A)
    sign_in(laptop_page, site_server, contributor)
    sweep.check("contributor dashboard")
    sweep.open(
        "contributor page list", reverse("wagtailadmin_explore", args=[news.get_parent().pk])
    )
    sweep.open(
        "contributor editor", reverse("wagtailadmin_pages:edit", args=[news.pk]), open_dropdowns
    )
    sweep.open("contributor account", reverse("wagtailadmin_account"))

    context = browser.new_context(viewport=LAPTOP, locale="id-ID")
    context.route(
        "**/*",
        lambda route: route.continue_() if site_server.serves(route.request.url) else route.abort(),
    )
    editor_tab = context.new_page()
    editor_sweep = Sweep(editor_tab, site_server, PORTAL)
    sign_in(editor_tab, site_server, editor, host=PORTAL)
    editor_sweep.check("editor dashboard")
    editor_sweep.open("freshness", reverse("editorial_freshness"))
    editor_sweep.open(
        "editor editor", reverse("wagtailadmin_pages:edit", args=[news.pk]), open_dropdowns
    )
    editor_sweep.open(
        "workflow history", reverse("wagtailadmin_pages:workflow_history", args=[news.pk])
    )
    editor_sweep.open("workflow report", reverse("wagtailadmin_reports:workflow"))
    editor_sweep.open("workflow tasks report", reverse("wagtailadmin_reports:workflow_tasks"))
    # The approve-with-comment dialog, opened from the editor's status side panel.
    editor_tab.goto(site_server.url(PORTAL, reverse("wagtailadmin_pages:edit", args=[news.pk])))
    approve = editor_tab.locator(f"[data-workflow-action-url*='/approve/{task_state.pk}/']").first
    if approve.count():
        approve.click(force=True)
        editor_tab.locator(".modal-dialog").wait_for(state="visible")
        editor_sweep.check("approve dialog")
    context.close()

    english = {**sweep.english, **editor_sweep.english}
    assert english == {}, json.dumps(english, indent=1)


def test_the_english_admin_stays_available_by_preference(
    laptop_page, site_server, village_a, server_sees_test_data
):
    from wagtail.users.models import UserProfile

    operator = factories.operator_of(village_a)
    profile = UserProfile.get_for_user(operator)
    profile.preferred_language = "en"
    profile.save()
    sign_in(laptop_page, site_server, operator)
    laptop_page.goto(site_server.url(VILLAGE_A, reverse("wagtailadmin_account")))
    texts = screen_texts(laptop_page)
    assert english_on_screen(texts), "an English user sees the admin in English"
    assert any(re.fullmatch(r"\s*Account\s*", text) for text in texts)


def test_regency_letter_format_screens_are_all_indonesian(
    laptop_page, site_server, server_sees_test_data, regency
):
    admin = factories.make_user("regency_admin", regency.region)
    sweep = Sweep(laptop_page, site_server, PORTAL)
    sign_in(laptop_page, site_server, admin, host=PORTAL)
    sweep.open("letter format", reverse("letters_regency_settings"))
    sweep.open("letter template", reverse("letters_template_edit", args=["domisili"]))
    assert sweep.english == {}, json.dumps(sweep.english, indent=1)
