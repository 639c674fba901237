"""What the village home page shows, gathered from the village's own sections.

Every block comes from content: a section with nothing published shows nothing, so a new
village's home page is short rather than full of empty boxes. Each source costs a fixed
number of queries, so the home page's cost does not grow with the amount of content or the
number of villages.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class HomeContent:
    announcements: list = field(default_factory=list)
    news: list = field(default_factory=list)
    events: list = field(default_factory=list)
    products: list = field(default_factory=list)
    news_url: str = ""
    figures: list = field(default_factory=list)
    quick_links: list = field(default_factory=list)


def key_figures(village_page) -> list[dict]:
    """The operator's key figures, else those the profile page already holds."""
    figures = [
        {"label": block.value["label"], "value": block.value["value"], "unit": block.value["unit"]}
        for block in village_page.key_figures
    ]
    if figures:
        return figures
    from home.services import profile_figures

    return profile_figures(village_page)


def quick_links(village_page, request) -> list[dict]:
    """The operator's quick links; without them, the village's sections."""
    links = []
    for block in village_page.quick_links:
        if block.block_type == "page":
            page = block.value["page"]
            if page is None or not page.live:
                continue
            links.append(
                {"title": block.value["title"] or page.title, "url": page.get_url(request)}
            )
        else:
            links.append({"title": block.value["title"], "url": block.value["url"]})
    if links:
        return links
    return [
        {"title": child.title, "url": child.get_url(request)}
        for child in village_page.get_children().live().public().in_menu()
    ]


def home_content(village_page, request) -> HomeContent:
    from events.services import current_announcements, upcoming_events
    from news.services import latest_news
    from products.services import featured_products

    news = latest_news(village_page, limit=3)
    return HomeContent(
        news_url=news[0].get_parent().get_url(request) if news else "",
        announcements=current_announcements(village_page, limit=3),
        news=news,
        events=upcoming_events(village_page, limit=3),
        products=featured_products(village_page, limit=4),
        figures=key_figures(village_page),
        quick_links=quick_links(village_page, request),
    )
