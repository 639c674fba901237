"""News queries other parts of the site reuse (the village home page, the regency portal)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from wagtail.images import get_image_model
from wagtail.models import Page

from villages.models import VillageHomePage
from villages.portal import VILLAGE_DEPTH_BELOW_REGENCY, village_pages_by_path

from .models import NewsPage

PORTAL_CARD_RENDITION = "fill-400x225|format-webp"


def latest_news(village_page, limit: int = 3) -> list[NewsPage]:
    """The newest live, public news items of one village, with their featured images (one query)."""
    return list(
        NewsPage.objects.descendant_of(village_page)
        .live()
        .public()
        .select_related("featured_image")
        .order_by("-date", "-first_published_at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class NewsCard:
    """A news item on the portal, with the village it comes from."""

    page: Page
    village: VillageHomePage | None


def latest_news_of_regency(regency_page, limit: int = 10) -> list[NewsCard]:
    """The newest live, public news of all villages of ``regency_page``, newest first.

    A fixed number of queries: the news, their images with renditions, their villages.
    """
    images = get_image_model().objects.prefetch_renditions(PORTAL_CARD_RENDITION)
    items = list(
        NewsPage.objects.live()
        .public()
        .descendant_of(regency_page)
        .defer_streamfields()
        .prefetch_related(Prefetch("featured_image", queryset=images))
        .order_by("-date", "-first_published_at", "-pk")[:limit]
    )
    village_depth = regency_page.depth + VILLAGE_DEPTH_BELOW_REGENCY
    villages = village_pages_by_path([item.path for item in items], village_depth)
    length = village_depth * Page.steplen
    return [NewsCard(page=item, village=villages.get(item.path[:length])) for item in items]
