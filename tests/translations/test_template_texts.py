"""Tripwire and proof for translations/templates.py (Wagtail's untranslated template texts)."""

import re
from pathlib import Path

from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

import wagtail.admin

import pytest

from translations import templates as fixes

WAGTAIL_TEMPLATES = Path(wagtail.admin.__file__).parent / "templates"


@pytest.mark.parametrize("name", sorted(fixes.UNTRANSLATED))
def test_each_fixed_text_is_still_in_wagtails_template_exactly_once(name):
    source = (WAGTAIL_TEMPLATES / name).read_text()
    for old, _new in fixes.UNTRANSLATED[name]:
        assert source.count(old) == 1, f"Wagtail changed {name}: revisit {old!r}"


def test_the_project_loads_wagtails_templates_through_the_fixing_loader():
    engine = engines["django"].engine
    names = [type(loader).__module__ for loader in engine.template_loaders[0].loaders]
    assert "translations.templates" in names


def test_slim_header_actions_label_is_indonesian():
    with translation.override("id"):
        html = render_to_string("wagtailadmin/shared/headers/_actions.html", {})
    assert 'aria-label="Tindakan"' in html
    assert "Actions" not in html


def test_user_column_without_a_user_shows_nothing_instead_of_none():
    html = render_to_string("wagtailadmin/shared/user_avatar.html", {"user": None})
    assert "None" not in html


def test_a_template_that_extends_keeps_extends_first():
    fixed = fixes.translate_template(
        "wagtailadmin/home.html", '{% extends "x.html" %}<input value="Search">'
    )
    assert fixed.startswith('{% extends "x.html" %}{% load i18n %}')
    assert '{% translate "Search" %}' in fixed


def test_login_page_labels_the_password_field_in_indonesian(client, village_a):
    response = client.get("/admin/login/", HTTP_HOST=village_a.host)
    html = re.sub(r"\s+", "", response.content.decode())
    assert response.status_code == 200
    assert re.search(r'<labelclass="[^"]*"for="id_password"[^>]*>Sandi', html), html[:0]
    assert "Password<" not in html
