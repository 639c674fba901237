"""Template tags of the shared theme: the village's identity, menu and language links."""

from django import template
from django.conf import settings
from django.utils import translation

from wagtail.models import Page, Site

from villages.models import NavigationSettings, VillageIdentity

register = template.Library()


@register.simple_tag(takes_context=True)
def village_identity(context):
    request = context.get("request")
    if request is None or Site.find_for_request(request) is None:
        return None
    return VillageIdentity.for_request(request)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Menu items: the operator's navigation setting, else the site's sections in menus."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    navigation = NavigationSettings.for_request(request)
    items = []
    for block in navigation.main_menu:
        if block.block_type == "page":
            page = block.value["page"]
            if page is None or not page.live:
                continue
            page = page.localized
            items.append(
                {"title": block.value["title"] or page.title, "url": page.get_url(request)}
            )
        else:
            items.append({"title": block.value["title"], "url": block.value["url"]})
    if items:
        return items
    root = site.root_page.localized
    return [
        {"title": child.title, "url": child.get_url(request)}
        for child in root.get_children().live().public().in_menu()
    ]


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language the current page exists in."""
    page = context.get("page")
    request = context.get("request")
    current = translation.get_language()
    names = dict(settings.LANGUAGES)
    if not isinstance(page, Page):
        return []
    links = []
    for translated in page.get_translations(inclusive=True).live().select_related("locale"):
        code = translated.locale.language_code
        links.append(
            {
                "code": code,
                "name": names.get(code, code),
                "url": translated.get_url(request),
                "current": code == current,
            }
        )
    return sorted(
        links, key=lambda link: list(names).index(link["code"]) if link["code"] in names else 99
    )
