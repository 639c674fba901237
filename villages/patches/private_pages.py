"""Private pages checked in SQL, in constant time, instead of over every restriction.

Replaces ``wagtail.query.PageQuerySet.private_q`` (checked against Wagtail 8.0.1), behind
``public()``, ``not_public()`` and ``private()``. Wagtail's version loads every
``PageViewRestriction`` of the installation and ORs one path condition per restriction into
every public listing, menu, feed, sitemap and API query: each private page in any village
makes every other village slower. ``villages.restrictions.restricted_q`` asks instead whether
a restriction exists on the page or one of its ancestors (a handful of equality lookups on
the indexed path). Wagtail has no setting or hook for this.
"""

from wagtail.query import PageQuerySet

from ..restrictions import restricted_q
from .base import Patch


def private_q(self):
    return restricted_q()


PATCH = Patch(PageQuerySet, "private_q", private_q, "(self)")
