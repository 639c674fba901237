"""The operator's guide is in the admin's Help menu in place of Wagtail's English links, opens
for every role, and every picture it shows exists and is one the e2e walk-through takes."""

import json
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import reverse

from wagtail.admin import wagtail_hooks as wagtail_admin_hooks

import pytest

from guide.sections import SECTIONS
from guide.wagtail_hooks import WAGTAIL_HELP_ITEMS
from tests import factories

HOST = "kebonharjo.tuban.test"


def help_menu_items(client):
    """(name, label, url) of the Help submenu, read from the sidebar's JSON props."""
    response = client.get(reverse("wagtailadmin_home"), HTTP_HOST=HOST)
    assert response.status_code == 200
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        response.text,
        re.S,
    )
    assert props, "the sidebar props are not on the page"
    found = []

    # Telepath packs a submenu as {"_type": ..., "_args": [{"name": "help", ...}, [items]]}.
    def walk(node, inside_help=False):
        if isinstance(node, dict):
            args = node.get("_args")
            if isinstance(args, list) and args and isinstance(args[0], dict):
                head = args[0]
                if inside_help and "name" in head and "label" in head:
                    found.append((head["name"], head["label"], head.get("url")))
                for value in args[1:]:
                    walk(value, inside_help or head.get("name") == "help")
            else:
                for value in node.values():
                    walk(value, inside_help)
        elif isinstance(node, list):
            for value in node:
                walk(value, inside_help)

    walk(json.loads(props.group(1)))
    assert found, "no Help menu in the sidebar"
    return found


@pytest.mark.parametrize("role", ["operator", "contributor", "district_editor"])
def test_help_menu_offers_the_guide_and_not_wagtails_english_links(client_for, village_a, role):
    if role == "district_editor":
        user = factories.district_editor_of(
            factories.tenant(village_a.region.code.rsplit(".", 1)[0])
        )
    else:
        user = getattr(factories, f"{role}_of")(village_a)
    items = help_menu_items(client_for(user))
    names = [name for name, _label, _url in items]

    assert ("operator-guide", "Panduan operator", reverse("guide_operator")) in items
    assert "keyboard-shortcuts-trigger" in names
    assert not [name for name in names if name.startswith(WAGTAIL_HELP_ITEMS)], names
    labels = " ".join(label for _name, label, _url in items)
    assert "Editor Guide" not in labels and "What's new" not in labels


def test_wagtail_still_registers_the_help_links_we_drop():
    """Tripwire: if an upgrade renames Wagtail's help items, the filter above would drop nothing
    and the English links would come back; this fails first."""
    editor_guide = wagtail_admin_hooks.register_editors_guide_menu_item()
    whats_new = wagtail_admin_hooks.register_whats_new_in_wagtail_version_menu_item()
    assert editor_guide.name.startswith(WAGTAIL_HELP_ITEMS)
    assert whats_new.name.startswith(WAGTAIL_HELP_ITEMS)


def test_guide_opens_for_an_operator_with_every_section_and_picture(client_for, village_a):
    client = client_for(factories.operator_of(village_a))
    response = client.get(reverse("guide_operator"), HTTP_HOST=HOST)

    assert response.status_code == 200
    html = response.text
    for section in SECTIONS:
        assert f'id="{section.slug}"' in html
        assert str(section.title) in html
        for step in section.steps:
            assert str(step).replace("“", "&ldquo;")[:20] in html or str(step)[:20] in html
        assert f"/static/{section.screenshot_path}" in html
    for text in ("Masuk", "Lupa sandi?", "Tulis berita", "Undang anggota tim", "Ganti logo"):
        assert text in html


def test_guide_needs_a_login(client, db):
    response = client.get(reverse("guide_operator"), HTTP_HOST=HOST)
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_every_picture_exists_and_is_taken_by_the_walk_through():
    walk_through = Path(__file__).parents[1] / "e2e" / "test_operator_guide.py"
    source = walk_through.read_text()
    for section in SECTIONS:
        found = finders.find(section.screenshot_path)
        assert found, f"{section.screenshot_path} is missing: run the e2e walk-through"
        assert Path(found).stat().st_size > 5_000
        assert f'camera.shoot("{section.slug}")' in source, section.slug
    assert len({section.screenshot for section in SECTIONS}) == len(SECTIONS)
