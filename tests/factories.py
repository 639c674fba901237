"""Build regions, villages and users for tests in one line each."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model

from wagtail.models import Collection, Page, Site

from villages.models import Region, RegionGroup
from villages.models.regions import Role
from villages.provisioning import provision
from villages.wilayah import read_selection

DATA = Path(__file__).parent / "data"
TWO_REGENCIES = DATA / "two_regencies.csv"
PASSWORD = "sandi-uji-Rahasia-2026"
_counter = itertools.count(1)


@dataclass
class Tenant:
    """A provisioned region as tests see it."""

    region: Region
    page: Page
    site: Site | None
    collection: Collection

    @property
    def host(self) -> str:
        return self.site.hostname

    def group(self, role: str):
        return RegionGroup.objects.get(region=self.region, role=role).group


def logged_in(user):
    """A test client of its own, logged in as ``user`` (for tests that need two at once)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def provision_regions(code: str, base_domain: str, path: Path = TWO_REGENCIES, port: int = 80):
    """Provision everything under ``code`` from a CSV, as the import command does."""
    return provision(read_selection(path, code), base_domain=base_domain, port=port)


def tenant(code: str) -> Tenant:
    from villages.scope import region_pages

    region = Region.objects.select_related("site", "collection").get(code=code)
    page = region_pages([region]).filter(locale__language_code="id").get().specific
    return Tenant(region=region, page=page, site=region.site, collection=region.collection)


def make_user(role: str | None = None, region: Region | None = None, **fields):
    """A user holding ``role`` on ``region`` (or a plain user when no role is given)."""
    n = next(_counter)
    fields.setdefault("username", f"pengguna{n}")
    fields.setdefault("email", f"pengguna{n}@contoh.test")
    user = get_user_model().objects.create_user(password=PASSWORD, **fields)
    if role is not None:
        user.groups.add(RegionGroup.objects.get(region=region, role=role).group)
    return user


def operator_of(t: Tenant, **fields):
    return make_user(Role.OPERATOR, t.region, **fields)


def contributor_of(t: Tenant, **fields):
    return make_user(Role.CONTRIBUTOR, t.region, **fields)


def district_editor_of(t: Tenant, **fields):
    return make_user(Role.DISTRICT_EDITOR, t.region, **fields)


def regency_admin_of(t: Tenant, **fields):
    return make_user(Role.REGENCY_ADMIN, t.region, **fields)
