"""What may this user see or touch?

Every view, chooser, API endpoint and queryset that must respect village boundaries asks this
module. A user's reach comes from membership of the role groups provisioning creates for a
region (see ``RegionGroup``); a role on a region reaches everything below it.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from wagtail.models import Collection, Page, Site

from .models.regions import Level, Region, RegionGroup

_CACHE_ATTR = "_village_scope_cache"


def _cache(user) -> dict:
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE_ATTR, cache)
    return cache


def user_regions(user, roles=None) -> list[Region]:
    """The regions on which the user holds one of ``roles`` (any role when None)."""
    if not user.is_authenticated:
        return []
    key = ("regions", tuple(sorted(roles)) if roles else None)
    cache = _cache(user)
    if key not in cache:
        links = RegionGroup.objects.filter(group__user=user)
        if roles:
            links = links.filter(role__in=roles)
        cache[key] = sorted(
            {link.region for link in links.select_related("region")}, key=lambda r: r.code
        )
    return cache[key]


def region_code_q(regions, field: str = "code") -> Q:
    """Q matching regions inside (or equal to) any of ``regions``."""
    if not regions:
        return Q(pk__in=[])
    return reduce(
        or_,
        (Q(**{field: r.code}) | Q(**{f"{field}__startswith": f"{r.code}."}) for r in regions),
    )


def region_pages(regions) -> QuerySet:
    """The pages standing for ``regions``, in every language."""
    from .models.pages import DistrictPage, RegencyPage, VillageHomePage

    by_level = {
        Level.REGENCY: RegencyPage,
        Level.DISTRICT: DistrictPage,
        Level.VILLAGE: VillageHomePage,
    }
    ids = []
    for level, model in by_level.items():
        wanted = [r.pk for r in regions if r.level == level]
        if wanted:
            ids.extend(model.objects.filter(region_id__in=wanted).values_list("pk", flat=True))
    if any(r.level == Level.PROVINCE for r in regions):
        province_codes = [r.code for r in regions if r.level == Level.PROVINCE]
        q = reduce(or_, (Q(region__code__startswith=f"{c}.") for c in province_codes))
        ids.extend(RegencyPage.objects.filter(q).values_list("pk", flat=True))
    return Page.objects.filter(pk__in=ids)


def page_paths_for_user(user, roles=None) -> list[str]:
    """Tree paths of the region pages the user's roles hang on."""
    key = ("paths", tuple(sorted(roles)) if roles else None)
    cache = _cache(user)
    if key not in cache:
        regions = user_regions(user, roles)
        cache[key] = sorted(region_pages(regions).values_list("path", flat=True)) if regions else []
    return cache[key]


def path_q(paths, field: str = "path") -> Q:
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": p}) for p in paths))


def pages_in_user_regions(user, roles=None) -> QuerySet:
    """Every page (any status) under the regions where the user holds ``roles``."""
    if user.is_superuser:
        return Page.objects.all()
    return Page.objects.filter(path_q(page_paths_for_user(user, roles)))


def filter_pages(queryset: QuerySet, user) -> QuerySet:
    """Restrict a page queryset to what ``user`` may see in the admin."""
    if user.is_superuser:
        return queryset
    return queryset.filter(path_q(page_paths_for_user(user)))


def user_has_role_for_page(user, page: Page, roles=None) -> bool:
    if user.is_superuser:
        return True
    return any(page.path.startswith(p) for p in page_paths_for_user(user, roles))


def collections_for_user(user) -> QuerySet:
    """Collections of the user's regions and everything under them."""
    if user.is_superuser:
        return Collection.objects.all()
    key = ("collection_paths", None)
    cache = _cache(user)
    if key not in cache:
        regions = user_regions(user)
        cache[key] = list(
            Collection.objects.filter(region__in=regions).values_list("path", flat=True)
        )
    return Collection.objects.filter(path_q(cache[key]))


def filter_collection_items(queryset: QuerySet, user) -> QuerySet:
    """Restrict images or documents to the user's collections."""
    if user.is_superuser:
        return queryset
    return queryset.filter(collection__in=collections_for_user(user))


def sites_for_user(user) -> QuerySet:
    if user.is_superuser:
        return Site.objects.all()
    regions = user_regions(user)
    return Site.objects.filter(region_code_q(regions, "region__code"))


def region_for_site(site: Site | None) -> Region | None:
    """The region (village or regency) a site belongs to, cached on the site object."""
    if site is None:
        return None
    if not hasattr(site, "_village_region"):
        site._village_region = Region.objects.filter(site=site).first()
    return site._village_region


def collection_for_site(site: Site | None) -> Collection | None:
    region = region_for_site(site)
    return region.collection if region else None
