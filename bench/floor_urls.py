"""The project's URLs plus one bare view, ``/_bench/floor/``: the benchmark's floor.

The bare view goes through the whole middleware stack (host routing resolves the village,
sessions, locale, security headers, the page cache's checks) and does nothing itself: no
database query of its own, no template. ``/healthz`` is no floor any more: it is answered
by the first middleware, before the stack.
"""

from django.http import HttpResponse
from django.urls import path

from cms.urls import urlpatterns as project_urlpatterns


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("_bench/floor/", floor), *project_urlpatterns]
