"""The first steps of a new village operator, ticked off from the village's real content.

A one-day training cannot cover everything; the checklist on the admin home page shows an
operator what a living village site needs and where to do it, and stays until it is done.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from villages import scope
from villages.models import VillageHomePage, VillageIdentity
from villages.models.regions import Region, Role

# How many villages one operator's checklist covers (operators seldom run more than one).
MAX_VILLAGES = 3
DEFAULT_COLOURS = (
    VillageIdentity._meta.get_field("primary_colour").default,
    VillageIdentity._meta.get_field("secondary_colour").default,
)


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    help: str
    url: str
    done: bool


@dataclass(frozen=True)
class Checklist:
    region: Region
    steps: list[Step]

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def complete(self) -> bool:
        return self.done_count == len(self.steps)


def _sections(home: Page) -> dict[str, Page]:
    return {page.slug: page for page in home.get_children().specific(defer=True)}


def checklist(region: Region) -> Checklist | None:
    """The five first steps of ``region`` (a village) and whether each is done."""
    from government.models import Official
    from news.models import NewsPage

    home = (
        VillageHomePage.objects.filter(region=region, locale__language_code="id")
        .select_related("region")
        .first()
    )
    if home is None or region.site_id is None:
        return None
    identity = VillageIdentity.objects.filter(site_id=region.site_id).first()
    sections = _sections(home)
    profile = sections.get("profil")
    government = sections.get("pemerintahan")
    news_index = sections.get("berita")

    identity_done = bool(
        identity
        and identity.logo_id
        and (identity.primary_colour, identity.secondary_colour) != DEFAULT_COLOURS
    )
    profile_done = bool(profile and profile.live_revision_id)
    officials_done = bool(government and Official.objects.filter(page_id=government.pk).exists())
    news_done = NewsPage.objects.live().descendant_of(home).exists()
    contributor_done = scope.role_holders(region, [Role.CONTRIBUTOR], above=False).exists()

    def edit(page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk]) if page else ""

    steps = [
        Step(
            "identity",
            _("Logo dan warna desa"),
            _("Unggah logo dan pilih warna desa di Identitas desa."),
            reverse("wagtailsettings:edit", args=["villages", "villageidentity", region.site_id]),
            identity_done,
        ),
        Step(
            "profile",
            _("Profil desa"),
            _("Isi sejarah, visi dan misi, lalu terbitkan halaman Profil."),
            edit(profile),
            profile_done,
        ),
        Step(
            "officials",
            _("Perangkat desa"),
            _("Tambahkan kepala desa dan perangkatnya di halaman Pemerintahan."),
            edit(government),
            officials_done,
        ),
        Step(
            "news",
            _("Berita pertama"),
            _("Tulis dan terbitkan satu berita kegiatan desa."),
            reverse("wagtailadmin_pages:add", args=["news", "newspage", news_index.pk])
            if news_index
            else "",
            news_done,
        ),
        Step(
            "contributor",
            _("Undang kontributor"),
            _("Undang Karang Taruna atau PKK untuk menulis; Anda yang menyetujui."),
            reverse("accounts_team:invite"),
            contributor_done,
        ),
    ]
    return Checklist(region=region, steps=steps)


def checklists_for(user) -> list[Checklist]:
    """The unfinished checklists of the villages where ``user`` is an operator."""
    villages = scope.user_regions(user, [Role.OPERATOR])[:MAX_VILLAGES]
    lists = [checklist(region) for region in villages]
    return [item for item in lists if item is not None and not item.complete]
