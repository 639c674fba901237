"""Scope Wagtail's API v3 (django-ninja) to the requesting village.

Wagtail 8's v3 routers take their read querysets from module-level functions that look at
the whole installation:

- ``wagtail.api.v3.querysets.get_public_pages_queryset`` (anonymous page reads) accepts a
  ``?site=`` naming any other site, and loads every page view restriction of the
  installation on each request;
- ``wagtail.images.api.v3.router.get_images_queryset`` and its documents twin list every
  image/document of every village (to anonymous and token users alike).

The routers offer no hook or setting to replace them, so ``install()`` points those three
module attributes at the village-scoped querysets of ``villages.api``. The routers look the
names up when a request comes in, so replacing the attributes is enough. Writes need no
patch: Wagtail's actions check the page/collection permission policies, which already limit
an operator to their own village (the API tests prove it).

Authenticated (bearer token) page reads keep Wagtail's tier: the pages the user may change
or publish, which the page permissions granted by provisioning limit to their own region.

``install()`` runs when ``cms.api`` (the URLconf's API module) is imported, i.e. before any
API request is served. It cannot run from ``VillagesConfig.ready()``: ``villages`` is listed
before ``wagtail.images`` and ``wagtail.documents``, and their v3 router modules can only be
imported after those apps' own ``ready()`` registered their schemas.
"""

from http import HTTPStatus

from wagtail.api.v3.apps import WagtailAPIV3AppConfig

from ninja.errors import HttpError


def public_pages_queryset(request, model=None):
    """Replacement for ``get_public_pages_queryset``; a foreign ``?site=`` raises ValueError,
    which Wagtail's ``get_pages_queryset`` turns into a 400 response."""
    from wagtail.models import Page

    from .api import public_pages_for_request

    return public_pages_for_request(request, model or Page)


def _collection_items(model, request):
    from .api import collection_items_for_request

    queryset = model.objects.prefetch_related("tags").order_by("id")
    try:
        return collection_items_for_request(queryset, request)
    except ValueError as exc:  # ?site= names another site
        raise HttpError(HTTPStatus.BAD_REQUEST, str(exc)) from exc


def images_queryset(request):
    """Replacement for ``wagtail.images.api.v3.router.get_images_queryset``."""
    from wagtail.images import get_image_model

    return _collection_items(get_image_model(), request)


def documents_queryset(request):
    """Replacement for ``wagtail.documents.api.v3.router.get_documents_queryset``."""
    from wagtail.documents import get_document_model

    return _collection_items(get_document_model(), request)


def install() -> None:
    """Point Wagtail's v3 read querysets at the village-scoped ones (idempotent)."""
    from wagtail.api.v3 import querysets
    from wagtail.documents.api.v3 import router as documents_router
    from wagtail.images.api.v3 import router as images_router

    # Patched because Wagtail has no extension point for these querysets; see the module
    # docstring. ``get_pages_queryset`` calls this name for anonymous requests.
    querysets.get_public_pages_queryset = public_pages_queryset
    images_router.get_images_queryset = images_queryset
    documents_router.get_documents_queryset = documents_queryset


class WagtailAPIV3Config(WagtailAPIV3AppConfig):
    """Wagtail's API v3 app (``wagtail.api.v3``), installing the API v3 patches when ready.

    Listed in INSTALLED_APPS instead of ``"wagtail.api.v3"`` (same name and label). Its
    ready() runs after ``wagtail.images``, ``wagtail.documents`` and ``wagtail.snippets`` have
    added their v3 routers, which the API v3 patches replace attributes of; ``villages`` is
    listed first and cannot patch them from its own ready().
    """

    def ready(self):
        super().ready()
        from . import patches

        patches.install(self.label)
