"""Downloads of the data pages: ``data.csv``, ``data.json`` and ``data.xlsx``.

The rows are exactly the import layouts' (a download can be imported again): on a village
page that village's rows, on a kecamatan or regency page the rows of every village below,
each with its own ``kode_wilayah``, read in one query by region code (``rollups.code_q``).
Only current releases, aggregates only. CSV and XLSX are written by tablib.
"""

from __future__ import annotations

import json

from django.db.models import Sum
from django.http import HttpResponse

import tablib

from . import rollups
from .models import BudgetLine, IndexValue, PopulationFigure
from .models.releases import BUDGET, POPULATION

POPULATION_HEADERS = ("kode_wilayah", "periode", "statistik", "kelompok", "laki_laki", "perempuan")
BUDGET_HEADERS = ("kode_wilayah", "tahun", "kode_rekening", "uraian", "anggaran", "realisasi")
INDEX_HEADERS = ("kode_wilayah", "tahun", "indeks", "dimensi", "nilai")

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _current(region, dataset, period):
    return {
        "release__dataset": dataset,
        "release__period": str(period),
        "release__is_current": True,
    }, rollups.code_q(region, "release__region_code")


def population_rows(region, period) -> list[tuple]:
    """Per village and group (hamlets summed), in the chart's order. One query."""
    filters, q = _current(region, POPULATION, period)
    found = (
        PopulationFigure.objects.filter(q, **filters)
        .values("release__region_code", "category__slug", "group__label")
        .annotate(male=Sum("male"), female=Sum("female"))
        .order_by(
            "release__region_code",
            "category__order",
            "category__slug",
            "group__order",
            "group__pk",
        )
    )
    return [
        (
            r["release__region_code"],
            str(period),
            r["category__slug"],
            r["group__label"],
            r["male"],
            r["female"],
        )
        for r in found
    ]


def budget_rows(region, year) -> list[tuple]:
    """Per village and budget line. One query."""
    filters, q = _current(region, BUDGET, year)
    found = (
        BudgetLine.objects.filter(q, **filters)
        .values_list(
            "release__region_code",
            "account__code",
            "description",
            "account__name",
            "budget",
            "realisation",
        )
        .order_by("release__region_code", "account__order", "pk")
    )
    return [
        (code, str(year), account, description or name, amount, real)
        for code, account, description, name, amount, real in found
    ]


def index_rows(region, year, kind="idm") -> list[tuple]:
    """Per village: the score and each dimension. One query."""
    filters, q = _current(region, kind, year)
    found = (
        IndexValue.objects.filter(q, **filters)
        .values_list("release__region_code", "dimension", "value")
        .order_by("release__region_code", "pk")
    )
    return [(code, str(year), kind, dim, value) for code, dim, value in found]


def dataset_for(page, period):
    """The headers and rows of ``page``'s download for ``period``."""
    if page.dataset == POPULATION:
        return POPULATION_HEADERS, population_rows(page.region, period) if period else []
    if page.dataset == BUDGET:
        return BUDGET_HEADERS, budget_rows(page.region, period) if period else []
    return INDEX_HEADERS, index_rows(page.region, period, page.dataset) if period else []


def filename(page, period, fmt) -> str:
    return f"{page.slug}-{page.region.code}-{period or 'kosong'}.{fmt}"


def download(page, request, fmt) -> HttpResponse:
    """The response of ``<page>/data.<fmt>``: the requested period, else the newest."""
    period, _available = rollups.choose_period(
        page.region, page.dataset, page.requested_period(request)
    )
    headers, rows = dataset_for(page, period)
    if fmt == "json":
        body = json.dumps(
            {
                "kode_wilayah": page.region.code,
                "nama_wilayah": page.region.name,
                page.period_param: str(period) if period else None,
                "kolom": list(headers),
                "data": [
                    {
                        h: (str(v) if not isinstance(v, (int, str)) else v)
                        for h, v in zip(headers, row, strict=True)
                    }
                    for row in rows
                ],
            },
            ensure_ascii=False,
            indent=1,
        )
    else:
        data = tablib.Dataset(*rows, headers=list(headers), title=page.slug)
        body = data.export(fmt)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(page, period, fmt)}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
