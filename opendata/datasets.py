"""The datasets a village publishes: population statistics, APBDes and each development index."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from . import indices
from .models.releases import BUDGET, POPULATION


def dataset_slugs() -> list[str]:
    return [POPULATION, BUDGET, *(kind.slug for kind in indices.index_kinds())]


def dataset_label(slug: str) -> str:
    if slug == POPULATION:
        return str(_("Statistik penduduk"))
    if slug == BUDGET:
        return str(_("APBDes"))
    kind = indices.get_index(slug)
    return str(kind.name) if kind else slug


def by_semester(slug: str) -> bool:
    """Population figures may be given per semester; every other dataset per year."""
    return slug == POPULATION
