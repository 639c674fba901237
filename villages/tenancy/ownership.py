"""What a user may see of a tenant-owned model, and which region an object belongs to.

The answers come from the model's registration (``villages.tenancy.registry``) and from
``villages.scope``, which knows the user's regions. Every function costs a fixed number of
queries, whatever the number of villages or objects asked about.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Model, Q, QuerySet

from wagtail.models import Collection, CollectionViewRestriction, Page

from .. import scope
from ..models.regions import Region
from .registry import Owner, Ownership, clean_pks, empty_q, owner_object, ownership_of


def _prefixed(field: str, name: str) -> str:
    return f"{field}__{name}" if field else name


def _path_q(paths: list[str], field: str, with_ancestors: bool, steplen: int) -> Q:
    path_field = _prefixed(field, "path")
    q = scope.path_q(paths, path_field)
    if with_ancestors and paths:
        above = {p[:end] for p in paths for end in range(steplen, len(p), steplen)}
        q |= Q(**{f"{path_field}__in": sorted(above)})
    return q


def visible_q(ownership: Ownership, user, *, with_ancestors: bool = False) -> Q:
    """Q matching the objects of ``ownership.model`` in the user's regions.

    ``with_ancestors`` also matches the pages or collections above them (the regency and the
    district), which the admin needs for navigating down to the user's own.
    """
    field = ownership.field
    if ownership.owner is Owner.PAGE:
        return _path_q(scope.page_paths_for_user(user), field, with_ancestors, Page.steplen)
    if ownership.owner is Owner.COLLECTION:
        paths = list(scope.collections_for_user(user).values_list("path", flat=True))
        return _path_q(paths, field, with_ancestors, Collection.steplen)
    if ownership.owner is Owner.REGION:
        regions = scope.user_regions(user)
        return scope.region_code_q(regions, _prefixed(field, "code")) if regions else empty_q()
    if ownership.owner is Owner.SITE:
        return Q(**{f"{field}__in": scope.sites_for_user(user).values("pk")})
    raise ValueError(f"{ownership.model._meta.label}: custom owners filter querysets themselves")


def visible(queryset: QuerySet, user, *, with_ancestors: bool = False) -> QuerySet:
    """Restrict ``queryset`` to what ``user`` may see in the admin (all for superusers).

    Anonymous and inactive users see nothing; a model that belongs to no region is returned
    unchanged (it is not the tenancy's to scope).
    """
    ownership = ownership_of(queryset.model)
    if ownership is None:
        return queryset
    if not (user.is_authenticated and user.is_active):
        return queryset.none()
    if user.is_superuser:
        return queryset
    if ownership.owner is Owner.CUSTOM:
        return ownership.visible_to(queryset, user)
    return queryset.filter(visible_q(ownership, user, with_ancestors=with_ancestors))


def may_see(user, obj: Model, *, with_ancestors: bool = False) -> bool:
    """Is ``obj`` one of the objects ``user`` may see in the admin?"""
    if ownership_of(obj) is None:
        return True
    queryset = type(obj)._default_manager.filter(pk=obj.pk)
    return visible(queryset, user, with_ancestors=with_ancestors).exists()


def unseen_ids(user, model: type[Model], ids: Iterable, *, with_ancestors: bool = False) -> set:
    """The ``ids`` of ``model`` that ``user`` may not see (ids of no object included)."""
    wanted = {str(i) for i in ids}
    if not wanted or ownership_of(model) is None:
        return set()
    clean = clean_pks(model, wanted)
    queryset = visible(
        model._default_manager.filter(pk__in=clean), user, with_ancestors=with_ancestors
    )
    seen = {str(pk) for pk in queryset.values_list("pk", flat=True)}
    return wanted - seen


# -- which region an object belongs to --------------------------------------------------------


def _nearest(paths_by_pk: dict, owners_by_path: dict) -> dict:
    """For each object's path, the owner whose path is its longest prefix."""
    result = {}
    for pk, path in paths_by_pk.items():
        best = None
        for end in range(len(path or ""), 0, -1):
            owner = owners_by_path.get(path[:end])
            if owner is not None:
                best = owner
                break
        result[pk] = best
    return result


def _prefixes(paths: Iterable[str], steplen: int) -> set[str]:
    return {p[:end] for p in paths if p for end in range(steplen, len(p) + 1, steplen)}


def _regions_by_page_path(paths: Iterable[str]) -> dict[str, Region]:
    from ..models.pages import DistrictPage, RegencyPage, VillageHomePage

    prefixes = _prefixes(paths, Page.steplen)
    if not prefixes:
        return {}
    found: dict[str, Region] = {}
    for model in (RegencyPage, DistrictPage, VillageHomePage):
        for page in model.objects.filter(path__in=prefixes).select_related("region"):
            found[page.path] = page.region
    return found


def _regions_by_collection_path(paths: Iterable[str]) -> dict[str, Region]:
    prefixes = _prefixes(paths, Collection.steplen)
    if not prefixes:
        return {}
    return {
        region.collection.path: region
        for region in Region.objects.filter(collection__path__in=prefixes).select_related(
            "collection"
        )
    }


def regions_of(objects: Iterable[Model]) -> dict[tuple[type, object], Region | None]:
    """The region each object belongs to, keyed by ``(model, pk)``; None for objects that
    belong to no region (the tree root, the root collection) or whose model is not
    tenant-owned. A few queries per kind of owner, whatever the number of objects."""
    objects = list(objects)
    result: dict[tuple[type, object], Region | None] = {}
    page_paths: dict = {}
    collection_paths: dict = {}
    for obj in objects:
        ownership = ownership_of(obj)
        key = (type(obj), obj.pk)
        if ownership is None:
            result[key] = None
        elif ownership.owner is Owner.PAGE:
            page = owner_object(ownership, obj)
            page_paths[key] = page.path if page is not None else None
        elif ownership.owner is Owner.COLLECTION:
            collection = owner_object(ownership, obj)
            collection_paths[key] = collection.path if collection is not None else None
        elif ownership.owner is Owner.REGION:
            result[key] = owner_object(ownership, obj)
        elif ownership.owner is Owner.SITE:
            result[key] = scope.region_for_site(owner_object(ownership, obj))
        else:
            result[key] = ownership.region_getter(obj)
    if page_paths:
        regions = _regions_by_page_path(p for p in page_paths.values() if p)
        result.update(_nearest(page_paths, regions))
    if collection_paths:
        regions = _regions_by_collection_path(p for p in collection_paths.values() if p)
        result.update(_nearest(collection_paths, regions))
    return result


def region_of(obj: Model) -> Region | None:
    """The region ``obj`` belongs to (None: no region, or not a tenant-owned model)."""
    return regions_of([obj])[(type(obj), obj.pk)]


def public_keys(objects: Iterable[Model]) -> set[tuple[type, object]]:
    """``(model, pk)`` of the objects anyone may view: live pages outside private sections,
    images and documents outside login-restricted collections. Nothing else is public."""
    objects = list(objects)
    public: set[tuple[type, object]] = set()
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if pages:
        live = set(
            Page.objects.filter(pk__in=[p.pk for p in pages])
            .live()
            .public()
            .values_list("pk", flat=True)
        )
        public.update((type(p), p.pk) for p in pages if p.pk in live)
    items = [
        obj
        for obj in objects
        if (ownership := ownership_of(obj)) is not None
        and ownership.owner is Owner.COLLECTION
        and ownership.field
    ]
    if items:
        paths = {(type(o), o.pk): owner_object(ownership_of(o), o).path for o in items}
        restricted = set(
            CollectionViewRestriction.objects.filter(
                collection__path__in=_prefixes(paths.values(), Collection.steplen)
            ).values_list("collection__path", flat=True)
        )
        for key, path in paths.items():
            if not any(path.startswith(r) for r in restricted):
                public.add(key)
    return public


def may_show(user, obj: Model) -> bool:
    """May ``obj`` be shown (named, previewed) to ``user`` in the admin?

    Their own regions' objects, and anything public: a page of another village that anyone
    may read, an image of a collection open to everyone. Drafts, private pages and private
    files of other regions never.
    """
    if user is None or user.is_superuser or ownership_of(obj) is None:
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    return may_see(user, obj, with_ancestors=isinstance(obj, (Page, Collection))) or (
        (type(obj), obj.pk) in public_keys([obj])
    )
