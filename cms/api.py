"""API routers: Wagtail API v2 (read-only) and v3 (read and write, bearer tokens).

Both are scoped to the requesting village: v2 through the viewsets of ``villages.api``, v3 by
the patches ``villages.patches.api_v3_*`` (Wagtail 8.0's v3 routers have no hook for their
querysets), installed by ``villages.api_v3.WagtailAPIV3Config``. ``api_errors`` adds clear
4xx answers through django-ninja's extension points; it must run before ``api_v3.urls`` is
built (the URLconf imports this module first).
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v3.urls import api as api_v3

from opendata.api import DataAPIViewSet
from opendata.api_v3 import router as data_router_v3
from villages.api import VillageDocumentsAPIViewSet, VillageImagesAPIViewSet, VillagePagesAPIViewSet

from . import api_errors

api_v2 = WagtailAPIRouter("wagtailapi")
api_v2.register_endpoint("pages", VillagePagesAPIViewSet)
api_v2.register_endpoint("images", VillageImagesAPIViewSet)
api_v2.register_endpoint("documents", VillageDocumentsAPIViewSet)
api_v2.register_endpoint("data", DataAPIViewSet)

# Village data (read and write), before ``api_v3.urls`` is built.
api_v3.add_router("/data/", data_router_v3)

# Clear 4xx answers where Wagtail's v3 routers would end in a 500 (before ``api_v3.urls``).
api_errors.install(api_v3)

__all__ = ["api_v2", "api_v3"]
