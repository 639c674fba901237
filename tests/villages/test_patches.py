"""Tripwires of ``villages.patches``: every replacement of a Wagtail or wagtail-localize
internal is installed, and what it replaces still exists with the signature it was written
against. An upgrade that moves or reshapes one of them fails here, loudly, instead of
silently bringing back a leak or a slow path."""

from __future__ import annotations

import difflib
import hashlib
import inspect
import re
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve, reverse

import pytest

from villages import patches
from villages.patches.base import Patch, PatchError

ALL = patches.all_patches()


@pytest.mark.parametrize(("module", "patch"), ALL, ids=[p.name for _m, p in ALL])
def test_patch_is_installed(module, patch):
    assert patch.installed, f"{patch.name} is not replaced"


@pytest.mark.parametrize(("module", "patch"), ALL, ids=[p.name for _m, p in ALL])
def test_replaced_attribute_still_has_the_expected_signature(module, patch):
    assert patch.original is not None
    assert patch.original_signature() == patch.signature


@pytest.mark.parametrize("module", patches.modules(), ids=lambda m: m.__name__)
def test_patch_module_says_what_it_replaces_and_against_which_version(module):
    doc = inspect.getdoc(module) or ""
    assert "Replaces" in doc, f"{module.__name__}: the docstring must say what it replaces"
    assert "8.0.1" in doc, f"{module.__name__}: the docstring must name the version checked"


def test_every_patch_module_of_the_package_is_installed():
    from pathlib import Path

    folder = Path(patches.__file__).parent
    names = {p.stem for p in folder.glob("*.py")} - {"__init__", "base"}
    assert names == {m.__name__.rsplit(".", 1)[1] for m in patches.modules()}


def test_patch_refuses_an_original_whose_signature_changed():
    class Target:
        def method(self, request, extra):
            return "original"

    patch = Patch(Target, "method", lambda self, request: "new", "(self, request)")
    with pytest.raises(PatchError, match="signature"):
        patch.install()
    assert Target().method(1, 2) == "original"


def test_patch_refuses_an_attribute_that_no_longer_exists():
    class Target:
        pass

    with pytest.raises(PatchError, match="no longer exists"):
        Patch(Target, "gone", lambda self: None, "(self)").install()


def test_patch_keeps_the_original_for_the_replacement():
    class Target:
        def method(self, value):
            return value * 2

    def replacement(self, value):
        return patch.call_original(self, value) + 1

    patch = Patch(Target, "method", replacement, "(self, value)")
    patch.install()
    patch.install()  # a second install changes nothing
    assert Target().method(3) == 7
    assert patch.installed


# -- the URL shadow (not an attribute, but a replacement all the same) --------------------------


def test_tag_autocomplete_url_is_answered_by_the_scoped_view():
    """cms/urls.py puts ``villages.views.tag_autocomplete`` before Wagtail's admin URLs, at the
    path Wagtail's own tag widgets call; if Wagtail moves that path, this fails."""
    from villages.views import tag_autocomplete

    paths = [
        reverse("wagtailadmin_tag_autocomplete"),
        reverse("wagtailadmin_tag_model_autocomplete", args=["taggit", "tag"]),
    ]
    assert paths == ["/admin/tag-autocomplete/", "/admin/tag-autocomplete/taggit/tag/"]
    for path in paths:
        view = resolve(path).func
        wrapped = [cell.cell_contents for cell in view.__closure__ or ()]
        assert tag_autocomplete in wrapped, path


def test_spreadsheet_exports_neutralise_formulas_through_the_mixin():
    """``spreadsheet_formulas`` wraps the mixin's cell writers; a view that overrides its
    preprocessing still goes through them (tests/villages/test_export_formulas.py proves
    it for every export view of the installation)."""
    import csv
    import io

    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    class Export(SpreadsheetExportMixin):
        list_export = ["title"]

        def preprocess_field_value(self, field, value, export_format):
            return value

    out = io.StringIO()
    Export().write_csv_row(csv.DictWriter(out, ["title"]), {"title": "=HYPERLINK(1)"})
    assert out.getvalue().strip() == "'=HYPERLINK(1)"


# -- chooser_script_nonce ----------------------------------------------------------------------


def test_chooser_render_patch_still_replaces_a_bare_inline_script():
    """Wagtail's BaseChooser.render still ends in a nonce-less ``<script>``: the replacement
    copies its steps, so when Wagtail changes them (or learns nonces), this fails and the
    patch is to be rewritten or dropped."""
    from villages.patches import chooser_script_nonce

    source = inspect.getsource(chooser_script_nonce.PATCH.original)
    assert 'out = f"{widget_html}<script>{js}</script>"' in source
    for step in ("self.get_value_data(value)", "self.render_html(", "self.render_js_init("):
        assert step in source, step


def test_chooser_widget_script_carries_the_request_nonce():
    from wagtail.images.widgets import AdminImageChooser

    from villages.csp import ContentSecurityPolicyMiddleware

    seen = {}

    def view(request):
        seen["nonce"] = str(request.csp_nonce)
        seen["html"] = AdminImageChooser().render("logo", None, {"id": "id_logo"})
        return HttpResponse(seen["html"])

    request = RequestFactory().get("/admin/")
    ContentSecurityPolicyMiddleware(view)(request)
    assert f'<script nonce="{seen["nonce"]}">new ImageChooser("id_logo"' in seen["html"]


