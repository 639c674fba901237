"""What search engines and link previews see of a page: title, description, URLs, image.

``page_meta()`` gathers it once per request for ``templates/base.html`` (through the
``page_meta`` tag in ``theme_tags``), so the template only prints fields.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Substr
from django.http import HttpRequest
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.contrib.sitemaps import Sitemap
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page, Site

from . import sections
from .sections import FeedLink

DESCRIPTION_LENGTH = 160
# Page fields that may describe a page, in order of preference (intro may be rich text).
DESCRIPTION_FIELDS = ("search_description", "intro", "tagline")
# Page fields that may hold the picture of a page, in order of preference.
SHARE_IMAGE_FIELDS = ("featured_image", "hero_image", "cover_image")
# Link previews (Facebook, WhatsApp, X) expect 1200×630; JPEG because not every preview
# crawler reads WebP. Only crawlers fetch these, never a visitor's phone.
SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"
# A logo must not lose its edges to a crop; PNG keeps its transparency.
SHARE_LOGO_SPEC = "max-1200x630|format-png"
OG_LOCALES = {"id": "id_ID", "en": "en_US"}


@dataclass
class LanguageVersion:
    """The current page in one language."""

    code: str
    name: str
    url: str
    full_url: str
    current: bool


@dataclass
class ShareImage:
    url: str
    width: int
    height: int
    alt: str
    is_logo: bool = False


@dataclass
class PageMeta:
    """Everything the ``<head>`` of the shared theme says about the page."""

    site_name: str
    title: str
    is_home: bool
    description: str
    canonical_url: str = ""
    og_type: str = "website"
    og_locale: str = "id_ID"
    og_locale_alternates: list[str] = field(default_factory=list)
    image: ShareImage | None = None
    languages: list[LanguageVersion] = field(default_factory=list)
    default_language_url: str = ""
    feed_links: list[FeedLink] = field(default_factory=list)
    home_url: str = "/"


def site_name(site: Site | None, identity=None) -> str:
    """The village's display name, else its site name, else its home page title."""
    if identity is not None and identity.display_name:
        return identity.display_name
    if site is None:
        return settings.WAGTAIL_SITE_NAME
    return site.site_name or site.root_page.title


def plain_text(value, length: int = DESCRIPTION_LENGTH) -> str:
    """Rich text or plain text as one line of plain text, cut at ``length`` characters."""
    text = " ".join(html.unescape(strip_tags(str(value))).split())
    return Truncator(text).chars(length)


def page_description(page, fallback: str) -> str:
    """The page's search description, else its intro or tagline (when text), else ``fallback``."""
    for name in DESCRIPTION_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, str) and (text := plain_text(value)):
            return text
    return fallback


def share_image(page, identity, site: Site) -> ShareImage | None:
    """The page's own picture cropped for link previews, else the village logo."""
    image, spec = None, SHARE_IMAGE_SPEC
    for name in SHARE_IMAGE_FIELDS:
        image = getattr(page, name, None)
        if image is not None:
            break
    if image is None and identity is not None and identity.logo_id:
        image, spec = identity.logo, SHARE_LOGO_SPEC
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
    except SourceImageIOError:
        return None  # the original file is gone; better no preview than a broken page
    return ShareImage(
        url=urljoin(f"{site.root_url}/", rendition.url),
        width=rendition.width,
        height=rendition.height,
        alt=image.default_alt_text,
        is_logo=spec == SHARE_LOGO_SPEC,
    )


def language_versions(page, request: HttpRequest | None) -> list[LanguageVersion]:
    """The live translations of ``page`` (itself included), in the order of LANGUAGES."""
    if not isinstance(page, Page):
        return []
    names = dict(settings.LANGUAGES)
    order = list(names)
    current = translation.get_language()
    versions = [
        LanguageVersion(
            code=translated.locale.language_code,
            name=names.get(translated.locale.language_code, translated.locale.language_code),
            url=translated.get_url(request),
            full_url=translated.get_full_url(request),
            current=translated.locale.language_code == current,
        )
        for translated in page.get_translations(inclusive=True).live().select_related("locale")
    ]
    return sorted(versions, key=lambda v: order.index(v.code) if v.code in order else len(order))


def feed_links(request: HttpRequest, site: Site, name: str) -> list[FeedLink]:
    """The feeds the registered sections offer on ``site`` (e.g. the news RSS feed)."""
    return [
        link
        for section in sections.all_sections()
        if section.feed_links is not None
        for link in section.feed_links(request, site, name)
    ]


