"""Page URLs and site lookups whose cost does not grow with the number of sites.

Replaces, on ``wagtail.models.Site`` and ``wagtail.models.Page`` (checked against Wagtail
8.0.1):

- ``Site.get_site_root_paths`` and ``Site.clear_site_root_paths_cache``: Wagtail keeps one
  list of every site's root path, rebuilt with a query per site when its cache is cold;
- ``Page._get_site_root_paths`` and ``Page._get_relevant_site_root_paths``: every URL Wagtail
  builds scans that list;
- ``Page.get_url`` and ``Page.url``: Wagtail counts all sites to choose between a relative and
  an absolute URL (``url`` is a property bound to the original ``get_url`` at class creation,
  so it is replaced too).

The replacements are the dict-based index of ``villages.routing``: two queries per process
and version, then a few dict lookups per URL. Wagtail has no setting or hook for this, and
``get_url_parts`` (the supported override) only reaches our own page types, while menus,
listings and the admin build URLs from plain ``Page`` objects.
"""

from wagtail.models import Page, Site

from .. import routing
from .base import Patch

PATCHES = [
    Patch(Site, "get_site_root_paths", staticmethod(routing.all_site_root_paths), "()"),
    Patch(
        Site,
        "clear_site_root_paths_cache",
        staticmethod(routing.clear_site_root_paths_cache),
        "()",
    ),
    Patch(
        Page,
        "_get_site_root_paths",
        routing._site_root_paths,
        "(self, cache_object=None, **kwargs)",
    ),
    Patch(
        Page,
        "_get_relevant_site_root_paths",
        routing._relevant_site_root_paths,
        "(self, cache_object=None)",
    ),
    Patch(Page, "get_url", routing._get_url, "(self, request=None, current_site=None)"),
    Patch(Page, "url", property(routing._get_url), "(self, request=None, current_site=None)"),
]
