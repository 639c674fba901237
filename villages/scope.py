"""What may this user see or touch?

Every view, chooser, API endpoint and queryset that must respect village boundaries asks this
module. A user's reach comes from membership of the role groups provisioning creates for a
region (see ``RegionGroup``); a role on a region reaches everything below it.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from wagtail.models import Collection, Page, Site

from .models.regions import Level, Region, RegionGroup, Role

_CACHE_ATTR = "_village_scope_cache"


def _cache(user) -> dict:
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE_ATTR, cache)
    return cache


def remembered(user, key, compute):
    """``compute()``, asked once per user object (a request's user): for the answers menus
    and permission policies ask several times per page. Kept beside ``user_regions``, so it
    goes stale no sooner than the regions themselves."""
    cache = _cache(user)
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _role_links(user) -> list[tuple[str, Region]]:
    """Every (role, region) the user holds: one query per user and request, whatever the
    number of menus and checks asking with different roles."""
    cache = _cache(user)
    if "links" not in cache:
        links = RegionGroup.objects.filter(group__user=user).select_related("region")
        cache["links"] = [(link.role, link.region) for link in links]
    return cache["links"]


def user_regions(user, roles=None) -> list[Region]:
    """The regions on which the user holds one of ``roles`` (any role when None)."""
    if not user.is_authenticated:
        return []
    key = ("regions", tuple(sorted(roles)) if roles else None)
    cache = _cache(user)
    if key not in cache:
        wanted = set(roles) if roles else None
        regions = {
            region.pk: region
            for role, region in _role_links(user)
            if wanted is None or role in wanted
        }
        cache[key] = sorted(regions.values(), key=lambda r: r.code)
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


def ancestor_paths(paths) -> list[str]:
    """Tree paths of every page above ``paths``, the tree root included."""
    step = Page.steplen
    return sorted({p[:end] for p in paths for end in range(step, len(p), step)})


def filter_pages(queryset: QuerySet, user, *, with_ancestors: bool = False) -> QuerySet:
    """Restrict a page queryset to what ``user`` may see in the admin.

    ``with_ancestors`` also keeps the pages above the user's regions (regency, district),
    which choosers need so the user can navigate down from the root to their own pages.
    """
    if user.is_superuser:
        return queryset
    paths = page_paths_for_user(user)
    q = path_q(paths)
    if with_ancestors and paths:
        q |= Q(path__in=ancestor_paths(paths))
    return queryset.filter(q)


def can_browse_page(user, page_id) -> bool:
    """May the user open a chooser or listing on this page (own page or one above)?"""
    return filter_pages(Page.objects.filter(pk=page_id), user, with_ancestors=True).exists()


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


def popular_tags(model, user, count: int = 10) -> QuerySet:
    """The most used tags on the images or documents ``user`` may see."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count

    from taggit.models import Tag

    items = filter_collection_items(model.objects.all(), user)
    return (
        Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(model),
            taggit_taggeditem_items__object_id__in=items.values("pk"),
        )
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count", "name")[:count]
    )


def sites_for_user(user) -> QuerySet:
    if user.is_superuser:
        return Site.objects.all()
    regions = user_regions(user)
    return Site.objects.filter(region_code_q(regions, "region__code"))


def filter_sites(queryset: QuerySet, user) -> QuerySet:
    if user.is_superuser:
        return queryset
    return queryset.filter(pk__in=sites_for_user(user).values("pk"))


def users_for_user(user) -> QuerySet:
    """The people ``user`` may see named in the admin.

    Members of the role groups of the user's regions, of the regions below them (a district
    editor knows the village operators) and of the regions above them (a village operator
    knows the district editor of the regency), plus the user themself.
    """
    users = get_user_model().objects.all()
    if user.is_superuser:
        return users
    regions = user_regions(user)
    if not regions:
        return users.filter(pk=user.pk)
    above = {r.code.rsplit(".", n)[0] for r in regions for n in range(1, r.code.count(".") + 1)}
    links = RegionGroup.objects.filter(
        region_code_q(regions, "region__code") | Q(region__code__in=above)
    )
    return users.filter(Q(pk=user.pk) | Q(groups__in=links.values("group"))).distinct()


def filter_users(queryset: QuerySet, user) -> QuerySet:
    if user.is_superuser:
        return queryset
    return queryset.filter(pk__in=users_for_user(user).values("pk"))


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


def districts_for_new_villages(user) -> QuerySet:
    """The districts where ``user`` may create villages: a regency admin's own regency's,
    every district for superusers."""
    districts = Region.objects.filter(level=Level.DISTRICT).order_by("code")
    if user.is_superuser:
        return districts
    return districts.filter(region_code_q(user_regions(user, [Role.REGENCY_ADMIN])))


