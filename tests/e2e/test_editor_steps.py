"""How many steps each daily task of an operator takes, counted in Chromium at phone size.

Each task starts on the admin dashboard right after signing in and is driven as an operator
drives it, every user action going through ``Steps``, which counts it: a click or tap, typing
into one field (tapping it and typing count as one action, for a plain field and for the
rich-text paragraph alike), choosing in a select, picking a file. Waiting, scrolling and the
checks of the result are not counted.

"After" is the path the product offers now (the dashboard's quick actions; the team page from
the menu). "Before" is the stock Wagtail route that still exists in the product, driven live
in the same test: sidebar → Halaman → the section in the page explorer → "Tambah halaman
anak" → the form; sidebar → Dokumen → "Tambah dokumen"; sidebar → Pengaturan → "Identitas
desa". The stock StreamField is measured live too: for the "before" runs the form starts with
an empty body (``BodyBlock.new_page_value`` is taken away, in the server's own process), so
the body costs ⊕, "paragraf" and typing into the box, exactly as stock Wagtail's editor.
Measured live: every "before" and "after" figure of news, event, document and identity.
Derived: only the invitation's "before", set equal to its "after" (no shortcut was added for
it: the team page, from the menu, is its one route, so there is no other path to drive).

On the brief's "3 steps" of the stock StreamField (⊕, "paragraf", a click into the box): the
run records whether the paragraph box has the focus before typing (``FOCUSED``). Stock
Wagtail focuses the paragraph it has just added, so no separate click into it is needed; the
ready paragraph of a new page has no focus, and the operator taps it. With typing counted as
one action that includes its tap (as for every plain field), the ready paragraph saves two
actions per page (⊕ and "paragraf"); counting taps separately it would save one.

The figures are printed and written to ``docs/operator-steps.md`` by the last test
(``test_figures_table``), from what the runs of this module recorded.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.documents import get_document_model

import pytest

from events.models import AgendaIndexPage, EventPage
from home.blocks import BodyBlock
from news.models import NewsIndexPage, NewsPage
from tests import factories
from tests.e2e.test_admin_csp import VILLAGE_A, sign_in
from villages.models import VillageIdentity

pytestmark = pytest.mark.e2e

# The most steps each task may take now (the figures measured when this test was written).
UPPER_BOUND = {"news": 6, "event": 8, "document": 2, "identity": 3, "invite": 6}

# task -> {"before": n, "after": n, "how": text}, filled by the tests below.
FIGURES: dict[str, dict] = {}
TASK_NAMES = {
    "news": "Write and publish a news item (title + body text)",
    "event": "Add an event (title, start date, place, description)",
    "document": "Upload a document",
    "identity": "Change the village's main colour",
    "invite": "Invite a contributor (first name, email)",
}
# Whether the paragraph box had the focus before typing: {stock editor?: bool}.
FOCUSED: dict[bool, bool] = {}
TABLE = Path(django_settings.BASE_DIR) / "docs" / "operator-steps.md"


class Steps:
    """Performs user actions on ``page`` and counts each one."""

    def __init__(self, page):
        self.page = page
        self.log: list[str] = []

    @property
    def count(self) -> int:
        return len(self.log)

    def click(self, locator, what):
        locator.click()
        self.log.append(f"klik {what}")

    def fill(self, locator, text, what):
        locator.fill(text)
        self.log.append(f"isi {what}")

    def type_rich_text(self, editor, text, what):
        """Tap into a Draftail box and type (one action, as filling a plain field)."""
        editor.click()
        editor.press_sequentially(text)
        # Draftail writes its hidden input a moment after the last keystroke (its
        # stateSaveInterval, 250 ms); no person taps "Terbitkan" faster than that.
        self.page.wait_for_function(
            """(text) => [...document.querySelectorAll("input[type=hidden][name$='-value']")]
                .some((input) => input.value.includes(text))""",
            arg=text,
        )
        self.log.append(f"ketik {what}")

    def select(self, locator, value, what):
        locator.select_option(value)
        self.log.append(f"pilih {what}")

    def pick_file(self, locator, path, what):
        locator.set_input_files(path)
        self.log.append(f"pilih berkas {what}")


def record(task, which, steps):
    FIGURES.setdefault(task, {})[which] = steps.count
    FIGURES[task][f"{which}_log"] = list(steps.log)
    print(f"{task} {which}: {steps.count} — " + ", ".join(steps.log))


@pytest.fixture
def operator(server_sees_test_data, village_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return factories.operator_of(village_a)


@pytest.fixture
def stock_body(monkeypatch):
    """The stock StreamField: a new page's body starts empty, as in Wagtail without our
    ``new_page_value`` (the form asks for it with getattr, so taking it away is enough)."""
    monkeypatch.delattr(BodyBlock, "new_page_value")


def dashboard(page, site_server, user):
    sign_in(page, site_server, user)
    page.wait_for_load_state("networkidle")
    return Steps(page)


def open_menu(steps, label):
    """On the phone the sidebar is closed: open it, then the menu entry ``label``."""
    page = steps.page
    steps.click(page.locator("button.sidebar-nav-toggle--mobile"), "menu")
    sidebar = page.locator("#wagtail-sidebar")
    entry = sidebar.locator(".sidebar-menu-item__link", has_text=re.compile(rf"^\s*{label}\s*$"))
    steps.click(entry.first, label)


def open_section_via_explorer(steps, section_title, index):
    """Sidebar → Halaman → the section in the page explorer → "Tambah halaman anak"."""
    page = steps.page
    open_menu(steps, "Halaman")
    explorer = page.locator(".c-page-explorer")
    steps.click(
        explorer.locator("a.c-page-explorer__item__link", has_text=section_title), section_title
    )
    page.wait_for_url(re.compile(rf"/admin/pages/{index.pk}/$"))
    add = page.locator(f"a[href='{reverse('wagtailadmin_pages:add_subpage', args=[index.pk])}']")
    steps.click(add.first, "Tambah halaman anak")
    page.locator("#page-edit-form").wait_for()


def quick_action(steps, key):
    steps.click(steps.page.locator(f"a[data-quick-action='{key}']"), key)


def write_body(steps, text, *, stock):
    page = steps.page
    body = page.locator("[data-contentpath='body']")
    if stock:
        steps.click(body.locator("button.c-sf-add-button").first, "⊕")
        steps.click(page.get_by_role("option", name=re.compile("paragraf", re.I)).first, "paragraf")
    editor = body.locator(".public-DraftEditor-content").first
    FOCUSED[stock] = editor.evaluate("(box) => box.contains(document.activeElement)")
    steps.type_rich_text(editor, text, "isi")


def publish(steps):
    page = steps.page
    footer = page.locator("footer")
    steps.click(footer.locator("[data-w-dropdown-target='toggle']").last, "menu simpan")
    steps.click(footer.locator("button[name='action-publish']"), "Terbitkan")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/(edit/)?$"))


# -- (a) news -----------------------------------------------------------------------------------


def write_news(steps, title, *, stock):
    steps.fill(steps.page.locator("#id_title"), title, "judul")
    write_body(steps, "Warga Krajan bergotong royong membersihkan saluran air.", stock=stock)
    publish(steps)


def assert_news_published(page, site_server, village, title):
    item = NewsPage.objects.descendant_of(village.page).get(title=title)
    assert item.live
    assert [block.block_type for block in item.body] == ["paragraph"]
    assert "gotong royong" in item.body[0].value.source
    response = page.goto(site_server.url(VILLAGE_A, item.relative_url(village.site)))
    assert response.status == 200
    assert page.locator("h1").inner_text() == title


def test_news_before(page, site_server, operator, village_a, stock_body):
    steps = dashboard(page, site_server, operator)
    index = NewsIndexPage.objects.child_of(village_a.page).get()
    open_section_via_explorer(steps, "Berita", index)
    write_news(steps, "Kerja Bakti Dusun Krajan", stock=True)
    record("news", "before", steps)
    assert_news_published(page, site_server, village_a, "Kerja Bakti Dusun Krajan")


def test_news_after(page, site_server, operator, village_a):
    steps = dashboard(page, site_server, operator)
    quick_action(steps, "news")
    page.locator("#page-edit-form").wait_for()
    write_news(steps, "Kerja Bakti Dusun Ngampel", stock=False)
    record("news", "after", steps)
    assert_news_published(page, site_server, village_a, "Kerja Bakti Dusun Ngampel")
    assert steps.count <= UPPER_BOUND["news"]
    assert steps.count < FIGURES["news"]["before"]


# -- (b) event ----------------------------------------------------------------------------------


def add_event(steps, title, *, stock):
    page = steps.page
    steps.fill(page.locator("#id_title"), title, "judul")
    steps.fill(page.locator("#id_start_date"), "2026-12-20", "tanggal mulai")
    steps.fill(page.locator("#id_location_name"), "Balai Desa", "tempat")
    write_body(steps, "Musyawarah rencana pembangunan desa tahun depan.", stock=stock)
    publish(steps)


def assert_event_published(page, site_server, village, title):
    event = EventPage.objects.descendant_of(village.page).get(title=title)
    assert event.live
    assert event.start_date.isoformat() == "2026-12-20"
    assert event.location_name == "Balai Desa"
    response = page.goto(site_server.url(VILLAGE_A, event.relative_url(village.site)))
    assert response.status == 200
    assert title in page.locator("h1").inner_text()


def test_event_before(page, site_server, operator, village_a, stock_body):
    steps = dashboard(page, site_server, operator)
    index = AgendaIndexPage.objects.child_of(village_a.page).get()
    open_section_via_explorer(steps, "Agenda", index)
    add_event(steps, "Musrenbang Desa", stock=True)
    record("event", "before", steps)
    assert_event_published(page, site_server, village_a, "Musrenbang Desa")


def test_event_after(page, site_server, operator, village_a):
    steps = dashboard(page, site_server, operator)
    quick_action(steps, "event")
    page.locator("#page-edit-form").wait_for()
    add_event(steps, "Musrenbang Dusun", stock=False)
    record("event", "after", steps)
    assert_event_published(page, site_server, village_a, "Musrenbang Dusun")
    assert steps.count <= UPPER_BOUND["event"]
    assert steps.count < FIGURES["event"]["before"]


# -- (c) document -------------------------------------------------------------------------------


def pick_document(steps, tmp_path, name):
    page = steps.page
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    steps.pick_file(page.locator("input[type=file]").first, str(path), name)
    page.locator(".upload-list .upload-success").first.wait_for()


def assert_document_listed(page, site_server, village, name):
    document = get_document_model().objects.get(title=name)
    assert document.collection_id == village.collection.pk
    page.goto(site_server.url(VILLAGE_A, reverse("wagtaildocs:index")))
    assert page.locator("main").get_by_text(name).count() >= 1


def test_document_before(page, site_server, operator, village_a, tmp_path):
    steps = dashboard(page, site_server, operator)
    open_menu(steps, "Dokumen")
    page.wait_for_url(re.compile(r"/admin/documents/$"))
    steps.click(
        page.locator(f"a[href^='{reverse('wagtaildocs:add_multiple')}']").first, "Tambah dokumen"
    )
    pick_document(steps, tmp_path, "apbdes-2026")
    record("document", "before", steps)
    assert_document_listed(page, site_server, village_a, "apbdes-2026")


def test_document_after(page, site_server, operator, village_a, tmp_path):
    steps = dashboard(page, site_server, operator)
    quick_action(steps, "documents")
    pick_document(steps, tmp_path, "perdes-2026")
    record("document", "after", steps)
    assert_document_listed(page, site_server, village_a, "perdes-2026")
    assert steps.count <= UPPER_BOUND["document"]
    assert steps.count < FIGURES["document"]["before"]


# -- (d) identity -------------------------------------------------------------------------------


def change_colour(steps, colour):
    page = steps.page
    page.locator("#id_primary_colour").wait_for()
    steps.fill(page.locator("#id_primary_colour"), colour, "warna utama")
    steps.click(page.locator("footer button[type=submit]").first, "Simpan")
    page.wait_for_load_state("networkidle")


def assert_colour_saved(village, colour):
    identity = VillageIdentity.objects.get(site=village.site)
    assert identity.primary_colour.lower() == colour


def test_identity_before(page, site_server, operator, village_a):
    steps = dashboard(page, site_server, operator)
    open_menu(steps, "Pengaturan")
    url = reverse("wagtailsettings:edit", args=["villages", "villageidentity"])
    steps.click(page.locator(f"#wagtail-sidebar a[href='{url}']"), "Identitas desa")
    change_colour(steps, "#1b5e20")
    record("identity", "before", steps)
    assert_colour_saved(village_a, "#1b5e20")


def test_identity_after(page, site_server, operator, village_a):
    steps = dashboard(page, site_server, operator)
    quick_action(steps, "identity")
    change_colour(steps, "#0d47a1")
    record("identity", "after", steps)
    assert_colour_saved(village_a, "#0d47a1")
    assert steps.count <= UPPER_BOUND["identity"]
    assert steps.count < FIGURES["identity"]["before"]


# -- (e) invitation -----------------------------------------------------------------------------


def test_invite_contributor_from_the_team_page(page, site_server, operator, village_a):
    steps = dashboard(page, site_server, operator)
    open_menu(steps, "Tim")
    page.wait_for_url(re.compile(r"/admin/tim/$"))
    steps.click(
        page.locator(f"a[href='{reverse('accounts_team:invite')}']").first, "Undang anggota tim"
    )
    # Region and role are chosen already for an operator (one village, the contributor role).
    steps.fill(page.locator("#id_first_name"), "Rina", "nama depan")
    steps.fill(page.locator("#id_email"), "rina@kebonharjo.test", "email")
    steps.click(page.get_by_role("button", name="Undang"), "Undang")
    page.wait_for_load_state("networkidle")
    record("invite", "after", steps)
    FIGURES["invite"]["before"] = steps.count
    FIGURES["invite"]["before_log"] = ["(derived: the same path as after)"]

    invited = get_user_model().objects.get(email="rina@kebonharjo.test")
    assert not invited.has_usable_password()
    assert invited.groups.filter(region_role__region=village_a.region).exists()
    assert steps.count <= UPPER_BOUND["invite"]


# -- the table ----------------------------------------------------------------------------------

HOW = {
    "news": (
        "before: live, menu → Halaman → Berita (page explorer) → Tambah halaman anak, stock "
        "StreamField (⊕, paragraf, type); after: live, Tulis berita, paragraph ready"
    ),
    "event": (
        "before: live, menu → Halaman → Agenda (page explorer) → Tambah halaman anak, stock "
        "StreamField; after: live, Tambah agenda, paragraph ready"
    ),
    "document": "before: live, menu → Dokumen → Tambah dokumen; after: live, Unggah dokumen",
    "identity": (
        "before: live, menu → Pengaturan → Identitas desa; after: live, Ubah identitas desa"
    ),
    "invite": (
        "after: live, menu → Tim → Undang anggota tim; before: derived, the same path "
        "(no shortcut added)"
    ),
}


def test_figures_table():
    """Writes the figures of this run to docs/operator-steps.md (run the module whole)."""
    if set(FIGURES) != set(TASK_NAMES) or any(
        "before" not in f or "after" not in f for f in FIGURES.values()
    ):
        pytest.skip("the step tests of this module did not all run")
    lines = [
        "# Steps of an operator's daily tasks",
        "",
        "Measured by `tests/e2e/test_editor_steps.py` in headless Chromium at phone size",
        "(360 px), each task starting on the admin dashboard right after signing in. One step",
        "is one user action: a click or tap, typing into one field (its tap included), a",
        "choice in a select, a file pick. The file is written by the test; run",
        "`OPERATOR_STEPS_TABLE=1 .venv/bin/pytest -p no:xdist tests/e2e/test_editor_steps.py`",
        "to refresh it.",
        "",
        "| Task | Before | After | How measured |",
        "| --- | ---: | ---: | --- |",
    ]
    for task, name in TASK_NAMES.items():
        figures = FIGURES[task]
        lines.append(f"| {name} | {figures['before']} | {figures['after']} | {HOW[task]} |")
    lines += ["", "The actions recorded (in the test's Indonesian labels):", ""]
    for task, name in TASK_NAMES.items():
        for which in ("before", "after"):
            lines.append(f"- {name}, {which}: " + ", ".join(FIGURES[task][f"{which}_log"]))
    if FOCUSED:
        lines += [
            "",
            "Focus of the paragraph box before typing: stock StreamField (after ⊕ → paragraf): "
            f"{'focused' if FOCUSED.get(True) else 'not focused'}; ready paragraph of a new "
            f"page: {'focused' if FOCUSED.get(False) else 'not focused'}. Typing counts its tap, "
            "so the ready paragraph saves ⊕ and paragraf (2 actions); the brief's third stock "
            "step, a click into the box, is not needed in stock Wagtail, which focuses the new "
            "paragraph itself.",
        ]
    print("\n".join(lines))
    # Only on request, so that a test run never changes the repository.
    if os.environ.get("OPERATOR_STEPS_TABLE"):
        TABLE.write_text("\n".join(lines) + "\n")
