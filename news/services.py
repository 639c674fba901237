"""News queries other parts of the site reuse (the village home page)."""

from .models import NewsPage


def latest_news(village_page, limit: int = 3) -> list[NewsPage]:
    """The newest live, public news items of one village, with their featured images (one query)."""
    return list(
        NewsPage.objects.descendant_of(village_page)
        .live()
        .public()
        .select_related("featured_image")
        .order_by("-date", "-first_published_at", "-pk")[:limit]
    )
