"""Public, non-page views of every site: robots.txt."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation

from wagtail.models import Site

# Never worth crawling: the admin, the API and search results (endless query variations).
DISALLOWED_PREFIXES = ["/admin/", "/api/"]
SITEMAP_PATH = "/sitemap.xml"  # cms/urls.py serves Wagtail's per-site sitemap there


def search_paths() -> list[str]:
    """The search page's path in every language (``/cari/``, ``/en/cari/``)."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("search"))
    return list(dict.fromkeys(paths))


def robots_txt(request):
    """Crawl rules of the requesting site, pointing at that site's own sitemap."""
    site = Site.find_for_request(request)
    if site is None:
        # The host middleware already answers unknown hosts; this guards direct calls.
        raise Http404
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in DISALLOWED_PREFIXES + search_paths()]
    lines += ["", f"Sitemap: {site.root_url}{SITEMAP_PATH}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
