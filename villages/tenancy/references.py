"""Content of one village may only refer to that village's own objects.

Whatever the form of a reference — a ForeignKey, a many-to-many, an inline (Orderable) row,
a chooser block at any depth of a StreamField, a link or embed in rich text — the object it
points at must belong to the same region as the content that refers to it. Two exceptions:

- a page may link to any other village's page that is live and open to everyone (a link
  shows nothing that is not public already);
- a region above villages (the regency portal, a district page) may use the public content
  of the villages below it.

``check_form(form)`` applies the rule to a bound admin form and to all its inline forms,
adding an Indonesian error to the field that holds a bad reference, so that nothing is
saved. It is called by ``villages.tenancy.forms.TenantFormMixin``, the base of every page,
snippet and setting form of the platform (the API v3 writes use the same forms). The
references are found by introspecting the model fields (``extract_references`` of
StreamField and RichTextField, Wagtail's public API), never field by field.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from wagtail.models import Page

from .. import scope
from ..models.regions import Region
from .ownership import public_keys, region_of, regions_of
from .registry import Owner, clean_pks, ownership_of


@dataclass(frozen=True)
class Reference:
    """A reference found in a form: the field holding it and the object it points at."""

    field: str
    model: type[Model]
    pk: str


def _base_model(model: type[Model]) -> type[Model]:
    # A rich-text page link says "Page"; a chooser block names the specific model. Both are
    # looked up through the model the tenancy registered (every page type is a Page).
    ownership = ownership_of(model)
    return ownership.model if ownership is not None else model


def field_references(model_field, value, name: str) -> Iterator[Reference]:
    """References held by one model field's cleaned value."""
    if value is None or value == "" or value == []:
        return
    if model_field.many_to_many:
        for obj in value:
            yield Reference(name, _base_model(model_field.related_model), str(obj.pk))
    elif model_field.is_relation and (model_field.many_to_one or model_field.one_to_one):
        pk = value.pk if isinstance(value, Model) else value
        yield Reference(name, _base_model(model_field.related_model), str(pk))
    elif hasattr(model_field, "extract_references"):
        for model, pk, _model_path, _content_path in model_field.extract_references(value):
            yield Reference(name, _base_model(model), str(pk))


def form_references(form) -> Iterator[Reference]:
    """References in a cleaned form's own fields (not its inline forms)."""
    opts = form._meta.model._meta
    for name, value in getattr(form, "cleaned_data", {}).items():
        try:
            model_field = opts.get_field(name)
        except FieldDoesNotExist:
            continue
        yield from field_references(model_field, value, name)


def inline_forms(form) -> Iterator:
    """Every live inline form under ``form``, at any depth (deleted rows left out)."""
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            if not child.is_valid():
                continue  # its own errors come first; it is checked once they are fixed
            if formset.can_delete and child.cleaned_data.get("DELETE"):
                continue
            yield child
            yield from inline_forms(child)


def owner_region(form) -> Region | None:
    """The region the form's object belongs to (or will belong to, for a new page)."""
    instance = form.instance
    ownership = ownership_of(instance)
    if ownership is None:
        return None
    if isinstance(instance, Page):
        anchor = instance if instance.pk and instance.path else getattr(form, "parent_page", None)
        return region_of(anchor) if anchor is not None else None
    if ownership.owner is Owner.REGION and ownership.field in form.cleaned_data:
        return form.cleaned_data.get(ownership.field)
    if ownership.owner is Owner.SITE:
        return scope.region_for_site(getattr(instance, ownership.field, None))
    return region_of(instance) if instance.pk else None


def _is_below(region: Region, owner: Region) -> bool:
    return region.code.startswith(f"{owner.code}.")


def _allowed(obj, region, owner, public: bool) -> bool:
    if region is not None and region.pk == owner.pk:
        return True
    if isinstance(obj, Page) and public:
        return True  # a link to a public page of another village shows nothing private
    return region is not None and public and _is_below(region, owner)


def _message(reference: Reference, owner: Region, *, missing: bool) -> str:
    ownership = ownership_of(reference.model)
    noun = capfirst(str(ownership.noun)) if ownership else _("Objek")
    if missing:
        return _("%(noun)s yang dipilih (id %(id)s) tidak ditemukan.") % {
            "noun": noun,
            "id": reference.pk,
        }
    if reference.model is Page:
        return _(
            "%(noun)s yang dipilih (id %(id)s) bukan milik %(owner)s dan tidak terbuka untuk "
            "umum. Pilih halaman %(owner)s sendiri atau halaman publik."
        ) % {"noun": noun, "id": reference.pk, "owner": owner.display_name}
    return _(
        "%(noun)s yang dipilih (id %(id)s) bukan milik %(owner)s. Pilih %(lower)s milik "
        "%(owner)s sendiri."
    ) % {
        "noun": noun,
        "lower": str(ownership.noun),
        "id": reference.pk,
        "owner": owner.display_name,
    }


def bad_references(references: list[Reference], owner: Region) -> list[tuple[Reference, str]]:
    """The references ``owner``'s content may not hold, each with its message."""
    by_model: dict[type, set[str]] = defaultdict(set)
    for reference in references:
        if ownership_of(reference.model) is not None:
            by_model[reference.model].add(reference.pk)
    objects: dict[tuple[type, str], Model] = {}
    for model, pks in by_model.items():
        for obj in model._default_manager.filter(pk__in=clean_pks(model, pks)):
            objects[(model, str(obj.pk))] = obj
    found = list(objects.values())
    regions = regions_of(found)
    public = public_keys(found)
    bad = []
    for reference in references:
        if ownership_of(reference.model) is None:
            continue
        obj = objects.get((reference.model, reference.pk))
        if obj is None:
            bad.append((reference, _message(reference, owner, missing=True)))
            continue
        key = (type(obj), obj.pk)
        if not _allowed(obj, regions.get(key), owner, key in public):
            bad.append((reference, _message(reference, owner, missing=False)))
    return bad


def _owner_outside_user(form, owner: Region) -> bool:
    """A form that chooses its own region (a category's village) chose one the user does
    not work in."""
    ownership = ownership_of(form.instance)
    user = getattr(form, "for_user", None)
    if ownership is None or not ownership.owner_in_form or user is None or user.is_superuser:
        return False
    return not any(
        owner.code == r.code or owner.code.startswith(f"{r.code}.")
        for r in scope.user_regions(user)
    )


def check_form(form) -> bool:
    """Add an error to every field of ``form`` (and its inline forms) that refers to another
    region's object; True when everything is in order."""
    if not getattr(form, "cleaned_data", None) and not getattr(form, "formsets", None):
        return True
    owner = owner_region(form)
    if owner is None:
        return True
    ok = True
    ownership = ownership_of(form.instance)
    if _owner_outside_user(form, owner):
        form.add_error(
            ownership.field,
            _("Anda tidak mengelola %(region)s.") % {"region": owner.display_name},
        )
        return False
    for target in [form, *inline_forms(form)]:
        references = list(form_references(target))
        errors: dict[str, list[str]] = defaultdict(list)
        for reference, message in bad_references(references, owner):
            if message not in errors[reference.field]:
                errors[reference.field].append(message)
        for field, messages in errors.items():
            ok = False
            for message in messages:
                if field in target.fields:
                    target.add_error(field, message)
                else:
                    target.add_error(None, message)
    return ok
