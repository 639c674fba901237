"""The news section (/berita/) as it registers with ``villages.sections``."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from villages.sections import Block, FeedLink, Provision, Section

from . import demo
from .models import NewsIndexPage
from .services import latest_news, latest_news_of_regency

HOME_NEWS = 3
PORTAL_NEWS = 10


def home_news(village_page, request):
    news = latest_news(village_page, limit=HOME_NEWS)
    if not news:
        return None
    return {"news": news, "news_url": news[0].get_parent().get_url(request)}


def portal_news(regency_page, request):
    # Shown even when empty: the portal says there is no news yet.
    return {"latest_news": latest_news_of_regency(regency_page, limit=PORTAL_NEWS)}


def feed_links(request, site, site_name) -> list[FeedLink]:
    """The RSS feed of the site's news section in the current language (none without one)."""
    # All translations of the site's news section in one query; the Indonesian one (a child
    # of the site root) is the fallback when the section is not translated.
    candidates = list(
        NewsIndexPage.objects.live()
        .public()
        .filter(
            translation_key__in=NewsIndexPage.objects.child_of(site.root_page).values(
                "translation_key"
            )
        )
        .select_related("locale")
    )
    if not candidates:
        return []
    current = translation.get_language()
    index = next(
        (c for c in candidates if c.locale.language_code == current),
        next((c for c in candidates if c.locale_id == site.root_page.locale_id), candidates[0]),
    )
    return [
        FeedLink(
            url=index.get_url(request) + index.reverse_subpage("rss_feed"),
            title=gettext("Berita %(site)s") % {"site": site_name},
            label=gettext("Berita lewat RSS"),
        )
    ]


NEWS = Section(
    slug="berita",
    page_model="news.NewsIndexPage",
    order=30,
    provision=Provision(_("Berita")),
    home_block=Block("news/includes/home_news.html", home_news, order=40),
    portal_block=Block("news/includes/portal_news.html", portal_news, order=10),
    feed_links=feed_links,
    demo=demo.populate,
    # Scoped to the operator's own village by news.wagtail_hooks.
    operator_permissions=(
        "news.add_newscategory",
        "news.change_newscategory",
        "news.delete_newscategory",
    ),
)
