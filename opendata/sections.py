"""The open data pages (/statistik/, /apbdes/, /idm/) as they register with
``villages.sections``: provisioning creates them below every village, kecamatan and
regency page, where they show the village's figures or the sums over the villages below."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from villages.sections import Provision, Section


def fill_demo_villages(villages) -> int:
    from .demo import fill_demo_villages as fill  # the models are loaded by then

    return fill(villages)


LEVELS = ("village", "district", "regency")

POPULATION_SECTION = Section(
    slug="statistik",
    page_model="opendata.PopulationPage",
    order=92,
    provision=Provision(_("Statistik Penduduk"), levels=LEVELS),
    demo_villages=fill_demo_villages,  # the figures of all three pages at once
)
BUDGET_SECTION = Section(
    slug="apbdes",
    page_model="opendata.BudgetPage",
    order=93,
    provision=Provision(_("APBDes"), levels=LEVELS),
)
INDEX_SECTION = Section(
    slug="idm",
    page_model="opendata.IndexPage",
    order=96,
    provision=Provision(_("Indeks Desa Membangun"), levels=LEVELS),
)
SECTIONS = (POPULATION_SECTION, BUDGET_SECTION, INDEX_SECTION)
