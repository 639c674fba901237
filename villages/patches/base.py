"""The one way this project replaces an attribute of Wagtail or wagtail-localize.

A ``Patch`` names what it replaces (an attribute of a class or module), the replacement, and
the signature the original had when the patch was written. ``install()`` refuses to patch
when the original's signature has changed (an upgrade moved or reshaped it), and keeps the
original so the replacement can call it. ``tests/villages/test_patches.py`` is the tripwire:
it fails when a patch is not installed, or when what it replaces no longer looks the same.

Most patches are installed by ``VillagesConfig.ready()``. A target that only exists once
Wagtail's own apps are ready (the API v3 routers, built in ``wagtail.images`` and
``wagtail.documents``' ``ready()``) is a ``Lazy`` target: its dotted name and a function
that imports it (statically, so that the architecture test can read the import); it is
installed by the ready() of the app given as ``app`` (``"wagtailapi_v3"``:
``villages.api_v3.WagtailAPIV3Config``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class PatchError(RuntimeError):
    pass


@dataclass(frozen=True)
class Lazy:
    """A patch target imported only when the patch is installed."""

    # Its dotted name, for messages: "package.module" or "package.module.object".
    path: str
    # Imports and returns the target.
    load: Callable[[], Any]


@dataclass
class Patch:
    # The class, module or object whose attribute is replaced; or a ``Lazy`` target.
    target: Any
    attribute: str
    replacement: Any
    # inspect.signature() of the original, as text ("(self, request)"); "" for non-callables.
    signature: str
    # How to name the patched attribute when ``target`` is neither a class nor a module.
    label: str = ""
    # The label of the app whose ready() installs the patch.
    app: str = "villages"
    original: Any = field(default=None, init=False)

    @property
    def name(self) -> str:
        if self.label:
            return self.label
        if isinstance(self.target, Lazy):
            return f"{self.target.path}.{self.attribute}"
        owner = getattr(self.target, "__qualname__", None) or self.target.__name__
        module = getattr(self.target, "__module__", None)
        if inspect.ismodule(self.target):
            return f"{self.target.__name__}.{self.attribute}"
        return f"{module}.{owner}.{self.attribute}"

    @property
    def resolved_target(self):
        if isinstance(self.target, Lazy):
            return self.target.load()
        return self.target

    def current(self):
        target = self.resolved_target
        if inspect.isclass(target):
            return inspect.getattr_static(target, self.attribute)
        return getattr(target, self.attribute)

    def original_signature(self) -> str:
        original = self.original if self.original is not None else self.current()
        if isinstance(original, (staticmethod, classmethod)):
            original = original.__func__
        if isinstance(original, property):
            original = original.fget
        return str(inspect.signature(original)) if callable(original) else ""

    @property
    def installed(self) -> bool:
        return self.original is not None and self.current() is self.replacement

    def install(self) -> None:
        if self.installed:
            return
        target = self.resolved_target
        if not hasattr(target, self.attribute):
            raise PatchError(f"{self.name} no longer exists: check the patch against Wagtail")
        self.original = self.current()
        found = self.original_signature()
        if found != self.signature:
            self.original = None
            raise PatchError(f"{self.name} has the signature {found}, expected {self.signature}")
        setattr(target, self.attribute, self.replacement)

    def call_original(self, *args, **kwargs):
        original = self.original
        if isinstance(original, (staticmethod, classmethod)):
            original = original.__func__
        return original(*args, **kwargs)
