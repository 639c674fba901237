"""The "last updated" line in the footer of every village page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import template

from wagtail.models import Site

from villages import scope
from villages.models import Region
from villages.models.regions import Level
from villages.timezones import timezone_for_region_code

register = template.Library()


@dataclass(frozen=True)
class LastUpdated:
    """When a village last published, on the village's own clock (None: never)."""

    at: datetime.datetime | None

    @property
    def date(self) -> datetime.date | None:
        return self.at.date() if self.at is not None else None

    @property
    def iso(self) -> str:
        return self.at.isoformat(timespec="seconds") if self.at is not None else ""


def _site_region(site: Site) -> Region | None:
    # The site middleware loads the site with its region (one join, no extra query); a site
    # found some other way costs one query.
    if Site.region.is_cached(site):
        try:
            return site.region
        except Region.DoesNotExist:
            return None
    return scope.region_for_site(site)


@register.simple_tag(takes_context=True)
def village_last_updated(context) -> LastUpdated | None:
    """The request's village's last publication (``Region.last_published_at``).

    None outside a village site: the regency portal lists each village's date in its
    directory already, and its own pages are not what residents mean by "the village's site".
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    region = _site_region(site) if site is not None else None
    if region is None or region.level != Level.VILLAGE:
        return None
    when = region.last_published_at
    if when is None:
        return LastUpdated(at=None)
    return LastUpdated(at=when.astimezone(timezone_for_region_code(region.code)))
