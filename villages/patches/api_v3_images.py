"""API v3 image reads list only the images of the requesting village (or the token user's).

Replaces ``wagtail.images.api.v3.router.get_images_queryset`` (checked against Wagtail
8.0.1), which the v3 image list and detail call. Wagtail's version lists every image of every
village, to anonymous and token requests alike, and loads every collection view restriction
of the installation on each request. ``villages.api.v3_collection_items`` gives anonymous
requests the public images of the requesting site's collection tree, and token requests the
collections of the user's regions.

Wagtail 8.0's image router has no hook, setting or subclass point for this queryset: its view
functions are module-level and look this name up in the router module at request time. Writes
need no patch: Wagtail's actions check the collection permission policy.
"""

from wagtail.images import get_image_model

from ..api import v3_collection_items
from .base import Lazy, Patch


def get_images_queryset(request):
    return v3_collection_items(get_image_model(), request)


def _router():
    # Imported on install: it exists only once Wagtail's image and document apps are ready.
    from wagtail.images.api.v3 import router

    return router


PATCH = Patch(
    Lazy("wagtail.images.api.v3.router", _router),
    "get_images_queryset",
    get_images_queryset,
    "(request: django.http.request.HttpRequest)",
    app="wagtailapi_v3",
)
