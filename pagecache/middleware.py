"""Serve anonymous visitors a stored copy of a public page while nothing it shows changed.

The middleware sits after host routing and language selection, before sessions are read,
CSRF, authentication and the rest of the stack, so a hit costs two cache round trips in
all: one ``get_many`` for the entry and its version stamps (``versions``), nothing else.

What is stored: only what ``villages.middleware.PublicCacheControlMiddleware`` marks public,
which is a 200 answer to an anonymous GET/HEAD that set no cookie, used no CSRF token and
put nothing in a session. So previews and draft views (admin URLs), logged-in views, pages
with forms (their CSRF token) and private pages (a password form, or a redirect to the
login) are never stored. What is served: only to requests without a session or messages
cookie and without an ``Authorization`` header, so an editor, a visitor who passed a
page's password, or one who has a message waiting always gets the page rendered for them.

The key is the scheme, host, language and full path (the query string included); the entry
keeps the stamps it was rendered under, and is served only while they all still hold.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language

from . import versions

HEADER = "X-Page-Cache"


def site_region_code(site) -> str | None:
    try:
        region = site.region
    except Exception:  # noqa: BLE001  (RelatedObjectDoesNotExist: a site of no region)
        return None
    return region.code if region is not None else None


def entry_key(request) -> str:
    raw = "|".join(
        [request.scheme, request.get_host(), get_language() or "", request.get_full_path()]
    )
    return "pc:page:" + hashlib.sha256(raw.encode()).hexdigest()


def may_serve_cached(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "_wagtail_site", None) is None:
        return False
    if request.path.startswith(tuple(settings.PAGE_CACHE_EXEMPT_PREFIXES)):
        return False
    if request.META.get("HTTP_AUTHORIZATION"):
        return False
    cookies = request.COOKIES
    return not any(name in cookies for name in settings.PAGE_CACHE_BYPASS_COOKIES)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED or not may_serve_cached(request):
            return self.get_response(request)
        cache = versions.cache()
        key = entry_key(request)
        stamp_keys = versions.keys_for_region(site_region_code(request._wagtail_site))
        found = cache.get_many([key, *stamp_keys])
        stamps = versions.ensure(stamp_keys, found)
        entry = found.get(key)
        if entry is not None and entry["stamps"] == stamps:
            return self._from_entry(request, entry)
        response = self.get_response(request)
        if getattr(response, "public_page", False) and not response.streaming:
            entry = self._entry(request, response, stamps)
            cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            response["ETag"] = entry["etag"]
        response[HEADER] = "miss"
        return response

    @staticmethod
    def _entry(request, response, stamps) -> dict:
        content = response.content
        return {
            "stamps": stamps,
            "status": response.status_code,
            "headers": [(k, v) for k, v in response.items() if k.lower() != "etag"],
            "content": content,
            "etag": f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"',
            # The page's inline scripts and style carry this nonce: the CSP middleware
            # (outside this one) must write the same into the header of every copy.
            "nonce": getattr(request, "_csp_nonce", None),
            "stored": time.time(),
        }

    @staticmethod
    def _from_entry(request, entry) -> HttpResponse:
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["ETag"] = entry["etag"]
        response["Age"] = str(max(0, int(time.time() - entry["stored"])))
        response[HEADER] = "hit"
        if entry["nonce"] is not None:
            # django-csp builds the header from this attribute (fenced by
            # tests/pagecache/test_serving.py::test_a_hit_keeps_the_nonce_of_its_page).
            request._csp_nonce = entry["nonce"]
        return get_conditional_response(request, etag=entry["etag"], response=response)
