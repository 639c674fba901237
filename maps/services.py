"""Looking up a village's map from elsewhere (the home page preview)."""

from .models import MapPage


def map_page_for(village_page) -> MapPage | None:
    """The live, public map page of ``village_page`` with its points prefetched, or ``None``.

    Two queries whatever the size of the installation: the page (``public()`` checks view
    restrictions in the same query, see ``villages.restrictions``) and its points of
    interest.
    """
    if village_page is None or not village_page.path:
        return None
    return (
        MapPage.objects.child_of(village_page)
        .live()
        .public()
        .prefetch_related("points_of_interest")
        .order_by("path")
        .first()
    )
