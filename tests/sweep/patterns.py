"""Every URL pattern of the installation, and the URLs that name another village's objects.

``url_patterns()`` walks ``django.urls.get_resolver()`` recursively: Wagtail's admin,
wagtail-localize, the APIs, our apps, the public site. No URL is listed by hand; a new app's
views are swept as soon as its URLs are included. ``targets()`` turns each pattern into the
requests the sweep makes, filling its parameters with the ids of the victims' objects:

- a parameter that always names one kind of object (``page_id``, ``image_id``,
  ``revision_id``…, ``ID_SLOTS``) gets that object of each subject that has one;
- ``pk`` and ``object_id`` get the subject's own id when the view's model is the subject's
  (or the view names no model: then every subject's id is tried);
- ``app_label``/``model_name`` (and their variants) name the subject's model, ``action``
  a bulk action registered for it;
- parameters that name no object get a few plain values (``PLAIN_VALUES``);
- the other ids of a pattern with several (moving a page to another page) come from the same
  subject, or from village A's own object of the same kind, so that both "A's page into B's"
  and "B's page into A's" are asked.

Patterns without parameters are requested as they are, with a search for the markers, and
with the query parameters listing and bulk views read (``?id=…&childOf=…`` and other
filters) set to the victim's ids.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils.regex_helper import normalize

from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page

from .world import MARKER_PREFIX, Subject, Village, World

# URL parameters that always name one kind of object, and the subject slot holding its id.
ID_SLOTS = {
    "page_id": "page",
    "parent_page_id": "page",
    "page_to_move_id": "page",
    "destination_id": "page",
    "page_pk": "page",
    "viewed_page_id": "page",
    "revision_id": "revision",
    "revision_id_a": "revision",
    "revision_id_b": "revision",
    "workflow_state_id": "workflow_state",
    "task_state_id": "task_state",
    "task_id": "task",
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "collection_id": "collection",
    "user_id": "user",
    "uidb64": "uidb64",
    "site_id": "site",
    "translation_id": "translation",
    "translation_source_id": "translation_source",
    "string_segment_id": "string_segment",
    "overridable_segment_id": "overridable_segment",
    "session_id": "session",
    "uploaded_file_id": "uploaded_file",
    "page_view_restriction_id": "page_view_restriction",
    "restriction_id": "collection_view_restriction",
    "log_entry_id": "log_entry",
    "workflow_pk": "workflow",
    "page_path": "url_path",  # a page's path below its site's root (the data downloads)
    "letter_token": "letter_token",  # a letter's verification token (/verifikasi/…/)
}
# Pairs of parameters naming a model.
MODEL_PARAMS = [
    ("app_label", "model_name"),
    ("app_name", "model_name"),
    ("content_type_app_name", "content_type_model_name"),
]
# Parameters naming a model by its label ("news.NewsCategory": API v3).
LABEL_PARAMS = {"type", "type_name"}
# Parameters that name no object.
PLAIN_VALUES = {
    "filter_spec": ["original"],
    "mode": ["desktop"],
    "token": ["bukan-token"],
    "path": ["x"],
    "dataset": ["penduduk", "apbdes", "idm"],
    "layout": ["population"],
    "fmt": ["csv"],
    "letter_type": ["domisili"],
    "step": ["proses", "setujui", "cabut"],
}
# Query parameters listing, chooser and bulk views read, set to the victim's ids at once.
FILTER_SLOTS = {
    "childOf": "page",
    "parent_page_id": "page",
    "page_id": "page",
    "collection_id": "collection",
    "collection": "collection",
    "site": "site",
    "site_id": "site",
    "user": "user",
    "owner": "user",
    "submitted_by": "user",
}


@dataclass(frozen=True)
class Pattern:
    """One URL pattern, with the full regex Django would reverse it from."""

    route: str
    name: str  # "namespace:name", or the route for unnamed patterns
    callback: object = field(compare=False)
    formats: tuple = field(compare=False)  # from django.utils.regex_helper.normalize
    default_kwargs: dict = field(compare=False, hash=False)

    @property
    def params(self) -> list[str]:
        return list(self.formats[0][1]) if self.formats else []

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")

    def __str__(self):
        return self.name


def _walk(resolver, regex: str, route: str, namespaces: tuple) -> Iterator[Pattern]:
    for entry in resolver.url_patterns:
        piece = entry.pattern.regex.pattern
        piece = piece.removeprefix("^")
        full_route = URLResolver._join_route(route, str(entry.pattern))
        if isinstance(entry, URLResolver):
            ns = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry, regex + piece, full_route, ns)
        elif isinstance(entry, URLPattern):
            name = ":".join((*namespaces, entry.name)) if entry.name else full_route
            yield Pattern(
                route=full_route,
                name=name,
                callback=entry.callback,
                formats=tuple(normalize("^" + regex + piece)),
                default_kwargs=dict(entry.default_args),
            )


def url_patterns() -> list[Pattern]:
    """Every URL pattern of the installation, in resolver order."""
    return list(_walk(get_resolver(), "", "", ()))


def view_class(callback):
    """The class behind a view function: Django's ``view_class``, DRF's ``cls``."""
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None)


def view_model(callback):
    """The model a view works on, when it says (``model`` of its class or initkwargs)."""
    from django.db.models import Model

    initkwargs = getattr(callback, "view_initkwargs", None) or {}
    model = initkwargs.get("model") or getattr(view_class(callback), "model", None)
    return model if isinstance(model, type) and issubclass(model, Model) else None


# -- filling parameters -----------------------------------------------------------------------


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) and not _is_pair(value) else [value]


def _is_pair(value) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value)


def model_names(subject: Subject) -> list[tuple[str, str]]:
    """The (app_label, model_name) pairs a URL may name a subject's model by."""
    names = []
    if "content_type" in subject.slots:
        names.append(subject.slots["content_type"])
    meta = subject.model._meta
    names.append((meta.app_label, meta.model_name))
    if isinstance(subject.obj, Page):
        names.append(("wagtailcore", "page"))
    return list(dict.fromkeys(names))


