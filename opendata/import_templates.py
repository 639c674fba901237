"""Downloadable import templates, pre-filled with a region's village codes and vocabularies."""

from __future__ import annotations

from django.utils import timezone

import tablib

from villages.models import Region
from villages.models.regions import Level

from . import indices, rollups
from .importing import BUDGET_LAYOUT, INDEX_LAYOUT, LAYOUTS, POPULATION_LAYOUT
from .models import Account, StatisticGroup
from .vocabularies import account_sort_key


def villages_of(region: Region) -> list[Region]:
    if region.level == Level.VILLAGE:
        return [region]
    return list(
        Region.objects.filter(level=Level.VILLAGE, code__startswith=f"{region.code}.").order_by(
            "code"
        )
    )


def current_period(layout: str) -> str:
    today = timezone.localdate()
    if layout == POPULATION_LAYOUT:
        return f"{today.year}-S{1 if today.month <= 6 else 2}"
    return str(today.year)


def template_dataset(region: Region, layout: str) -> tablib.Dataset:
    """Rows for every village below ``region`` with the numbers left empty."""
    spec = LAYOUTS[layout]
    data = tablib.Dataset(headers=list(spec.headers))
    data.title = layout
    period = current_period(layout)
    villages = villages_of(region)
    if layout == POPULATION_LAYOUT:
        groups = list(
            StatisticGroup.objects.filter(category__in=rollups.categories_for(region))
            .select_related("category__regency")
            .order_by("category__order", "category__slug", "order", "pk")
        )
        for village in villages:
            for group in groups:
                if group.category.regency_id and village.regency_code != (
                    group.category.regency.code
                ):
                    continue
                data.append([village.code, period, group.category.slug, group.label, "", ""])
    elif layout == BUDGET_LAYOUT:
        accounts = sorted(
            Account.objects.filter(is_leaf=True), key=lambda a: account_sort_key(a.code)
        )
        for village in villages:
            for account in accounts:
                data.append([village.code, period, account.code, account.name, "", ""])
    elif layout == INDEX_LAYOUT:
        for village in villages:
            for kind in indices.index_kinds():
                for slug in kind.value_slugs:
                    data.append([village.code, period, kind.slug, slug, ""])
    return data
