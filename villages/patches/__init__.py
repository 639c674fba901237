"""Every replacement of a Wagtail or wagtail-localize internal, one module per patch.

Each module's docstring says what it replaces, why no supported extension point does the
job, and the version it was checked against; each defines ``PATCH`` (or ``PATCHES``), built
with ``villages.patches.base.Patch``. ``install()`` runs from ``VillagesConfig.ready()``;
``tests/villages/test_patches.py`` is their tripwire.
"""

from __future__ import annotations

import importlib

from .base import Patch

# Installed in this order from VillagesConfig.ready().
MODULES = [
    "chooser_widgets",
    "localize_snippets_api",
]


def patches(module) -> list[Patch]:
    if hasattr(module, "PATCHES"):
        return list(module.PATCHES)
    return [module.PATCH]


def all_patches() -> list[tuple[str, Patch]]:
    found = []
    for name in MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        found.extend((name, patch) for patch in patches(module))
    return found


def install() -> None:
    for _name, patch in all_patches():
        patch.install()
