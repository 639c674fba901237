"""Village data as the APIs give it: one region's figures, as plain JSON-ready dicts.

The region is the one the requesting site stands for (``villages.scope.region_for_site``): a
village's site gives its own figures, a kecamatan's or the regency's the sums over the
villages below (``opendata.rollups``, a fixed number of queries whatever the number of
villages). API v2 (``DataAPIViewSet``, read) and v3 (``opendata.api_v3``, read and write)
both answer with these dicts, so the two never disagree.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from rest_framework.response import Response

from villages.api import requested_site
from villages.scope import region_for_site

from . import indices, rollups
from .datasets import dataset_label
from .models import Release
from .models.releases import BUDGET, POPULATION
from .periods import parse_period


def check_period(value, *, year_only: bool = False) -> str | None:
    """``value`` normalised (``2025-s1`` → ``2025-S1``), None when not given; ValueError
    with the Indonesian message when it is no period."""
    if value is None or str(value).strip() == "":
        return None
    try:
        return str(parse_period(value, year_only=year_only))
    except ValidationError as exc:
        raise ValueError(" ".join(exc.messages)) from exc


def _asked_but_absent(asked: str | None, found) -> bool:
    """A period was asked for and has no figures (the roll-up then gives the newest)."""
    return asked is not None and str(found) != asked


class NoRegion(Exception):
    """The requesting site stands for no region (the admin host, an unknown host)."""


def region_for_request(request):
    """The region of the site answering ``request``; NoRegion when there is none.

    Raises ValueError when ``?site=`` names another site (``villages.api.requested_site``).
    """
    region = region_for_site(requested_site(request))
    if region is None:
        raise NoRegion(_("Situs ini tidak mewakili desa, kecamatan, atau kabupaten."))
    return region


def _time(value):
    return value.isoformat() if value else None


def coverage_dict(coverage) -> dict | None:
    if coverage is None:
        return None
    return {
        "reported": coverage.reported,
        "expected": coverage.expected,
        "missing": coverage.missing,
        "oldest": _time(coverage.oldest),
        "newest": _time(coverage.newest),
    }


def region_dict(region) -> dict:
    return {"code": region.code, "name": region.name, "level": region.level}


def population_dict(region, periode: str | None = None) -> dict:
    table = rollups.population(region, periode)
    if _asked_but_absent(periode, table.period):
        table.period, table.coverage, table.categories = None, None, []
    return {
        "dataset": POPULATION,
        "title": dataset_label(POPULATION),
        "region": region_dict(region),
        "rollup": rollups.is_rollup(region),
        "period": str(table.period) if table.period else None,
        "periods": [str(p) for p in table.periods],
        "coverage": coverage_dict(table.coverage),
        "categories": [
            {
                "slug": c.category.slug,
                "name": c.category.name,
                "male": c.male,
                "female": c.female,
                "total": c.total,
                "groups": [
                    {"label": g.label, "male": g.male, "female": g.female, "total": g.total}
                    for g in c.groups
                ],
            }
            for c in table.categories
        ],
    }


def budget_dict(region, tahun: str | None = None) -> dict:
    table = rollups.budget(region, tahun)
    if _asked_but_absent(tahun, table.year):
        table.year, table.coverage, table.accounts = None, None, {}
    return {
        "dataset": BUDGET,
        "title": dataset_label(BUDGET),
        "region": region_dict(region),
        "rollup": rollups.is_rollup(region),
        "period": str(table.year) if table.year else None,
        "periods": [str(p) for p in table.years],
        "coverage": coverage_dict(table.coverage),
        "totals": (
            {
                "surplus_budget": table.surplus("budget"),
                "surplus_realisation": table.surplus("realisation"),
                "net_financing_budget": table.net_financing("budget"),
                "remaining_budget": table.remaining("budget"),
            }
            if not table.is_empty
            else None
        ),
        "accounts": [
            {
                "code": a.code,
                "name": a.name,
                "depth": a.depth,
                "budget": a.budget,
                "realisation": a.realisation,
                "percent_realised": (
                    float(a.percent_realised) if a.percent_realised is not None else None
                ),
            }
            for a in table.rows()
        ],
    }


def index_dict(region, kind: str = indices.IDM.slug, tahun: str | None = None) -> dict:
    table = rollups.index(region, kind)
    years = table.years
    if tahun:
        years = [y for y in years if str(y.year) == tahun]
    return {
        "dataset": table.kind.slug,
        "title": str(table.kind.name),
        "region": region_dict(region),
        "rollup": rollups.is_rollup(region),
        "periods": [str(y.year) for y in table.years],
        "years": [
            {
                "period": str(y.year),
                "values": {k: str(v) for k, v in y.values.items()},
                "status": y.status.slug if y.status else None,
                "status_counts": y.status_counts,
                "coverage": coverage_dict(y.coverage),
            }
            for y in years
        ],
    }


def all_data(region, *, periode=None, tahun=None) -> dict:
    """Every dataset of ``region``: population, APBDes and each development index."""
    return {
        "region": region_dict(region),
        "rollup": rollups.is_rollup(region),
        "population": population_dict(region, periode),
        "budget": budget_dict(region, tahun),
        "indices": [index_dict(region, kind.slug, tahun) for kind in indices.index_kinds()],
    }


class DataAPIViewSet(BaseAPIViewSet):
    """``/api/v2/data/``: the requesting site's region's figures (read only).

    ``/api/v2/data/`` gives every dataset, ``/api/v2/data/<dataset>/`` one of them
    (``penduduk``, ``apbdes``, ``idm``); ``?periode=2025-S1`` picks the population period and
    ``?tahun=2025`` the APBDes and index year (the newest by default).
    """

    name = "data"
    model = Release  # served by no other endpoint (the router looks endpoints up by model)
    known_query_parameters = frozenset({"periode", "tahun", "site", "format"})

    def check_query_parameters(self, queryset=None):
        unknown = set(self.request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError(
                _("Parameter tidak dikenal: %(names)s") % {"names": ", ".join(sorted(unknown))}
            )

    def _arguments(self):
        self.check_query_parameters()
        try:
            region = region_for_request(self.request)
            periode = check_period(self.request.GET.get("periode"))
            tahun = check_period(self.request.GET.get("tahun"), year_only=True)
        except (ValueError, NoRegion) as exc:
            raise BadRequestError(str(exc)) from exc
        return region, periode, tahun

    def listing_view(self, request):
        region, periode, tahun = self._arguments()
        return Response(all_data(region, periode=periode, tahun=tahun))

    def detail_view(self, request, pk):
        region, periode, tahun = self._arguments()
        if pk == POPULATION:
            return Response(population_dict(region, periode))
        if pk == BUDGET:
            return Response(budget_dict(region, tahun))
        if indices.get_index(pk):
            return Response(index_dict(region, pk, tahun))
        return Response({"message": _("Data tidak ditemukan.")}, status=404)

    @classmethod
    def get_urlpatterns(cls):
        from django.urls import path

        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<slug:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]
