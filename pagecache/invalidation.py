"""What makes cached pages stale: every save and delete of anything a public page may show.

Every model is watched except the ones listed in ``IGNORED`` (what no public page shows:
sessions, logs, revisions, renditions, workflow states...). A model nobody thought of is
therefore watched, and at worst makes too much stale, never too little. A change is charged
to the region of the object (``villages.tenancy.regions_of``), or of the tenant-owned object
it points at (a page's gallery photo, a restriction on a page); what belongs to no region
(a site, a locale) makes every page stale.

The stamps are bumped once the transaction commits: bumped earlier, a request rendering the
old data in between would store it under the new stamps. Changes made in bulk with
``QuerySet.update()`` send no signal: their code calls ``changed()`` or ``changed_regions()``.
"""

from __future__ import annotations

import functools
import threading

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_unpublished, post_page_move

from villages.tenancy import is_tenant_owned, regions_of

from . import versions

# What public pages never show; their writes happen all day (sign-ins, renditions made while a
# page renders, autosaved drafts) and must not empty the cache.
IGNORED_APPS = {
    "admin",
    "auth",
    "axes",
    "contenttypes",
    "sessions",
    "taggit",  # tags are saved with their page, which is watched
    "wagtailadmin",
    "wagtailembeds",
    "wagtail_localize",  # translations reach the site when the translated page is published
    "wagtailsearch",
    "wagtailusers",
    "outbox",  # outgoing email: no public page shows it
}
IGNORED = {
    "assets.VillageRendition",
    "audit.RegionLogEntry",
    "editorial.ReminderLog",
    "letters.IssuedNumber",
    "letters.LetterSequence",
    "letters.RequestAttachment",
    "letters.RequestEvent",
    "villages.RegionApprovalTask",
    "villages.RegionGroup",
    "wagtailcore.APIToken",
    "wagtailcore.Comment",
    "wagtailcore.CommentReply",
    "wagtailcore.GroupApprovalTask",
    "wagtailcore.GroupCollectionPermission",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupSitePermission",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.PageLogEntry",
    "wagtailcore.PageSubscription",
    "wagtailcore.ReferenceIndex",
    "wagtailcore.Revision",
    "wagtailcore.Task",
    "wagtailcore.TaskState",
    "wagtailcore.UploadedFile",
    "wagtailcore.Workflow",
    "wagtailcore.WorkflowContentType",
    "wagtailcore.WorkflowPage",
    "wagtailcore.WorkflowState",
    "wagtailcore.WorkflowTask",
    "wagtailforms.FormSubmission",
    "wagtailimages.Rendition",
}

_pending = threading.local()


def watched(model) -> bool:
    meta = model._meta
    if meta.abstract or meta.proxy or not meta.managed:
        return False
    return meta.app_label not in IGNORED_APPS and meta.label not in IGNORED


@functools.cache
def _owner_fields(model) -> list:
    """The foreign keys through which a model that belongs to no region reaches ones that do
    (a photo of a page: its page, and its picture)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and is_tenant_owned(field.related_model)
    ]


def _items() -> dict:
    if not hasattr(_pending, "items"):
        _pending.items = {}
    return _pending.items


# Past this many objects changed in one transaction (an import), every page goes stale once
# instead: cheaper than finding thousands of regions, and memory stays flat.
MAX_PENDING = 1000


def _note(key, value) -> None:
    items = _items()
    if "global" in items and len(items) == 1 and key != "global":
        return  # everything goes stale anyway
    if key in items:
        return
    if len(items) >= MAX_PENDING:
        items.clear()
        key, value = "global", ("global", None)
    items[key] = value
    # One callback per new change; the first to run takes everything pending and the rest
    # find nothing. (A single callback could be lost with a savepoint rolled back.)
    transaction.on_commit(flush, robust=True)


def changed(obj) -> None:
    """Make stale every cached page that may show ``obj``."""
    model = type(obj)
    if is_tenant_owned(model):
        _note((model, obj.pk, getattr(obj, "path", None)), ("object", obj))
        return
    fields = _owner_fields(model)
    if not fields:
        _note("global", ("global", None))
        return
    for field in fields:
        value = getattr(obj, field.attname)
        if value is not None:
            _note((field.related_model, value), ("pk", (field.related_model, value)))


def changed_regions(codes) -> None:
    """Make stale the cached pages of these region codes (and the portals above them)."""
    for code in codes:
        _note(("code", code), ("code", code))


def discard_pending() -> None:
    """Forget what is pending (the tests, between two tests' transactions)."""
    _items().clear()


def flush() -> None:
    items = _items()
    if not items:
        return
    pending = list(items.values())
    items.clear()
    codes: set[str | None] = set()
    objects = []
    pks: dict = {}
    for kind, value in pending:
        if kind == "global":
            codes.add(None)
        elif kind == "code":
            codes.add(value)
        elif kind == "object":
            objects.append(value)
        else:
            model, pk = value
            pks.setdefault(model, set()).add(pk)
    for model, ids in pks.items():
        found = list(model._base_manager.filter(pk__in=ids))
        objects.extend(found)
        if len(found) < len(ids):
            codes.add(None)  # gone already: nobody can say whose it was
    if objects:
        for region in regions_of(objects).values():
            codes.add(region.code if region is not None else None)
    versions.bump(codes)


def _saved_or_deleted(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return  # fixtures loading
    changed(instance)


def _unpublished(sender, instance, **kwargs):
    changed(instance)


def _moved(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    changed(instance)
    for parent in (parent_page_before, parent_page_after):
        if parent is not None:
            changed(parent)


def connect_all() -> None:
    for model in apps.get_models():
        if watched(model):
            uid = f"pagecache:{model._meta.label}"
            post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=uid)
            post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=uid)
    page_unpublished.connect(_unpublished, dispatch_uid="pagecache:unpublished")
    post_page_move.connect(_moved, dispatch_uid="pagecache:moved")
