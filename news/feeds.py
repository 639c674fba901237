"""RSS 2.0 and Atom feeds of one village's news (served by ``NewsIndexPage``)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .models import FEED_ITEMS


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, obj):
        site = obj.get_site()
        home = site.root_page.title if site else ""
        return f"{obj.title} · {home}" if home else obj.title

    def link(self, obj):
        return obj.get_full_url(self.request)

    def description(self, obj):
        return obj.intro or obj.title

    def items(self, obj):
        return obj.news_items()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.published_datetime

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author_name or None

    def item_categories(self, item):
        return [c.name for c in item.categories.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
