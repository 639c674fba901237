"""``villages`` (the tenancy's ground floor) depends on no section app (issue 9, §5).

Sections register themselves with ``villages.sections``; the ground floor never names them.
Every Python module under ``villages/`` (migrations included) is read as an AST and refused
if it imports a section app (at any nesting level), imports one through ``importlib`` or a
dynamic name, or names one of its models, permissions or modules in a string such as
``"news.NewsIndexPage"`` or ``apps.get_model("news", …)``. The templates of ``villages`` may
not include a section's templates or load its tag libraries either.

"Section apps" are every app of the project except the ground floor itself and ``assets``,
which holds the image and document models the ground floor's own models point at (the logo,
the hero image) and builds on nothing above it. A new app (data, letters…) is covered
without being listed here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

import pytest

BASE_DIR = Path(settings.BASE_DIR).resolve()
GROUND_FLOOR = BASE_DIR / "villages"
# Templates of the ground floor: the shared theme's ``templates/villages/``.
GROUND_FLOOR_TEMPLATES = [BASE_DIR / "templates" / "villages", GROUND_FLOOR / "templates"]
BESIDE_THE_GROUND_FLOOR = {"villages", "assets"}

IMPORT_FUNCTIONS = {"import_module", "__import__"}
APP_LABEL_FUNCTIONS = {"get_model", "get_app_config", "is_installed", "get_models"}


def project_apps() -> dict[str, Path]:
    """The project's own apps (not installed packages), by label, with their folders."""
    found = {}
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if BASE_DIR in path.parents and ".venv" not in path.parts:
            found[config.label] = path
    return found


def section_apps() -> set[str]:
    return set(project_apps()) - BESIDE_THE_GROUND_FLOOR


def _top(name: str) -> str:
    return name.split(".", 1)[0]


def _docstring_nodes(tree: ast.AST) -> set[int]:
    """Bare string statements (docstrings, comments as strings): they name, never depend."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def violations(source: str, forbidden: set[str], filename: str = "<snippet>") -> list[str]:
    """Every place in ``source`` that depends on an app of ``forbidden``, as "line: what"."""
    tree = ast.parse(source, filename=filename)
    labels = "|".join(sorted(map(re.escape, forbidden)))
    # "news.NewsIndexPage", "news.add_newscategory", "news.models" (a dotted name, no spaces).
    dotted_name = re.compile(rf"^(?:{labels})\.[A-Za-z_]\w*(?:\.\w+)*$")
    docstrings = _docstring_nodes(tree)
    found = []

    def report(node, what):
        found.append(f"{filename}:{node.lineno}: {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _top(alias.name) in forbidden:
                    report(node, f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module and _top(node.module) in forbidden:
                report(node, f"from {node.module} import …")
        elif isinstance(node, ast.Call):
            name = _call_name(node)
            first = node.args[0] if node.args else None
            constant = (
                first.value
                if isinstance(first, ast.Constant) and isinstance(first.value, str)
                else None
            )
            if name in IMPORT_FUNCTIONS:
                if constant is None:
                    report(node, f"{name}() of a name that cannot be checked")
                elif _top(constant) in forbidden:
                    report(node, f"{name}({constant!r})")
            elif name in APP_LABEL_FUNCTIONS and constant and _top(constant) in forbidden:
                report(node, f"{name}({constant!r}, …)")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings and dotted_name.match(node.value):
                report(node, f"names {node.value!r}")
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            # A list of app labels (["wagtailcore", "news"]); a lone "home" is often an icon.
            for element in node.elts:
                if isinstance(element, ast.Constant) and element.value in forbidden:
                    report(element, f"lists the app {element.value!r}")
        elif isinstance(node, ast.JoinedStr):
            head = node.values[0] if node.values else None
            if isinstance(head, ast.Constant) and re.match(rf"^(?:{labels})\.", head.value):
                report(node, f"f-string naming {head.value!r}…")
    return found


def template_violations(text: str, forbidden: set[str], libraries: dict[str, str], name: str):
    """Includes/extends of a section's templates and loads of a section's tag libraries."""
    found = []
    for match in re.finditer(r"{%\s*(?:include|extends)\s+[\"']([\w-]+)/", text):
        if match.group(1) in forbidden:
            found.append(f"{name}: uses the template {match.group(0)!r}")
    for match in re.finditer(r"{%\s*load\s+([^%]+?)\s*%}", text):
        for library in match.group(1).split():
            if libraries.get(library) in forbidden:
                found.append(f"{name}: loads {library} of {libraries[library]}")
    return found


def tag_libraries() -> dict[str, str]:
    """Template tag library names of the project's apps, with the app that holds each."""
    return {
        module.stem: label
        for label, path in project_apps().items()
        for module in (path / "templatetags").glob("*.py")
        if module.stem != "__init__"
    }


