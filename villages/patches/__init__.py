"""Every replacement of a Wagtail or wagtail-localize internal, one module per patch.

Each module's docstring says what it replaces, why no supported extension point does the
job, and the version it was checked against; each defines ``PATCH`` (or ``PATCHES``), built
with ``villages.patches.base.Patch``. ``install()`` runs from ``VillagesConfig.ready()``;
``tests/villages/test_patches.py`` is their tripwire.
"""

from __future__ import annotations

from .base import Patch


def modules() -> list:
    """The patch modules, in the order they are installed."""
    from . import (
        chooser_script_nonce,
        chooser_widgets,
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
    ]


def patches_of(module) -> list[Patch]:
    return list(module.PATCHES) if hasattr(module, "PATCHES") else [module.PATCH]


def all_patches() -> list[tuple[str, Patch]]:
    return [
        (module.__name__.rsplit(".", 1)[1], patch)
        for module in modules()
        for patch in patches_of(module)
    ]


def install() -> None:
    for _name, patch in all_patches():
        patch.install()
