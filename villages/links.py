"""Links an operator puts in menus and quick links, as residents get to see them.

A link block may point at a page of the village itself or at another village's public page
(``villages.tenancy.references`` refuses anything else when the link is saved). What was
public when it was saved may not be later: a page unpublished or put behind a login since.
So at render time a page link is shown only while its page is live and open to everyone —
one query for all the links of a menu, whatever their number.
"""

from __future__ import annotations

from wagtail.models import Page


def shown_links(stream, request) -> list[dict]:
    """``title``/``url`` of the links of a ``page``/``external`` link stream that may be shown."""
    pages = [
        block.value["page"]
        for block in stream
        if block.block_type == "page" and block.value["page"] is not None
    ]
    public = (
        set(
            Page.objects.filter(pk__in=[p.pk for p in pages])
            .live()
            .public()
            .values_list("pk", flat=True)
        )
        if pages
        else set()
    )
    links = []
    for block in stream:
        if block.block_type == "page":
            page = block.value["page"]
            if page is None or page.pk not in public:
                continue
            page = page.localized
            links.append(
                {"title": block.value["title"] or page.title, "url": page.get_url(request)}
            )
        else:
            links.append({"title": block.value["title"], "url": block.value["url"]})
    return links