def _model_matches(model, subject: Subject) -> bool:
    return model is not None and isinstance(subject.obj, model)


def _slot_for_model(model) -> str | None:
    """The slot naming an object of ``model`` (a page of any type, an image…)."""
    from django.contrib.auth import get_user_model

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, Site

    for base, slot in (
        (Page, "page"),
        (get_image_model(), "image"),
        (get_document_model(), "document"),
        (Collection, "collection"),
        (get_user_model(), "user"),
        (Site, "site"),
    ):
        if issubclass(model, base):
            return slot
    return None


def is_id_param(name: str) -> bool:
    return name in ID_SLOTS or name in ("pk", "object_id") or name.startswith("_")


def values_for(pattern: Pattern, name: str, subject: Subject, partial: dict) -> list:
    """The values ``subject`` gives parameter ``name`` of ``pattern`` (empty: none)."""
    slot = ID_SLOTS.get(name)
    if slot is not None:
        return _as_list(subject.slots.get(slot))
    if name in ("pk", "object_id"):
        model = view_model(pattern.callback) or _model_named(partial)
        if model is None:
            return [subject.pk]
        if _model_matches(model, subject):
            return [subject.pk]
        slot = _slot_for_model(model)
        return _as_list(subject.slots.get(slot)) if slot else []
    if name.startswith("_"):
        # Positional groups of regex patterns: ids, file names, page paths.
        values = [subject.pk]
        values += [subject.slots[k] for k in ("filename", "url_path") if k in subject.slots]
        return values
    if name in LABEL_PARAMS:
        return [subject.model._meta.label]
    if name == "action":
        app_label, model_name = partial.get("app_label"), partial.get("model_name")
        actions = bulk_action_registry.get_bulk_actions_for_model(app_label, model_name)
        return sorted(action.action_type for action in actions)
    if name == "action_name":
        actions = getattr(view_class(pattern.callback), "actions", None)
        if isinstance(actions, dict):
            return sorted(actions)
        return _as_list(subject.slots.get("task_actions"))
    return PLAIN_VALUES.get(name, [])


