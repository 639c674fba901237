"""Looking up a village's map from elsewhere (the home page preview)."""

from django.db.models import Exists, OuterRef, Q

from wagtail.models import Page, PageViewRestriction

from .models import MapPage


def map_page_for(village_page) -> MapPage | None:
    """The live, public map page of ``village_page`` with its points prefetched, or ``None``.

    Two queries whatever the size of the installation: the page (with the view-restriction
    check folded in as a subquery over this village's own ancestry only, unlike
    ``PageQuerySet.public()``, which loads every restriction of the installation) and its
    points of interest.
    """
    if village_page is None or not village_page.path:
        return None
    ancestry = [
        village_page.path[:end]
        for end in range(Page.steplen, len(village_page.path) + 1, Page.steplen)
    ]
    restricted = PageViewRestriction.objects.filter(
        Q(page__path__in=ancestry) | Q(page_id=OuterRef("pk"))
    )
    return (
        MapPage.objects.child_of(village_page)
        .live()
        .filter(~Exists(restricted))
        .prefetch_related("points_of_interest")
        .order_by("path")
        .first()
    )