def can_create_villages(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(user_regions(user, [Role.REGENCY_ADMIN]))


def region_for_path(path: str) -> Region | None:
    """The region a page belongs to, from its tree path, in one query.

    That is the region of the nearest region page at or above it: the village for a
    village's pages, the district or the regency for pages hung directly under those. None
    for pages outside any region (the tree root). Works in every language: a translated tree
    mirrors the original and its region pages keep their region.
    """
    from .models.pages import VILLAGE_DEPTH, DistrictPage, RegencyPage, VillageHomePage

    models = {VILLAGE_DEPTH - 2: RegencyPage, VILLAGE_DEPTH - 1: DistrictPage}
    models[VILLAGE_DEPTH] = VillageHomePage
    step = Page.steplen
    q = Q()
    for depth, model in models.items():
        if len(path) >= depth * step:
            q |= Q(pk__in=model.objects.filter(path=path[: depth * step]).values("region_id"))
    if not q:
        return None
    # The candidates are the regions of one line of ancestors, so each code extends the one
    # above it: the longest code is the nearest region.
    regions = sorted(Region.objects.filter(q), key=lambda r: len(r.code))
    return regions[-1] if regions else None


def region_for_page(page: Page) -> Region | None:
    return region_for_path(page.path)


def role_holders(region: Region, roles, *, above: bool = True) -> QuerySet:
    """Active people holding one of ``roles`` on ``region`` (and on the regions above it)."""
    codes = [region.code, *(region.ancestor_codes if above else [])]
    groups = RegionGroup.objects.filter(region__code__in=codes, role__in=roles).values("group")
    return get_user_model().objects.filter(groups__in=groups, is_active=True).distinct()


def tags_for_user(user) -> QuerySet:
    """Tags on the images, documents and pages ``user`` may see (all tags for superusers).

    Tag names typed in one village (a person's name, a hamlet) are not suggested to another.
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from taggit.models import Tag, TaggedItem, TaggedItemBase

    if user.is_superuser:
        return Tag.objects.all()
    visible = Q(pk__in=[])
    for model in (get_image_model(), get_document_model()):
        items = filter_collection_items(model.objects.all(), user)
        tagged = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=items.values("pk"),
        )
        visible |= Q(pk__in=tagged.values("tag_id"))
    pages = filter_pages(Page.objects.all(), user)
    for through in apps.get_models():
        target = getattr(getattr(through, "content_object", None), "field", None)
        if (
            issubclass(through, TaggedItemBase)
            and target is not None
            and issubclass(target.related_model, Page)
        ):
            tagged = through.objects.filter(content_object__in=pages.values("pk"))
            visible |= Q(pk__in=tagged.values("tag_id"))
    return Tag.objects.filter(visible)


# -- managing people ------------------------------------------------------------------------


def grantable_role_groups(user) -> QuerySet:
    """The role groups (``RegionGroup``) ``user`` may give to people or take from them.

    A regency admin hands out every role of their regency: its own, its districts' and its
    villages'. An operator hands out the contributor role of their own village. Nobody else
    hands out anything (superusers hand out everything).
    """
    links = RegionGroup.objects.all()
    if user.is_superuser:
        return links
    q = Q(pk__in=[])
    admin_regions = user_regions(user, [Role.REGENCY_ADMIN])
    if admin_regions:
        q |= region_code_q(admin_regions, "region__code")
    operator_regions = user_regions(user, [Role.OPERATOR])
    if operator_regions:
        q |= Q(region__in=operator_regions, role=Role.CONTRIBUTOR)
    return links.filter(q)


def can_manage_people(user) -> bool:
    """Does ``user`` manage anyone (regency admins, operators, superusers)?"""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(user_regions(user, [Role.REGENCY_ADMIN, Role.OPERATOR]))


def managed_users(user) -> QuerySet:
    """The people ``user`` sees in the team admin: holders of a role ``user`` hands out."""
    users = (
        get_user_model()
        .objects.filter(groups__region_role__in=grantable_role_groups(user))
        .distinct()
    )
    if not user.is_superuser:
        users = users.filter(is_superuser=False)
    return users


def can_manage_account(manager, target) -> bool:
    """May ``manager`` deactivate, reactivate or reset the password of ``target``?

    Only when every group ``target`` belongs to is one ``manager`` hands out: an account that
    also serves another region, or holds rights the platform gave it, is not theirs to lock
    or take over. Nobody manages their own account here (that is the account page) and only
    superusers manage superusers.
    """
    if target.pk == manager.pk:
        return False
    if manager.is_superuser:
        return True
    if target.is_superuser:
        return False
    target_groups = set(target.groups.values_list("pk", flat=True))
    if not target_groups:
        return False
    grantable = set(
        grantable_role_groups(manager)
        .filter(group_id__in=target_groups)
        .values_list("group_id", flat=True)
    )
    return grantable == target_groups


# -- a page's village ---------------------------------------------------------------------


def village_collection_items(queryset: QuerySet, page) -> QuerySet:
    """Restrict images or documents to the collection of the village ``page`` belongs to
    (and the collections below it); nothing for a page outside any village.

    What an editor may pick for a village page, whoever they are (a superuser too): a page
    of one village never shows another village's files. ``page`` is the page itself or,
    for a page not created yet, its parent.
    """
    from .models.pages import VillageHomePage

    path = (
        VillageHomePage.objects.ancestor_of(page, inclusive=True)
        .values_list("region__collection__path", flat=True)
        .first()
    )
    return queryset.filter(collection__path__startswith=path) if path else queryset.none()
