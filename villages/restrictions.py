"""Private pages checked in SQL, in constant time, instead of in Python over all restrictions.

Wagtail's ``PageQuerySet.public()`` (used by every listing, menu, feed, sitemap and the API)
loads every ``PageViewRestriction`` of the installation and ORs one path condition per
restriction into the query. On a province with thousands of villages, each private page in
any village makes every public listing of every other village slower and its SQL longer.

Here a page is private when a restriction exists on the page itself or on one of its
ancestors. The ancestors' paths are prefixes of the page's path, so the test is a handful of
equality lookups on the indexed ``path`` column, whatever the number of villages or
restrictions.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from wagtail.models import Page, PageViewRestriction

# Village home pages sit at depth 4, their content at 5 to 7. Deeper pages (standard pages
# nested many times) are still handled, by a slower prefix comparison for them alone.
MAX_DEPTH = 16


def restricted_q(outer_path: str = "path") -> Q:
    """True for a page (of the outer query) inside a private section, itself included."""
    steplen = Page.steplen
    same_or_ancestor = Q()
    for depth in range(1, MAX_DEPTH + 1):
        same_or_ancestor |= Q(page__path=Substr(OuterRef(outer_path), 1, depth * steplen))
    # Any restricted page whose path is a prefix of this page's path (scans restrictions).
    prefix = Q(page__path=Substr(OuterRef(outer_path), 1, Length("page__path")))
    restrictions = PageViewRestriction.objects
    return Q(Exists(restrictions.filter(same_or_ancestor))) | (
        Q(depth__gt=MAX_DEPTH) & Q(Exists(restrictions.filter(prefix)))
    )
