"""Template tags of the shared theme: the village's identity, menu and language links."""

from django import template
from django.conf import settings

from wagtail.models import Site

from villages import seo
from villages.links import shown_links
from villages.models import NavigationSettings, VillageIdentity

register = template.Library()


@register.simple_tag(takes_context=True)
def village_identity(context):
    """The identity settings (name, logo, colours, contacts) of the request's site."""
    request = context.get("request")
    if request is None or Site.find_for_request(request) is None:
        return None
    return VillageIdentity.for_request(request)


def menu_state(url: str, path: str) -> str:
    """``page`` for the link to the current page, ``true`` for the section holding it.

    A home page (``/``, ``/en/``) holds every page, so it is only ever current itself.
    """
    if url == path:
        return "page"
    home_urls = {"/"} | {f"/{code}/" for code, _name in settings.LANGUAGES}
    if url.startswith("/") and url not in home_urls and path.startswith(url):
        return "true"
    return ""


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Menu items: the operator's navigation setting, else the site's sections in menus.

    Each item has ``title``, ``url`` and ``current`` (the value for ``aria-current``, or '').
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    items = shown_links(NavigationSettings.for_request(request).main_menu, request)
    if not items:
        root = site.root_page.localized
        items = [
            {"title": child.title, "url": child.get_url(request)}
            for child in root.get_children().live().public().in_menu()
        ]
    for item in items:
        item["current"] = menu_state(item["url"] or "", request.path)
    return items


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language the current page exists in (``code``, ``name``, ``url``...)."""
    return seo.language_versions(context.get("page"), context.get("request"))
