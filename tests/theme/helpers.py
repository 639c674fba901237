"""Read the tags of a rendered page the way a crawler does."""

from html.parser import HTMLParser


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def tags(html: str, tag_name: str, **attrs) -> list[dict[str, str]]:
    """Attributes of every ``<tag_name>`` tag whose attributes include ``attrs``."""
    parser = TagCollector()
    parser.feed(html)
    return [
        found
        for tag, found in parser.tags
        if tag == tag_name and all(found.get(key) == value for key, value in attrs.items())
    ]


def meta(html: str, key: str) -> str | None:
    """Content of ``<meta property=key>`` or ``<meta name=key>`` (None when absent)."""
    for found in tags(html, "meta"):
        if key in (found.get("property"), found.get("name")):
            return found.get("content")
    return None


def link_href(html: str, rel: str, **attrs) -> list[str]:
    return [found["href"] for found in tags(html, "link", rel=rel, **attrs)]
