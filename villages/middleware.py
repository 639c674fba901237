"""Host routing and public caching."""

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from wagtail.models import Site


def find_site_for_host(request: HttpRequest) -> Site | None:
    """The site whose hostname is exactly the request's host; never a fallback.

    Wagtail falls back to the default site for unknown hosts, which would let a mistyped
    village address silently show some other village.
    """
    host = request.get_host().rsplit(":", 1)[0].lower().rstrip(".")
    port = request.get_port()
    # With its region: the footer's "last updated" line reads it (editorial.templatetags).
    matches = list(Site.objects.filter(hostname=host).select_related("root_page", "region"))
    if not matches:
        return None
    for site in matches:
        if str(site.port) == str(port):
            return site
    return matches[0]


class VillageSiteMiddleware:
    """Resolve the site by exact hostname; unknown hosts get a clear 404 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site = find_site_for_host(request)
        if site is None:
            if request.path.startswith(tuple(settings.VILLAGES_HOST_EXEMPT_PREFIXES)):
                # The admin and file serving answer on any allowed host.
                return self.get_response(request)
            return unknown_host_response(request)
        # Wagtail reads this attribute in Site.find_for_request(), so every later lookup
        # (page serving, settings, the API) sees the exact match.
        request._wagtail_site = site
        return self.get_response(request)


def unknown_host_response(request):
    portal = Site.objects.filter(is_default_site=True).first()
    response = render(
        request,
        "villages/unknown_host.html",
        {
            "host": request.get_host(),
            "portal_url": portal.root_url if portal else None,
            "title": _("Situs tidak ditemukan"),
        },
        status=404,
    )
    add_never_cache_headers(response)
    return response


class PublicCacheControlMiddleware:
    """Let shared caches keep anonymous public responses for a short while.

    Only anonymous GET/HEAD 200 responses of pages and the public API qualify, and only when
    nothing personal went into them (no CSRF token, no cookie set, no session touched).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._is_public(request, response):
            seconds = (
                settings.VILLAGES_API_CACHE_SECONDS
                if request.path.startswith("/api/")
                else settings.VILLAGES_PUBLIC_CACHE_SECONDS
            )
            patch_cache_control(response, public=True, max_age=seconds)
            # The page cache (pagecache.middleware) keeps only what this marks.
            response.public_page = not request.path.startswith("/api/")
            if request.path.startswith("/api/"):
                # A bearer token sees drafts; a shared cache must not hand it the public copy.
                patch_vary_headers(response, ["Authorization"])
        elif request.method in ("GET", "HEAD") and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response

    @staticmethod
    def _is_public(request, response) -> bool:
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return False
        if response.has_header("Cache-Control") or response.cookies:
            return False
        if request.path.startswith(tuple(settings.VILLAGES_HOST_EXEMPT_PREFIXES)):
            return False
        if request.META.get("HTTP_AUTHORIZATION"):
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            return False
        session = getattr(request, "session", None)
        return not (session is not None and session.accessed and not session.is_empty())
