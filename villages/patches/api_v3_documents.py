"""API v3 document reads list only the documents of the requesting village (or the token
user's).

Replaces ``wagtail.documents.api.v3.router.get_documents_queryset`` (checked against Wagtail
8.0.1), which the v3 document list and detail call. Wagtail's version lists every document of
every village, to anonymous and token requests alike (private documents excepted), and loads
every collection view restriction of the installation on each request.
``villages.api.v3_collection_items`` gives anonymous requests the public documents of the
requesting site's collection tree, and token requests the collections of the user's regions.

Wagtail 8.0's document router has no hook, setting or subclass point for this queryset: its
view functions are module-level and look this name up in the router module at request time.
Writes need no patch: Wagtail's actions check the collection permission policy.
"""

from wagtail.documents import get_document_model

from ..api import v3_collection_items
from .base import Lazy, Patch


def get_documents_queryset(request):
    return v3_collection_items(get_document_model(), request)


def _router():
    # Imported on install: it exists only once Wagtail's image and document apps are ready.
    from wagtail.documents.api.v3 import router

    return router


PATCH = Patch(
    Lazy("wagtail.documents.api.v3.router", _router),
    "get_documents_queryset",
    get_documents_queryset,
    "(request: django.http.request.HttpRequest)",
    app="wagtailapi_v3",
)
