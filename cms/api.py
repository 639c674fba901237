"""API routers: Wagtail API v2 (read-only) and v3 (read and write, bearer tokens).

Both are scoped to the requesting village: v2 through the viewsets of ``villages.api``, v3 by
``villages.api_v3.install()``, which must run before the v3 API serves a request (this module
is imported by the URLconf, so it does).
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v3.urls import api as api_v3

from villages import api_v3 as village_api_v3
from villages.api import VillageDocumentsAPIViewSet, VillageImagesAPIViewSet, VillagePagesAPIViewSet

from . import api_errors

api_v2 = WagtailAPIRouter("wagtailapi")
api_v2.register_endpoint("pages", VillagePagesAPIViewSet)
api_v2.register_endpoint("images", VillageImagesAPIViewSet)
api_v2.register_endpoint("documents", VillageDocumentsAPIViewSet)

village_api_v3.install()
# Clear 4xx answers where Wagtail's v3 routers would end in a 500 (before ``api_v3.urls``).
api_errors.install(api_v3)

__all__ = ["api_v2", "api_v3"]