def _model_named(partial: dict):
    from django.apps import apps

    for app_param, model_param in MODEL_PARAMS:
        if app_param in partial and model_param in partial:
            try:
                return apps.get_model(partial[app_param], partial[model_param])
            except LookupError:
                return None
    return None


def _model_param_values(pattern: Pattern, subject: Subject) -> list[dict]:
    """The ways the pattern's model parameters can name the subject's model."""
    params = set(pattern.params)
    for app_param, model_param in MODEL_PARAMS:
        if app_param in params and model_param in params:
            return [{app_param: a, model_param: m} for a, m in model_names(subject)]
    return [{}]


@dataclass(frozen=True)
class Target:
    """One URL to request: the pattern, the path (with query) and whose objects it names.

    ``control`` is the same URL with village A's own objects in place of the victim's (for
    a URL naming no object: the URL without the victim's query). When A's operator gets a
    404 there, the URL is no real address of that view (a model the view does not take, an
    id of the wrong kind) and the target is not requested.
    """

    pattern: Pattern
    url: str
    village: str | None  # the victim whose objects the URL names (None: no one's)
    subject: str = ""  # what it names, for the report
    control: str | None = None
    once: bool = False  # asked by the control alone (see ``all_targets``)
    # Asked only by the roles for which the village is the closest they may not see.
    closest_only: bool = False

    def __str__(self):
        return self.url


def _render(pattern: Pattern, values: dict) -> str | None:
    for template, names in pattern.formats:
        if set(names) == set(values):
            return "/" + template % {k: quote(str(v), safe="/") for k, v in values.items()}
    return None


def _resolves_to(pattern: Pattern, path: str) -> bool:
    try:
        match = resolve(path.split("?", 1)[0])
    except Resolver404:
        return False
    return match.route == pattern.route and match.func is pattern.callback


def fills(pattern: Pattern, subject: Subject, own: Village, shared: list[Subject]):
    """``(values, names_subject)`` pairs: parameter values for ``pattern`` from ``subject``,
    the ids it cannot give taken from village A's objects or the platform's shared ones.

    With several ids from the subject (a page and its revision, a page and a destination),
    each is also tried alone with A's objects in the other places.
    """
    for model_values in _model_param_values(pattern, subject):
        own_values: dict[str, list] = {}
        from_subject: dict[str, list] = {}
        for name in pattern.params:
            if name in model_values:
                from_subject[name] = [model_values[name]]
                continue
            values = values_for(pattern, name, subject, model_values)
            if values and is_id_param(name):
                from_subject[name] = values
            else:
                own_values[name] = values or _fallback_values(
                    pattern, name, subject, own, shared, model_values
                )
        named = [n for n in from_subject if is_id_param(n)]
        variants = [from_subject]
        if len(named) > 1:
            for keep in named:
                variant = dict(from_subject)
                for other in named:
                    if other != keep:
                        variant[other] = _fallback_values(
                            pattern, other, subject, own, shared, model_values
                        )
                variants.append(variant)
        for variant in variants:
            per_param = {**own_values, **variant}
            if any(not v for v in per_param.values()):
                continue
            names = list(per_param)
            for combo in itertools.product(*(per_param[n] for n in names)):
                yield dict(zip(names, combo, strict=True)), bool(named)


def _fallback_values(pattern, name, subject, own, shared, partial) -> list:
    """Values for a parameter the subject cannot fill: A's own object of the same kind
    (else any of A's objects with one), or one of the platform's shared objects."""
    same_kind = [s for s in own.subjects if s.name == subject.name]
    for candidate in [*same_kind, *own.subjects, *shared]:
        values = values_for(pattern, name, candidate, partial)
        if values:
            return values[:1]
    return []


