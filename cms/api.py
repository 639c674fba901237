"""API routers: Wagtail API v2 (read-only) and v3 (read and write, bearer tokens)."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v3.urls import api as api_v3

from villages.api import VillageDocumentsAPIViewSet, VillageImagesAPIViewSet, VillagePagesAPIViewSet

api_v2 = WagtailAPIRouter("wagtailapi")
api_v2.register_endpoint("pages", VillagePagesAPIViewSet)
api_v2.register_endpoint("images", VillageImagesAPIViewSet)
api_v2.register_endpoint("documents", VillageDocumentsAPIViewSet)

__all__ = ["api_v2", "api_v3"]
