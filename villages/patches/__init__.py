"""Every replacement of a Wagtail or wagtail-localize internal, one module per patch.

Each module's docstring says what it replaces, why no supported extension point does the
job, and the version it was checked against; each defines ``PATCH`` (or ``PATCHES``), built
with ``villages.patches.base.Patch``. ``install()`` runs from ``VillagesConfig.ready()``, and
``install("wagtailapi_v3")`` from ``villages.apps.WagtailAPIV3Config.ready()`` for the API v3
patches (their targets exist only once Wagtail's apps are ready);
``tests/villages/test_patches.py`` is their tripwire.
"""

from __future__ import annotations

from .base import Patch


def modules() -> list:
    """The patch modules, in the order they are installed."""
    from . import (
        account_name_form,
        api_v3_documents,
        api_v3_error_responses,
        api_v3_images,
        api_v3_public_pages,
        chooser_script_nonce,
        chooser_widgets,
        create_view_autosave,
        filter_choices,
        localize_snippets_api,
        media_tags,
        private_pages,
        site_root_index,
        spreadsheet_formulas,
        translations_report,
    )

    return [
        site_root_index,
        private_pages,
        filter_choices,
        media_tags,
        translations_report,
        chooser_widgets,
        chooser_script_nonce,
        localize_snippets_api,
        spreadsheet_formulas,
        create_view_autosave,
        api_v3_public_pages,
        api_v3_images,
        api_v3_documents,
        api_v3_error_responses,
        account_name_form,
    ]


def patches_of(module) -> list[Patch]:
    return list(module.PATCHES) if hasattr(module, "PATCHES") else [module.PATCH]


def all_patches() -> list[tuple[str, Patch]]:
    return [
        (module.__name__.rsplit(".", 1)[1], patch)
        for module in modules()
        for patch in patches_of(module)
    ]


def install(app: str = "villages") -> None:
    """Install the patches that the ready() of ``app`` (an app label) is responsible for."""
    for _name, patch in all_patches():
        if patch.app == app:
            patch.install()
