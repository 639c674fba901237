"""Anonymous API v3 page reads list only the requesting village's public pages.

Replaces ``wagtail.api.v3.querysets.get_public_pages_queryset`` (checked against Wagtail
8.0.1), which ``get_pages_queryset`` calls for every anonymous page read (list, detail, find
and the ``child_of``/``ancestor_of`` filters). Wagtail's version accepts a ``?site=`` naming
any other site, so one village's API listed another's pages, and it loads every page view
restriction of the installation on each request. ``villages.api.public_pages_for_request``
takes the requesting site's own tree (every language) and only the restrictions on or above
it; a ``?site=`` naming another site raises ValueError, which ``get_pages_queryset`` turns
into a 400.

Wagtail 8.0's v3 routers have no hook, setting or subclass point for this queryset: the
router functions are module-level and call ``get_pages_queryset``, which looks this name up
in its module at request time. Token (authenticated) reads need no patch: they go through
the page permission policy, which provisioning's permissions limit to the user's region.
"""

from wagtail.models import Page

from ..api import public_pages_for_request
from .base import Lazy, Patch


def get_public_pages_queryset(request, model=Page):
    return public_pages_for_request(request, model)


def _querysets():
    # Imported on install: it exists only once Wagtail's image and document apps are ready.
    from wagtail.api.v3 import querysets

    return querysets


PATCH = Patch(
    Lazy("wagtail.api.v3.querysets", _querysets),
    "get_public_pages_queryset",
    get_public_pages_queryset,
    "(request, model=<class 'wagtail.models.Page'>)",
    app="wagtailapi_v3",
)
