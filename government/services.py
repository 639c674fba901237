"""Government queries other apps use: the home page's officials, the news form's institutions."""

from django.db.models import Q
from django.utils import timezone

from villages.models import VillageHomePage

from .models import GovernmentIndexPage, InstitutionPage, Official


def village_officials(village_page, limit: int | None = None) -> list[Official]:
    """The officials in office of the village's government section, in the operators' order
    (the head of village first), at most ``limit`` of them.

    One query for the officials and their photos, plus one for the photos' renditions so
    that rendering each photo costs no further query. Nothing when the section is
    unpublished or has a view restriction of its own (restrictions above it cover the
    page that asks, so the visitor has passed them already).
    """
    sections = (
        GovernmentIndexPage.objects.child_of(village_page)
        .live()
        .filter(view_restrictions__isnull=True)
    )
    year = timezone.localdate().year
    officials = (
        Official.objects.filter(page__in=sections)
        .filter(Q(period_end__isnull=True) | Q(period_end__gte=year))
        .select_related("photo")
        .prefetch_related("photo__renditions")
        .order_by("sort_order", "pk")
    )
    return list(officials[:limit] if limit is not None else officials)


def institutions_for_page(page):
    """The live institutions of the village ``page`` belongs to, in ``page``'s language:
    what a news item of that village may name as its institution."""
    village = (
        VillageHomePage.objects.ancestor_of(page, inclusive=True).first()
        if page is not None
        else None
    )
    if village is None:
        return InstitutionPage.objects.none()
    return InstitutionPage.objects.descendant_of(village).live().order_by("title")
