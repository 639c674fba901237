"""Site-root lookup whose cost does not grow with the number of sites.

Wagtail keeps one list of every site's root path and scans it for each URL it builds; with
thousands of villages (and their translations) that list is large and is also rebuilt with a
query per site. Here the root paths live in a dict keyed by url_path, built in two queries
once per process and rebuilt only when a shared version stamp in the cache changes. A page
URL then costs a handful of dict lookups (one per ancestor), whatever the number of sites.
"""

from __future__ import annotations

import contextlib
import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from wagtail.models import Page, Site, SiteRootPath

VERSION_CACHE_KEY = "villages:site-root-index:version"


class SiteRootIndex:
    def __init__(self):
        self._lock = threading.Lock()
        self._version: str | None = None
        self._by_path: dict[str, tuple[SiteRootPath, ...]] = {}
        self._all: list[SiteRootPath] = []

    # -- versioning -------------------------------------------------------------------
    def current_version(self) -> str:
        version = cache.get(VERSION_CACHE_KEY)
        if version is None:
            cache.add(VERSION_CACHE_KEY, uuid.uuid4().hex, None)
            version = cache.get(VERSION_CACHE_KEY) or "unversioned"
        return version

    def invalidate(self) -> None:
        """Mark every process's index stale (called when sites or site roots change)."""
        cache.set(VERSION_CACHE_KEY, uuid.uuid4().hex, None)

    def _ensure(self, version: str) -> None:
        if version == self._version:
            return
        with self._lock:
            if version != self._version:
                self._build()
                self._version = version

    def _build(self) -> None:
        i18n = getattr(settings, "WAGTAIL_I18N_ENABLED", False)
        sites = list(
            Site.objects.order_by("-is_default_site", "hostname").values(
                "pk", "hostname", "port", "root_page_id", "root_page__translation_key"
            )
        )
        if i18n:
            keys = {s["root_page__translation_key"] for s in sites}
            roots = Page.objects.filter(translation_key__in=keys)
            filter_field = "translation_key"
        else:
            roots = Page.objects.filter(pk__in=[s["root_page_id"] for s in sites])
            filter_field = "pk"
        by_key: dict = {}
        for row in roots.values("pk", "url_path", "translation_key", "locale__language_code"):
            by_key.setdefault(row[filter_field], []).append(row)

        by_path: dict[str, list[SiteRootPath]] = {}
        all_paths: list[SiteRootPath] = []
        for site in sites:
            root_url = _root_url(site["hostname"], site["port"])
            key = site["root_page__translation_key"] if i18n else site["root_page_id"]
            for row in by_key.get(key, []):
                srp = SiteRootPath(
                    site["pk"], row["url_path"], root_url, row["locale__language_code"]
                )
                by_path.setdefault(row["url_path"], []).append(srp)
                all_paths.append(srp)
        all_paths.sort(key=lambda srp: srp.root_path, reverse=True)
        self._by_path = {path: tuple(values) for path, values in by_path.items()}
        self._all = all_paths

    # -- lookups ----------------------------------------------------------------------
    def for_cache_object(self, cache_object=None) -> SiteRootIndex:
        """Check the version at most once per request (or other cache object)."""
        if cache_object is not None:
            version = getattr(cache_object, "_village_site_index_version", None)
            if version is None:
                version = self.current_version()
                with contextlib.suppress(AttributeError):
                    cache_object._village_site_index_version = version
        else:
            version = self.current_version()
        self._ensure(version)
        return self

    def most_specific(self, url_path: str) -> tuple[SiteRootPath, ...]:
        """Root paths of the deepest site containing ``url_path`` (one per host alias)."""
        by_path = self._by_path
        end = len(url_path)
        while end > 0:
            found = by_path.get(url_path[:end])
            if found:
                return found
            end = url_path.rfind("/", 0, end - 1) + 1
        return ()

    def all(self) -> list[SiteRootPath]:
        return list(self._all)


def _root_url(hostname: str, port: int) -> str:
    if port == 80:
        return f"http://{hostname}"
    if port == 443:
        return f"https://{hostname}"
    return f"http://{hostname}:{port}"


site_root_index = SiteRootIndex()


def all_site_root_paths() -> list[SiteRootPath]:
    """Drop-in for ``Site.get_site_root_paths`` built from the index (two queries, not N)."""
    return site_root_index.for_cache_object(None).all()


def clear_site_root_paths_cache() -> None:
    site_root_index.invalidate()


# -- Page URL methods -------------------------------------------------------------------
# Installed on wagtail.models.Page itself (see install()), so every page object gets them:
# the specific types and the plain Page objects that listings, menus and the admin use.


def _site_root_paths(self, cache_object=None, **kwargs):
    return all_site_root_paths()


def _relevant_site_root_paths(self, cache_object=None):
    """The deepest site containing the page: a village page inside the regency portal's tree
    still gets its own village host, never the portal's path to it."""
    return site_root_index.for_cache_object(cache_object).most_specific(self.url_path)


def _get_url(self, request=None, current_site=None):
    # Wagtail's version counts all sites to decide between a relative and an absolute URL;
    # here a URL is relative exactly when the page is on the current site.
    if current_site is None and isinstance(request, HttpRequest):
        current_site = Site.find_for_request(request)
    url_parts = self.get_url_parts(request=request)
    if url_parts is None or (url_parts[1] is None and url_parts[2] is None):
        return None
    site_id, root_url, page_path = url_parts
    if current_site is not None and site_id == current_site.pk:
        return page_path
    return root_url + page_path
