"""The open data pages (/statistik/, /apbdes/, /idm/) as they register with
``villages.sections``: provisioning creates them below every village, kecamatan and
regency page, where they show the village's figures or the sums over the villages below."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from villages.sections import Block, Provision, Section


def data_block(region_page, request):
    from .highlights import home_block  # the models are loaded by then

    return home_block(region_page, request)


# The headline figures, linked to their pages: on the home page after the key figures, on
# the regency portal after its news.
HOME_BLOCK = Block("opendata/includes/home_data.html", data_block, order=35)
PORTAL_BLOCK = Block("opendata/includes/home_data.html", data_block, order=20)


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
    home_block=HOME_BLOCK,  # for the three pages
    portal_block=PORTAL_BLOCK,
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