# -- the ground floor ------------------------------------------------------------------------


def test_the_section_apps_are_known():
    # A guard for the guard: the check below is only as good as this list.
    assert {"home", "news", "government", "events", "gallery", "publications"} <= section_apps()
    assert {"products", "maps", "audit", "editorial", "accounts", "search"} <= section_apps()
    assert "villages" not in section_apps()


def test_no_module_of_villages_depends_on_a_section_app():
    forbidden = section_apps()
    modules = sorted(GROUND_FLOOR.rglob("*.py"))
    assert len(modules) > 30  # the whole package, migrations included
    found = []
    for module in modules:
        found += violations(
            module.read_text(encoding="utf-8"), forbidden, str(module.relative_to(BASE_DIR))
        )
    assert not found, "\n".join(found)


def test_no_template_of_villages_uses_a_section_template_or_tag_library():
    forbidden = section_apps()
    libraries = tag_libraries()
    templates = sorted(p for folder in GROUND_FLOOR_TEMPLATES for p in folder.rglob("*.html"))
    assert templates
    found = []
    for template in templates:
        name = str(template.relative_to(BASE_DIR))
        found += template_violations(
            template.read_text(encoding="utf-8"), forbidden, libraries, name
        )
    assert not found, "\n".join(found)


# -- the check itself fails where it must ------------------------------------------------------

SECTIONS = {"news", "home", "audit"}


@pytest.mark.parametrize(
    "source",
    [
        "import news",
        "import news.models as news_models",
        "from news.models import NewsPage",
        "def f():\n    if True:\n        from news.services import latest_news\n",
        "class A:\n    def m(self):\n        import audit.services\n",
        "import importlib\nimportlib.import_module('news.demo')",
        "from importlib import import_module\nimport_module('home')",
        "from importlib import import_module\nfor app in APPS:\n    import_module(f'{app}.demo')",
        "__import__('news')",
        "from django.apps import apps\napps.get_model('news', 'NewsIndexPage')",
        "from django.apps import apps\napps.get_model('news.NewsIndexPage')",
        "subpage_types = ['villages.DistrictPage', 'home.StandardPage']",
        "PERMISSIONS = ['news.add_newscategory']",
        "label = f'news.{model}'",
        "LABELS = ['wagtailcore', 'villages', 'news']",
    ],
)
def test_check_refuses_a_dependency_on_a_section_app(source):
    assert violations(source, SECTIONS)


@pytest.mark.parametrize(
    "source",
    [
        "from . import sections\nfrom .models import Region",
        "from villages.sections import register_section",
        "from wagtail.models import Page\nimport newsletter",
        '"""Sections such as news.NewsIndexPage register themselves."""',
        "def f():\n    'The home page (home.html) of news.NewsIndexPage.'\n",
        "header_icon = 'home'\nurl = 'news/feed/'",
        "from django.apps import apps\napps.get_model('villages', 'Region')",
        "import_module('villages.demo')",
    ],
)
def test_check_accepts_what_names_no_section_app(source):
    assert violations(source, SECTIONS) == []


def test_template_check_refuses_section_templates_and_tag_libraries():
    libraries = {"map_tags": "maps", "theme_tags": "villages"}
    text = (
        '{% load i18n map_tags theme_tags %}{% include "news/includes/news_card.html" %}'
        "{% extends 'home/base.html' %}{% include \"villages/includes/home_welcome.html\" %}"
    )

    found = template_violations(text, {"news", "home", "maps"}, libraries, "t.html")

    assert len(found) == 3
    assert any("map_tags" in f for f in found)
    assert template_violations("{% load i18n theme_tags %}", {"maps"}, libraries, "t.html") == []