# -- API v3 -------------------------------------------------------------------------------------


def test_api_v3_patches_are_installed_by_the_api_v3_app_config():
    """The API v3 patches need Wagtail's v3 routers, which exist only once ``wagtail.images``
    and ``wagtail.documents`` are ready: ``villages.api_v3.WagtailAPIV3Config`` installs them
    and must stay the config of Wagtail's ``wagtailapi_v3`` app."""
    from django.apps import apps

    from villages.api_v3 import WagtailAPIV3Config
    from villages.apps import VillagesConfig

    assert type(apps.get_app_config("wagtailapi_v3")) is WagtailAPIV3Config
    assert type(apps.get_app_config("villages")) is VillagesConfig
    late = [patch for _m, patch in ALL if patch.app == "wagtailapi_v3"]
    assert late and all(patch.installed for patch in late)


def test_ninja_openapi_views_read_the_api_instance_method_we_replace():
    from ninja.openapi import views

    assert "get_openapi_schema" in views.openapi_json.__code__.co_names


def test_api_v3_page_reads_still_look_up_the_public_queryset_we_replace():
    """``get_pages_queryset`` must find ``get_public_pages_queryset`` in its module at request
    time; if Wagtail imports it by value instead, the patch no longer scopes anything."""
    from wagtail.api.v3 import querysets
    from wagtail.api.v3.routers import pages

    assert "get_public_pages_queryset" in querysets.get_pages_queryset.__code__.co_names
    assert pages.get_pages_queryset is querysets.get_pages_queryset


@pytest.mark.parametrize(
    ("module", "name", "views"),
    [
        ("wagtail.images.api.v3.router", "get_images_queryset", ("list_images", "get_image")),
        (
            "wagtail.documents.api.v3.router",
            "get_documents_queryset",
            ("list_documents", "get_document"),
        ),
    ],
)
def test_api_v3_media_reads_still_look_up_the_queryset_we_replace(module, name, views):
    from importlib import import_module

    router = import_module(module)
    for view in views:
        assert name in inspect.unwrap(getattr(router, view)).__code__.co_names, view


# -- template copies ----------------------------------------------------------------------------

# templates/wagtailadmin/pages/add_subpage.html is a copy of Wagtail's page-type chooser without
# the "Pages using …" link beside each type. The sha256 is that of the upstream file the copy
# was made from (Wagtail 8.0.1).
ADD_SUBPAGE = "wagtailadmin/pages/add_subpage.html"
ADD_SUBPAGE_UPSTREAM_SHA256 = "405554e0773c16ee0e1a2482d9ca01042abb74c5ad94ad63af9807da0c410d8d"


def _upstream_template(name):
    import wagtail.admin

    return (Path(wagtail.admin.__file__).parent / "templates" / name).read_text()


def _own_template(name):
    return (Path(settings.BASE_DIR) / "templates" / name).read_text()


def test_add_subpage_copy_is_made_from_the_installed_wagtail_template():
    """When this fails, Wagtail's page-type chooser changed in an upgrade: copy the new
    ``wagtail/admin/templates/wagtailadmin/pages/add_subpage.html`` over
    ``templates/wagtailadmin/pages/add_subpage.html`` again, remove the "Pages using …"
    (``type_use``) link and its column (widen the remaining ``col8`` to ``col12``), keep our
    leading comment, and put the new file's sha256 here."""
    upstream = _upstream_template(ADD_SUBPAGE)
    assert hashlib.sha256(upstream.encode()).hexdigest() == ADD_SUBPAGE_UPSTREAM_SHA256


def test_add_subpage_copy_differs_from_upstream_only_by_the_usage_links():
    upstream = _upstream_template(ADD_SUBPAGE).splitlines()
    own = _own_template(ADD_SUBPAGE)
    # Our explanation, a {% comment %} block, is the one thing added.
    own, comments = re.subn(r"\{% comment %\}.*?\{% endcomment %\}\n", "", own, flags=re.S)
    assert comments == 1
    own = own.splitlines()

    removed, changed = [], []
    matcher = difflib.SequenceMatcher(a=upstream, b=own, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        assert tag != "insert", f"lines added to the copy: {own[b1:b2]}"
        if tag == "delete":
            removed.extend(upstream[a1:a2])
        else:
            changed.append((upstream[a1:a2], own[b1:b2]))

    # Removed: the usage link's column, and the blank lines around it.
    usage = [line.strip() for line in removed if line.strip()]
    assert usage == [
        '<small class="col4 w-text-end">',
        usage[1],
        "</small>",
    ], removed
    assert "wagtailadmin_pages:type_use" in usage[1] and "Pages using" in usage[1]
    # Changed: only the width of the type's column, which now takes the freed space.
    assert len(changed) == 1, changed
    (before,), (after,) = changed[0]
    assert before.strip() == '<div class="col8">', changed
    assert after == before.replace("col8", "col12"), changed
    assert "type_use" not in "\n".join(own)
