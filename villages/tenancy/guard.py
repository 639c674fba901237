"""Every admin URL that names an object by id is refused when the object is not the user's.

Wagtail's admin views load objects by the ids in their URLs (``/admin/pages/<page_id>/``,
``/admin/snippets/<app>/<model>/edit/<pk>/``, ``/admin/images/<image_id>/``…) and in bulk
actions' querystrings (``/admin/bulk/<app>/<model>/<action>/?id=…``). Many of them check a
permission only for the model, or name the object in a confirmation or an error before any
check. Instead of scoping each view, this middleware (Django's ``process_view``, a supported
extension point) looks at every admin request before its view runs: each id it finds that
belongs to a tenant-owned model (``villages.tenancy.registry``) must be one the user may see
(``villages.tenancy.ownership.visible``), or the answer is 404, as if the object did not
exist. A view added later, by Wagtail or by a new app, is covered without anyone listing it.

Ids are recognised by:
- the view's own model (``view_initkwargs["model"]`` or ``view_class.model``) and primary
  key argument (``pk_url_kwarg``, ``pk``);
- ``app_label``/``model_name`` arguments naming the model (bulk actions, wagtail-localize);
- argument names that always mean one model (``ID_ARGUMENTS``: ``page_id``, ``image_id``…);
- the ids a bulk action or a chooser's "chosen-multiple" view acts on (``?id=``; pages for
  views that declare no model, like the page chooser) and the page a bulk action lists
  (``?childOf=``).
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from . import context
from .ownership import unseen_ids
from .registry import ownership_of

BULK_ACTION_URL_NAME = "wagtail_bulk_action"
# Platform-wide views that name every region's content at once: for superusers only.
# (Page counts and the last edited page of every type across all villages, every site as a
# filter: a platform report, refused rather than rewritten.)
SUPERUSER_ONLY_URL_NAMES = {
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
}


@cache
def id_arguments() -> dict[str, type]:
    """URL arguments that always hold the id of one model, whatever the view."""
    from wagtail.models import TaskState, WorkflowState
    from wagtail_localize.models import Translation, TranslationSource

    return {
        "page_id": Page,
        "page_pk": Page,
        "parent_page_id": Page,
        "page_to_move_id": Page,
        "destination_id": Page,
        "viewed_page_id": Page,
        "image_id": get_image_model(),
        "document_id": get_document_model(),
        "collection_id": Collection,
        "translation_id": Translation,
        "translation_source_id": TranslationSource,
        "task_state_id": TaskState,
        "workflow_state_id": WorkflowState,
    }


# Pages and collections above the user's own stay reachable: the admin navigates down from
# the tree root through the regency and the district to the village.
NAVIGABLE = (Page, Collection)


@cache
def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def _view_model(view_func, kwargs):
    if "app_label" in kwargs and "model_name" in kwargs:
        try:
            return apps.get_model(kwargs["app_label"], kwargs["model_name"])
        except (LookupError, ValueError):
            return None
    initkwargs = getattr(view_func, "view_initkwargs", None) or {}
    # Django's class-based views carry ``view_class``; Django REST framework's (the admin
    # API, wagtail-localize's) carry ``cls``.
    view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
    return initkwargs.get("model") or getattr(view_class, "model", None)


def named_ids(request, view_func, kwargs) -> list[tuple[type, list[str]]]:
    """The (model, ids) pairs an admin request names."""
    found: list[tuple[type, list[str]]] = []
    model = _view_model(view_func, kwargs)
    view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
    pk_argument = getattr(view_class, "pk_url_kwarg", "pk")
    if model is not None:
        for name in {pk_argument, "pk"}:
            if name in kwargs:
                found.append((model, [unquote(str(kwargs[name]))]))
    for name, value in kwargs.items():
        target = id_arguments().get(name)
        if target is not None:
            found.append((target, [str(value)]))
    # Bulk actions and the choosers' "chosen-multiple" views take their ids as ?id=….
    ids = [i for i in request.GET.getlist("id") if i != "all"]
    if model is None:
        # Wagtail's page views declare no model (the page chooser's "chosen" view reads its
        # pages from ?id=): their numeric ids are pages. Other ids (a block preview's block
        # id) name no object.
        page_ids = [i for i in ids if i.isdigit()]
        if page_ids:
            found.append((Page, page_ids))
        return found
    if ids:
        found.append((model, ids))
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name == BULK_ACTION_URL_NAME:
        parent = request.GET.get("childOf")
        if parent:
            found.append((Page if issubclass(model, Page) else Collection, [parent]))
    return found


def refused_ids(request, view_func, kwargs) -> list[tuple[type, set]]:
    """The ids named by the request that the user may not see, by model."""
    refused = []
    for model, ids in named_ids(request, view_func, kwargs):
        if ownership_of(model) is None:
            continue
        navigable = issubclass(model, NAVIGABLE)
        unseen = unseen_ids(request.user, model, ids, with_ancestors=navigable)
        if unseen:
            refused.append((model, unseen))
    return refused


class AdminObjectGuardMiddleware:
    """404 for any admin request naming an object outside the user's regions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(admin_prefix()):
            return self.get_response(request)
        # Chooser widgets render with no request; they read the user from here.
        token = context.set_admin_user(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            context.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_superuser:
            return None
        if not request.path.startswith(admin_prefix()):
            return None
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name in SUPERUSER_ONLY_URL_NAMES:
            raise PermissionDenied
        if refused_ids(request, view_func, view_kwargs):
            raise Http404
        return None
