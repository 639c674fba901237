"""What announcements and events share: the village clock, lists, API fields."""

from __future__ import annotations

import datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from villages.timezones import local_today, timezone_for_page, zone_abbreviation


def long_date(value: datetime.date) -> str:
    """A date as residents read it: "1 Desember 2026"."""
    return formats.date_format(value, "j F Y")


def reserved_slug_error(slug: str, reserved: set[str]) -> ValidationError | None:
    """The error for a child page slug that a route of its index already answers."""
    if slug in reserved:
        return ValidationError(
            _("Alamat “%(slug)s” sudah dipakai oleh situs. Pilih alamat lain."),
            code="reserved_slug",
            params={"slug": slug},
        )
    return None


class VillageClockMixin:
    """A page's village time zone and today's date there.

    The zone costs one query per page object; listings hand theirs to the items they show
    (``share_timezone``) so a list costs no more than one.
    """

    @cached_property
    def village_timezone(self) -> ZoneInfo:
        return timezone_for_page(self)

    @property
    def timezone_abbreviation(self) -> str:
        return zone_abbreviation(self.village_timezone)

    @property
    def time_zone(self) -> str:
        """The IANA name of the village's zone, e.g. "Asia/Makassar" (for API clients)."""
        return self.village_timezone.key

    def village_today(self) -> datetime.date:
        return local_today(self.village_timezone)


def share_timezone(pages, zone: ZoneInfo) -> None:
    """Tell listed pages their zone (their index's), sparing a query per page."""
    for page in pages:
        page.village_timezone = zone


def page_links(request, page_obj, param: str = "page") -> dict:
    """Previous/next links of one paginated list, keeping the other query parameters."""

    def url(number):
        query = request.GET.copy()
        query[param] = number
        return "?" + query.urlencode()

    return {
        "page_obj": page_obj,
        "previous": url(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "next": url(page_obj.next_page_number()) if page_obj.has_next() else None,
    }


class DocumentLinkField(serializers.Field):
    """A document in the API as what a reader needs to offer a download link."""

    def to_representation(self, value):
        request = self.context.get("request")
        url = value.url
        if request is not None and url.startswith("/"):
            url = request.build_absolute_uri(url)
        return {
            "id": value.pk,
            "title": value.title,
            "url": url,
            "file_extension": value.file_extension,
            "file_size": value.get_file_size(),
        }


class VillageClockField(serializers.Field):
    """A property that needs the village's zone, in the API without a query per item.

    The items of an API listing mostly share a parent (their section), so the zone is looked
    up once per parent and remembered for the rest of the response.
    """

    def __init__(self, attribute: str, **kwargs):
        self.attribute = attribute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        zones = self.context.setdefault("village_timezones", {})
        parent_path = page.path[: -page.steplen]
        if parent_path in zones:
            page.village_timezone = zones[parent_path]
        else:
            zones[parent_path] = page.village_timezone
        return getattr(page, self.attribute)