def _unnamed_targets(pattern: Pattern, base: str, world: World, model_values: dict):
    """A URL naming no object: as it is, and with the query parameters of searches,
    listings, choosers and bulk actions set to a victim's ids: the closest victim of each
    role (every response is still read for the markers of all the villages it may not
    see)."""
    yield Target(pattern, base, None, "", base)
    closest = dict.fromkeys(a.asks[0] for a in world.attackers)
    for village in (world.victims[key] for key in closest):
        for query, what in filter_queries(pattern, village, model_values, world.own):
            yield Target(pattern, f"{base}?{query}", village.key, what, base, closest_only=True)


def targets_for(pattern: Pattern, world: World) -> list[Target]:
    """The URLs the sweep requests for one pattern (see the module docstring)."""
    found: dict[str, Target] = {}

    def add(targets):
        for target in targets:
            found.setdefault(target.url, target)

    if not pattern.params:
        base = _render(pattern, {})
        if base is not None and _resolves_to(pattern, base):
            add(_unnamed_targets(pattern, base, world, {}))
        return list(found.values())
    own_by_name = {s.name: s for s in world.own.subjects}
    sources = [(v.key, s) for v in world.victims.values() for s in v.subjects]
    sources += [(None, s) for s in world.shared]
    for village, subject in sources:
        victim_fills = list(fills(pattern, subject, world.own, world.shared))
        own_subject = own_by_name.get(subject.name) if village else None
        own_fills = (
            list(fills(pattern, own_subject, world.own, world.shared)) if own_subject else []
        )
        aligned = len(own_fills) == len(victim_fills)
        for index, (values, names_subject) in enumerate(victim_fills):
            url = _render(pattern, values)
            if url is None or url in found or not _resolves_to(pattern, url):
                continue
            if names_subject and village is not None:
                control = _render(pattern, own_fills[index][0]) if aligned else None
                found[url] = Target(pattern, url, village, subject.name, control)
            else:
                add(_unnamed_targets(pattern, url, world, values))
    return list(found.values())


def filter_queries(pattern: Pattern, village: Village, values: dict, own: Village):
    """Query strings naming the village's objects: a search for the markers, the ids a bulk
    action or chooser acts on (``?id=``, from A's own listing: ``?childOf=`` A's page), the
    filters of listings; for views acting on a model named in the URL (bulk actions), also
    every object under the village's page or collection (``?id=all&childOf=``)."""
    model = _model_named(values) or view_model(pattern.callback)
    subjects = village.subjects
    ids = [s.pk for s in subjects if model is None or _model_matches(model, s)]
    if model is not None and not ids:
        slot = _slot_for_model(model)
        ids = [s.slots[slot] for s in subjects if slot in s.slots]

    def parent(of: Village):
        name = "home page" if model is None or issubclass(model, Page) else "collection"
        return next(s.pk for s in of.subjects if s.name == name)

    child_of = parent(village)
    query = {"q": MARKER_PREFIX, "term": MARKER_PREFIX, "id": sorted(set(ids), key=str)}
    query["childOf"] = parent(own)
    for param, slot in FILTER_SLOTS.items():
        for subject in subjects:
            if slot in subject.slots:
                query.setdefault(param, subject.slots[slot])
    queries = [(urlencode(query, doseq=True), "search, ids, filters")]
    if _model_named(values) is not None:
        queries.append((urlencode({"id": "all", "childOf": child_of}), "all, childOf"))
    return queries


def all_targets(
    world: World, skipped: dict[str, str], once: dict[str, str] | None = None
) -> tuple[list[Pattern], list[Target]]:
    """Every pattern, and the targets of every pattern not in ``skipped`` (name -> reason).
    Patterns in ``once`` (name -> reason) are asked once, as they are, by A's operator.

    Patterns sharing one route (django-ninja's operations on one path) answer on one URL:
    the first of them is requested for all.
    """
    patterns = url_patterns()
    targets: list[Target] = []
    seen_routes = set()
    for pattern in patterns:
        if pattern.name in skipped or pattern.route in skipped or pattern.route in seen_routes:
            continue
        seen_routes.add(pattern.route)
        if pattern.name in (once or {}) and not pattern.params:
            base = _render(pattern, {})
            targets.append(Target(pattern, base, None, "", base, once=True))
            continue
        targets.extend(targets_for(pattern, world))
    return patterns, targets
