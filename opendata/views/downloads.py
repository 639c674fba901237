"""``<data page>/data.csv|json|xlsx``: the downloads below each public data page.

Wagtail's own page URLs end in a slash and take no dot, so the downloads have a URL pattern
of their own (``cms/urls.py``, before Wagtail's): the site is the request's host, the page
the path below its root page, as Wagtail would route it. Only live, public data pages.
"""

from django.http import Http404

from wagtail.models import Site

from .. import exports
from ..models.pages import DataPage


def download(request, page_path: str, fmt: str):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in page_path.split("/") if part]
    root = site.root_page.localized.specific
    result = root.route(request, components)  # Http404 when no page is there
    page = result[0].specific
    if not isinstance(page, DataPage) or not page.live or page.get_view_restrictions().exists():
        raise Http404
    return exports.download(page, request, fmt)
