"""Create or update regions with everything a village needs on the platform.

For every region of a ``Selection``: the ``Region`` row; its page in the tree (regency →
district → village); a media collection (village under district under regency); a site for
the regency portal and for each village; and role groups whose rights are granted on the
region's own page, collection and site, so they reach everything below it.

The same code serves the ``import_villages`` command, the admin's "add village" form and the
tests. A run is one transaction: all is checked before anything is written, and any failure
leaves the database as it was. A second run with the same input changes nothing.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
    Site,
)
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from . import sections
from .hostnames import HostnameError, LabelAllocator, dns_label, validate_hostname
from .models.pages import DistrictPage, RegencyPage, VillageHomePage
from .models.regions import ROLES_BY_LEVEL, Level, Region, RegionGroup, Role, VillageKind
from .models.settings import VillageIdentity
from .wilayah import RegionRow, Selection


class ProvisioningError(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


# -- what each role may do -------------------------------------------------------------

PAGE_PERMISSIONS = {
    Role.OPERATOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    # Youth groups and PKK write drafts and submit them; they can never publish.
    Role.CONTRIBUTOR: ["add_page"],
    Role.DISTRICT_EDITOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    # Diskominfo supports its villages: the same page rights as the editors, granted once on
    # the regency page.
    Role.REGENCY_ADMIN: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    Role.OPERATOR: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    Role.CONTRIBUTOR: [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
    Role.DISTRICT_EDITOR: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
}
COLLECTION_PERMISSIONS[Role.REGENCY_ADMIN] = COLLECTION_PERMISSIONS[Role.DISTRICT_EDITOR]
SITE_PERMISSIONS = {
    Role.OPERATOR: ["villages.change_villageidentity", "villages.change_navigationsettings"],
}
# Operators and district editors may hold API tokens (their writes stay inside their own
# tree through the page and collection rights above).
API_TOKEN_PERMISSIONS = [
    "wagtailcore.add_apitoken",
    "wagtailcore.change_apitoken",
    "wagtailcore.delete_apitoken",
    "wagtailcore.view_apitoken",
]
MODEL_PERMISSIONS = {
    Role.OPERATOR: [
        "wagtailadmin.access_admin",
        # Checked by wagtail-localize alone; villages.wagtail_hooks limits it to own pages.
        "wagtail_localize.submit_translation",
        *API_TOKEN_PERMISSIONS,
        # The sections add theirs (model_permissions below).
    ],
    Role.CONTRIBUTOR: ["wagtailadmin.access_admin"],
    Role.DISTRICT_EDITOR: ["wagtailadmin.access_admin", *API_TOKEN_PERMISSIONS],
    # Managing people is not a Django permission: the accounts app asks villages.scope.
    Role.REGENCY_ADMIN: ["wagtailadmin.access_admin", *API_TOKEN_PERMISSIONS],
}


def model_permissions(role: str) -> list[str]:
    """The model permissions of ``role``: the platform's own, and for operators those the
    registered sections need (``villages.sections``)."""
    permissions = list(MODEL_PERMISSIONS[role])
    if role == Role.OPERATOR:
        permissions += [p for p in sections.operator_permissions() if p not in permissions]
    return permissions


def _permission_app_labels() -> set[str]:
    """The apps whose permissions some role is granted (page permissions: wagtailcore)."""
    grants = [model_permissions(role) for role in Role.values]
    grants += [*COLLECTION_PERMISSIONS.values(), *SITE_PERMISSIONS.values()]
    return {"wagtailcore"} | {p.partition(".")[0] for grant in grants for p in grant}


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    KINDS = ("wilayah", "halaman", "situs", "koleksi", "grup", "hak akses")

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        getattr(self, outcome)[kind] += n

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def lines(self) -> list[str]:
        return [
            _("%(kind)s: %(created)d dibuat, %(updated)d diperbarui, %(unchanged)d tetap")
            % {
                "kind": kind,
                "created": self.created[kind],
                "updated": self.updated[kind],
                "unchanged": self.unchanged[kind],
            }
            for kind in self.KINDS
        ]


ProgressCallback = Callable[[int, int, Region], None]


@contextmanager
def batched_search_index(batch_size: int = 500):
    """Index the pages a run creates in batches instead of one by one on save.

    Indexing on every save costs several queries per page; a province creates tens of
    thousands of pages. Batches are flushed as they fill, so memory stays flat. New region
    pages reference nothing, so the reference index is left alone for the duration too.
    """
    from modelsearch.signal_handlers import post_save_signal_handler

    backends = list(get_search_backends(with_auto_update=True))
    # Keyed by primary key: a page saved twice in a run (a section's ``after_create`` writes
    # to it) is indexed once, with its last state; PostgreSQL's bulk upsert refuses a row
    # that appears twice in one statement.
    pending: dict[type, dict] = defaultdict(dict)

    def flush(model):
        for backend in backends:
            backend.add_bulk(model, list(pending[model].values()))
        pending[model] = {}

    def collect(sender, instance, raw=False, **kwargs):
        if raw:
            return
        model = type(instance)
        pending[model][instance.pk] = instance
        if len(pending[model]) >= batch_size:
            flush(model)

    page_models = _indexed_page_models()
    for model in page_models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(
            collect, sender=model, weak=False, dispatch_uid=f"batch-{model._meta.label}"
        )
    try:
        with disable_reference_index_auto_update():
            yield
        for model in list(pending):
            flush(model)
    finally:
        for model in page_models:
            post_save.disconnect(sender=model, dispatch_uid=f"batch-{model._meta.label}")
            post_save.connect(post_save_signal_handler, sender=model)


def _indexed_page_models():
    from wagtail.models import get_page_models
    from wagtail.search.index import class_is_indexed

    return [
        m
        for m in get_page_models()
        if class_is_indexed(m) and getattr(m, "search_auto_update", True)
    ]


class Provisioner:
    """Apply a ``Selection`` to the database. Use ``run()``; see the module docstring."""

    def __init__(
        self,
        *,
        base_domain: str,
        port: int,
        progress: ProgressCallback | None = None,
        portal_hostname: str | None = None,
    ):
        try:
            self.base_domain = validate_hostname(base_domain)
        except HostnameError as exc:
            raise ProvisioningError([str(exc)]) from exc
        self.port = port
        self.progress = progress
        self.portal_hostname = portal_hostname
        self.report = ImportReport()

    # -- entry point -------------------------------------------------------------------
    def run(self, selection: Selection) -> ImportReport:
        started = time.monotonic()
        with transaction.atomic(), batched_search_index():
            self._load(selection)
            self._plan_hostnames(selection)
            total = len(selection.villages)
            done = 0
            for row in selection.rows:
                region = self._apply(row)
                if row.level == Level.VILLAGE:
                    done += 1
                    if self.progress:
                        self.progress(done, total, region)
        if self.report.changed:
            analyze_written_tables()
        self.report.seconds = time.monotonic() - started
        return self.report

    # -- preparation: read what exists, check everything before writing ----------------
    def _load(self, selection: Selection) -> None:
        codes = [row.code for row in selection.rows]
        self.regions: dict[str, Region] = {
            r.code: r
            for r in Region.objects.filter(code__in=codes).select_related("site", "collection")
        }
        self.permissions = {
            f"{p.content_type.app_label}.{p.codename}": p
            for p in Permission.objects.filter(
                content_type__app_label__in=sorted(_permission_app_labels())
            ).select_related("content_type")
        }
        self.root_page = Page.get_first_root_node()
        self.root_collection = Collection.get_first_root_node()
        self.locale = Locale.get_default()
        self.pages: dict[str, Page] = {}

    def _plan_hostnames(self, selection: Selection) -> None:
        suffix = f".{self.base_domain}"
        existing = Site.objects.filter(hostname__endswith=suffix).values_list("hostname", flat=True)
        taken = {h[: -len(suffix)] for h in existing if "." not in h[: -len(suffix)]}
        # Labels reserved by regions of this base domain that lost their site keep their claim.
        allocator = LabelAllocator(self.base_domain, taken)
        self.hostnames: dict[str, str] = {}
        errors: list[str] = []
        names = {row.code: row.name for row in selection.rows}
        single_regency = len(selection.region_code.split(".")) >= 2

        for row in selection.rows:
            region = self.regions.get(row.code)
            if region is not None and region.site_id:
                continue
            if row.level == Level.REGENCY:
                if self.portal_hostname or single_regency:
                    host = self.portal_hostname or self.base_domain
                else:
                    host = allocator.hostname(allocator.allocate(row.name, "", row.code))
            elif row.level == Level.VILLAGE:
                if region is not None and region.slug and region.slug not in allocator.taken:
                    label = region.slug
                    allocator.taken.add(label)
                else:
                    district_name = names.get(row.parent_code, "")
                    try:
                        label = allocator.allocate(row.name, district_name, row.code)
                    except HostnameError as exc:
                        errors.append(str(exc))
                        continue
                host = allocator.hostname(label)
            else:
                continue
            try:
                host = validate_hostname(host)
            except HostnameError as exc:
                errors.append(str(exc))
                continue
            self.hostnames[row.code] = host

        wanted = list(self.hostnames.values())
        clashes = Site.objects.filter(hostname__in=wanted).values_list("hostname", "site_name")
        for hostname, site_name in clashes:
            errors.append(
                _("Nama host %(host)s sudah dipakai oleh situs %(site)s.")
                % {"host": hostname, "site": site_name or hostname}
            )
        duplicates = (
            {h for h in wanted if wanted.count(h) > 1} if len(wanted) != len(set(wanted)) else set()
        )
        for hostname in sorted(duplicates):
            errors.append(_("Nama host %(host)s akan dipakai dua kali.") % {"host": hostname})
        if errors:
            raise ProvisioningError(errors)

    # -- writing ----------------------------------------------------------------------
    def _apply(self, row: RegionRow) -> Region:
        region, renamed = self._region(row)
        if row.level == Level.REGENCY:
            page = self._page(
                RegencyPage, region, self.root_page, row.name, dns_label(row.name), renamed
            )
            self._sections(page, Level.REGENCY)
            collection = self._collection(region, self.root_collection)
            site = self._site(region, page)
            self._identity(site, row.name)
            self._roles(region, page, collection, None)
        elif row.level == Level.DISTRICT:
            parent_page = self._parent_page(row)
            title = _("Kecamatan %(name)s") % {"name": row.name}
            page = self._page(
                DistrictPage, region, parent_page, title, dns_label(row.name), renamed
            )
            self._sections(page, Level.DISTRICT)
            collection = self._collection(region, self._parent_region(row).collection)
            self._roles(region, page, collection, None)
        elif row.level == Level.VILLAGE:
            parent_page = self._parent_page(row)
            title = f"{VillageKind(region.village_kind).label} {row.name}"
            page = self._page(VillageHomePage, region, parent_page, title, region.slug, renamed)
            self._sections(page)
            collection = self._collection(region, self._parent_region(row).collection)
            site = self._site(region, page)
            self._identity(site, title)
            self._roles(region, page, collection, site)
        return region

    def _roles(self, region, page, collection, site) -> None:
        """The role groups of ``region``, with their rights on its page, collection and site."""
        for role in ROLES_BY_LEVEL[region.level]:
            group = self._group(region, role)
            self._grant(group, role, page, collection, site)

    def _parent_region(self, row: RegionRow) -> Region:
        return self.regions[row.parent_code]

    def _parent_page(self, row: RegionRow) -> Page:
        return self.pages[row.parent_code]

    def _region(self, row: RegionRow) -> tuple[Region, bool]:
        region = self.regions.get(row.code)
        parent = self.regions.get(row.parent_code) if row.parent_code else None
        slug = ""
        if row.level == Level.VILLAGE:
            slug = self.hostnames.get(row.code, "").split(".", 1)[0]
        if region is None:
            region = Region.objects.create(
                code=row.code,
                name=row.name,
                level=row.level,
                village_kind=row.village_kind,
                parent=parent,
                slug=slug,
            )
            self.regions[row.code] = region
            self.report.count("wilayah", "created")
            return region, False
        renamed = region.name != row.name
        changes = {}
        if renamed:
            changes["name"] = row.name
        if region.parent_id != (parent.pk if parent else None):
            changes["parent"] = parent
        if slug and region.slug != slug and not region.site_id:
            changes["slug"] = slug
        if changes:
            for key, value in changes.items():
                setattr(region, key, value)
            region.save()
            self.report.count("wilayah", "updated")
        else:
            self.report.count("wilayah", "unchanged")
        return region, renamed

    def _page(self, model, region, parent, title, slug, renamed):
        page = model.objects.filter(region=region, locale=self.locale).first()
        if page is None:
            slug = self._free_slug(parent, slug or dns_label(title), region.code)
            now = timezone.now()
            page = model(
                title=title,
                slug=slug,
                region=region,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                show_in_menus=False,
            )
            parent.add_child(instance=page)
            self.report.count("halaman", "created")
        elif renamed and page.title != title:
            page.title = title
            page.save(
                update_fields=["title", "draft_title"]
                if page.draft_title == page.title
                else ["title"]
            )
            self.report.count("halaman", "updated")
        else:
            self.report.count("halaman", "unchanged")
        if region.level != Level.VILLAGE:  # only parents are looked up again
            self.pages[region.code] = page
        return page

    @staticmethod
    def _free_slug(parent: Page, slug: str, code: str) -> str:
        if parent.numchild and parent.get_children().filter(slug=slug).exists():
            return f"{slug}-{code.replace('.', '')}"
        return slug

    def _sections(self, region_page: Page, level: str = Level.VILLAGE) -> None:
        """The page of every registered section the region page does not have yet."""
        from django.apps import apps

        wanted = sections.provisioned_sections(level)
        if not wanted:
            return
        existing = (
            set(region_page.get_children().values_list("slug", flat=True))
            if region_page.numchild
            else set()
        )
        now = timezone.now()
        for section in wanted:
            if section.slug in existing:
                self.report.count("halaman", "unchanged")
                continue
            model = apps.get_model(section.page_model)
            page = model(
                title=str(section.provision.title),
                slug=section.slug,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                show_in_menus=True,
                **section.provision.defaults,
            )
            region_page.add_child(instance=page)
            if section.provision.after_create is not None:
                section.provision.after_create(page)
            self.report.count("halaman", "created")

    def _collection(self, region: Region, parent: Collection) -> Collection:
        if region.collection_id:
            self.report.count("koleksi", "unchanged")
            return region.collection
        collection = parent.add_child(name=f"{region.name} ({region.code})")
        region.collection = collection
        region.save(update_fields=["collection", "updated_at"])
        self.report.count("koleksi", "created")
        return collection

    def _site(self, region: Region, page: Page) -> Site:
        if region.site_id:
            site = region.site
            if site.root_page_id != page.pk:
                site.root_page = page
                site.save(update_fields=["root_page"])
                self.report.count("situs", "updated")
            else:
                self.report.count("situs", "unchanged")
            return site
        site = Site.objects.create(
            hostname=self.hostnames[region.code],
            port=self.port,
            site_name=page.title,
            root_page=page,
            is_default_site=(
                region.level == Level.REGENCY
                and not Site.objects.filter(is_default_site=True).exists()
            ),
        )
        region.site = site
        region.save(update_fields=["site", "updated_at"])
        self.report.count("situs", "created")
        return site

    @staticmethod
    def _identity(site: Site, title: str) -> None:
        VillageIdentity.objects.get_or_create(site=site, defaults={"display_name": title})

    def _group(self, region: Region, role: str) -> Group:
        link = (
            region.role_groups.filter(role=role).select_related("group").first()
            if region.pk
            else None
        )
        if link:
            self.report.count("grup", "unchanged")
            return link.group
        name = f"{region.name} ({region.code}) · {Role(role).label}"
        group, _created = Group.objects.get_or_create(name=name[:150])
        group._just_created = True
        RegionGroup.objects.create(region=region, role=role, group=group)
        self.report.count("grup", "created")
        return group

    def _grant(
        self, group: Group, role: str, page: Page, collection: Collection, site: Site | None
    ) -> None:
        fresh = getattr(group, "_just_created", False)
        created = 0
        wanted_model = [self.permissions[p] for p in model_permissions(role)]
        have_model = set() if fresh else set(group.permissions.values_list("pk", flat=True))
        missing_model = [p for p in wanted_model if p.pk not in have_model]
        if missing_model:
            group.permissions.add(*missing_model)
            created += len(missing_model)

        wanted_pages = [self.permissions[f"wagtailcore.{c}"] for c in PAGE_PERMISSIONS[role]]
        have_pages = (
            set()
            if fresh
            else set(
                GroupPagePermission.objects.filter(group=group, page=page).values_list(
                    "permission_id", flat=True
                )
            )
        )
        rows = [
            GroupPagePermission(group=group, page=page, permission=p)
            for p in wanted_pages
            if p.pk not in have_pages
        ]
        GroupPagePermission.objects.bulk_create(rows)
        created += len(rows)

        wanted_coll = [self.permissions[c] for c in COLLECTION_PERMISSIONS[role]]
        have_coll = (
            set()
            if fresh
            else set(
                GroupCollectionPermission.objects.filter(
                    group=group, collection=collection
                ).values_list("permission_id", flat=True)
            )
        )
        rows = [
            GroupCollectionPermission(group=group, collection=collection, permission=p)
            for p in wanted_coll
            if p.pk not in have_coll
        ]
        GroupCollectionPermission.objects.bulk_create(rows)
        created += len(rows)

        if site is not None and role in SITE_PERMISSIONS:
            wanted_site = [self.permissions[c] for c in SITE_PERMISSIONS[role]]
            have_site = (
                set()
                if fresh
                else set(
                    GroupSitePermission.objects.filter(group=group, site=site).values_list(
                        "permission_id", flat=True
                    )
                )
            )
            rows = [
                GroupSitePermission(group=group, site=site, permission=p)
                for p in wanted_site
                if p.pk not in have_site
            ]
            GroupSitePermission.objects.bulk_create(rows)
            created += len(rows)

        if created:
            self.report.count("hak akses", "created", created)
        else:
            self.report.count("hak akses", "unchanged")


def written_tables() -> list[str]:
    """The tables provisioning writes: the tree, sites, collections, regions, groups and
    permissions, and every page type's own table."""
    from wagtail.models import get_page_models

    models = [
        Page,
        Site,
        Collection,
        Region,
        RegionGroup,
        Group,
        Group.permissions.through,
        GroupPagePermission,
        GroupCollectionPermission,
        VillageIdentity,
        *get_page_models(),
    ]
    return sorted({model._meta.db_table for model in models})


def analyze_written_tables() -> None:
    """Fresh planner statistics after a large import (PostgreSQL and SQLite both keep them).
    Without them PostgreSQL planned the portal's village directory with sequential scans:
    55 ms instead of 2.9 ms after ANALYZE (issue 13)."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in written_tables():
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def provision(
    selection: Selection, *, base_domain: str | None = None, port: int | None = None, **kwargs
) -> ImportReport:
    """Convenience wrapper using the configured base domain and port by default."""
    from django.conf import settings

    return Provisioner(
        base_domain=base_domain or settings.VILLAGES_BASE_DOMAIN,
        port=port if port is not None else settings.VILLAGES_SITE_PORT,
        **kwargs,
    ).run(selection)