def home_url(request: HttpRequest, site: Site) -> str:
    """The site's home page in the current language, else the home page as it was created."""
    language = translation.get_language()
    if language and language != settings.LANGUAGE_CODE:
        translated = (
            Page.objects.live()
            .filter(
                translation_key=site.root_page.translation_key,
                locale__language_code=language,
            )
            .first()
        )
        if translated is not None:
            return translated.get_url(request)
    return site.root_page.get_url(request) or "/"


def canonical_url(request: HttpRequest, site: Site) -> str:
    """The requested path on the site's own address; only ``?page=N`` (N > 1) is kept.

    Built from the path rather than the page so that sub-pages of routable pages keep their
    own address; filters (``?kategori=``) are views of the same page and are dropped.
    """
    url = urljoin(f"{site.root_url}/", request.path)
    number = request.GET.get("page", "")
    if number.isdigit() and int(number) > 1:
        url += f"?page={int(number)}"
    return url


def og_locale(code: str) -> str:
    return OG_LOCALES.get(code, code.replace("-", "_"))


def og_type(page) -> str:
    """``article`` for dated items (news, announcements, agenda), else ``website``."""
    explicit = getattr(page, "og_type", None)
    if explicit:
        return explicit
    if getattr(page, "is_site_home", False):
        return "website"
    return "article" if hasattr(page, "date") else "website"


def page_meta(request: HttpRequest | None, page=None, identity=None) -> PageMeta:
    """The head metadata of ``page`` (None for views that are no page: search, 404)."""
    site = Site.find_for_request(request) if request is not None else None
    name = site_name(site, identity)
    tagline = getattr(identity, "tagline", "")
    fallback_description = f"{name}: {tagline}" if tagline else name
    is_page = isinstance(page, Page)
    is_home = is_page and bool(getattr(page, "is_site_home", False))
    title = ""
    if is_page:
        title = page.seo_title or (name if is_home else page.title)
    meta = PageMeta(
        site_name=name,
        title=title,
        is_home=is_home,
        description=page_description(page, fallback_description) if is_page else name,
        og_locale=og_locale(translation.get_language() or settings.LANGUAGE_CODE),
    )
    if site is None:
        return meta
    meta.canonical_url = canonical_url(request, site)
    meta.feed_links = feed_links(request, site, name)
    meta.home_url = home_url(request, site)
    if is_page:
        meta.og_type = og_type(page)
        meta.image = share_image(page, identity, site)
        meta.languages = language_versions(page, request)
        meta.og_locale_alternates = [
            og_locale(version.code) for version in meta.languages if not version.current
        ]
        meta.default_language_url = next(
            (v.full_url for v in meta.languages if v.code == settings.LANGUAGE_CODE), ""
        )
    elif identity is not None:
        meta.image = share_image(None, identity, site)
    return meta


class SiteSitemap(Sitemap):
    """The pages the requesting site serves itself, in every language; nothing of other sites.

    Wagtail's own sitemap lists every descendant of the site root, and the village sites are
    descendants of the regency portal's root (portal → district → village): the portal's
    sitemap would list every page of every village, on other hosts, which search engines
    refuse and which grows with the whole regency.
    """

    def items(self):
        site = self.get_wagtail_site()
        roots = list(
            Page.objects.filter(translation_key=site.root_page.translation_key).values_list(
                "pk", "path"
            )
        )
        in_site = Q()
        for _pk, path in roots:
            in_site |= Q(path__startswith=path)
        pages = Page.objects.live().public().filter(in_site)
        # Roots of other sites (in any language) inside this site's trees, grouped by depth:
        # a page is theirs when its path starts with one of them.
        nested = (
            Page.objects.filter(in_site)
            .filter(
                translation_key__in=Site.objects.exclude(pk=site.pk).values(
                    "root_page__translation_key"
                )
            )
            .exclude(pk__in=[pk for pk, _path in roots])
            .values_list("depth", "path")
        )
        prefixes_by_depth: dict[int, list[str]] = {}
        for depth, path in nested:
            prefixes_by_depth.setdefault(depth, []).append(path)
        for depth, prefixes in prefixes_by_depth.items():
            length = depth * Page.steplen
            pages = pages.annotate(**{f"prefix_{depth}": Substr("path", 1, length)}).exclude(
                depth__gte=depth, **{f"prefix_{depth}__in": prefixes}
            )
        return pages.order_by("path").defer_streamfields().specific()
