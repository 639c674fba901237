"""Which models belong to a region, and how to tell which region an object belongs to.

Every model whose rows belong to one village (or one district or regency) is registered here
once, with the way its owner is found:

- ``PAGE``: the object is a page (``field`` empty) or hangs off one through ``field`` (form
  submissions); its region is that of the nearest region page at or above the page.
- ``COLLECTION``: the object is a collection (``field`` empty) or lives in one through
  ``field`` (images, documents); its region is that of the nearest collection a region owns.
- ``REGION``: the object names its region in ``field``, e.g. a news category.
- ``SITE``: the object hangs off a site through ``field`` (site settings).
- ``CUSTOM``: the registration supplies its own functions (API tokens belong to a person).

From that one description the registry answers the questions every surface asks: which
objects a user may see in the admin (``visible``), and which region an object belongs to
(``region_of``, used when content refers to other objects). Sections register their own
models from their ``AppConfig.ready()``; the built-in registrations live in
``villages.tenancy.builtins``.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet


class Owner(enum.Enum):
    PAGE = "page"
    COLLECTION = "collection"
    REGION = "region"
    SITE = "site"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Ownership:
    """How the objects of one model belong to regions."""

    model: type[Model]
    owner: Owner
    # The field leading to the owning page, collection, region or site ("" for the object
    # itself: a page, a collection).
    field: str = ""
    # CUSTOM: restrict a queryset to what the user may see.
    visible_to: Callable[[QuerySet, object], QuerySet] | None = None
    # CUSTOM: the region of one object (None when it belongs to no region).
    region_getter: Callable[[Model], object] | None = None
    # Whether the owner is chosen in the object's own form (a category picks its village):
    # the chosen region must then be one the editing user works in.
    owner_in_form: bool = False
    # A short noun for messages ("gambar", "halaman"): errors never name the object itself.
    noun: str = ""


_registry: dict[type[Model], Ownership] = {}


def register(
    model: type[Model],
    owner: Owner,
    *,
    field: str = "",
    visible_to=None,
    region_getter=None,
    owner_in_form: bool = False,
    noun: str = "",
) -> Ownership:
    """Declare that ``model``'s objects belong to regions, and how (see the module docstring).

    Registering a model twice replaces the earlier registration (so tests can register a
    throwaway model and remove it again with ``unregister``).
    """
    if owner in (Owner.REGION, Owner.SITE) and not field:
        raise ValueError(f"{model._meta.label}: owner {owner.value} needs a field name")
    if owner is Owner.CUSTOM and (visible_to is None or region_getter is None):
        raise ValueError(f"{model._meta.label}: a custom owner needs visible_to and region_getter")
    ownership = Ownership(
        model=model,
        owner=owner,
        field=field,
        visible_to=visible_to,
        region_getter=region_getter,
        owner_in_form=owner_in_form,
        noun=noun or str(model._meta.verbose_name),
    )
    _registry[model] = ownership
    return ownership


def unregister(model: type[Model]) -> None:
    _registry.pop(model, None)


_global: dict[type[Model], str] = {}


def register_global(model: type[Model], reason: str) -> None:
    """Declare that ``model``'s rows belong to the whole installation, not to a region
    (workflow tasks, say). ``reason`` says why, for the next reader."""
    _global[model] = reason


def is_global(model: type[Model]) -> bool:
    return model in _global


def ownership_of(model_or_object) -> Ownership | None:
    """The registration for a model (or an object's model), inherited by subclasses:
    every page type belongs to regions because ``Page`` does."""
    model = model_or_object if isinstance(model_or_object, type) else type(model_or_object)
    for klass in model.__mro__:
        if klass in _registry:
            return _registry[klass]
    return None


def is_tenant_owned(model_or_object) -> bool:
    return ownership_of(model_or_object) is not None


def registered_models() -> Iterable[type[Model]]:
    return list(_registry)


def owner_object(ownership: Ownership, obj: Model):
    """The page, collection, region or site ``obj`` belongs to through ``ownership.field``
    (``obj`` itself when the field is empty); ``a__b`` fields are followed step by step."""
    target = obj
    for name in ownership.field.split("__") if ownership.field else ():
        if target is None:
            return None
        target = getattr(target, name)
    return target


def clean_pks(model: type[Model], values) -> list:
    """``values`` converted to ``model``'s primary key type; values that are no id dropped."""
    from django.core.exceptions import ValidationError

    pk_field = model._meta.pk
    clean = []
    for value in values:
        with contextlib.suppress(ValidationError, TypeError, ValueError):
            clean.append(pk_field.to_python(value))
    return clean


def empty_q() -> Q:
    return Q(pk__in=[])
