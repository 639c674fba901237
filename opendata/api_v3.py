"""API v3 (django-ninja) routes for village data: ``/api/v3/data/``.

Reads, like v2 (``opendata.api``): the requesting site's region, a village's own figures or
the sums over the villages below a kecamatan or regency. Writes, for the regency's systems
that push figures: ``POST /api/v3/data/<dataset>/`` with a village code, a period and the
rows of the import layout (``opendata.importing.LAYOUTS``), authenticated with a bearer
token like every v3 write. The rows go through the import pipeline (``plan_records`` then
``apply_plan(source="api")``): every row is validated first, any error is a 400 naming its
row and column and nothing is saved; otherwise the village's figures for that period are
replaced by a new release, the previous one kept as history. A token writes only the
villages its user may write (an operator: their own village; a regency admin: the
regency's villages): another village is a 403.

The error statuses (400, 401, 403, 404, 422 as ``application/problem+json``) are added to the
OpenAPI schema by ``villages.patches.api_v3_error_responses``, by the same rules as Wagtail's
routes; ``tests/api/test_v3_fuzz.py`` checks every answer is documented.
"""

from __future__ import annotations

from http import HTTPStatus

from django.http import HttpRequest
from django.utils.translation import gettext as _

from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.errors import problem_response

from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from villages.models import Region
from villages.models.regions import Level, Role
from villages.scope import region_code_q, user_regions

from . import api as data_api
from . import indices
from .models.releases import BUDGET, POPULATION

router = Router(tags=["data"])

READ_AUTH = [BearerTokenAuth(), AllowAnonymous()]
# Roles whose holders write village data (the regency's own systems use a regency admin's
# token); a role on a region reaches every village below it.
WRITER_ROLES = [Role.OPERATOR, Role.REGENCY_ADMIN]


class DataQuery(Schema):
    periode: str | None = Field(
        None, description="Periode statistik penduduk: 2025 atau 2025-S1 (terbaru bila kosong)."
    )
    tahun: str | None = Field(None, description="Tahun APBDes dan indeks: 2025.")
    site: str | None = Field(None, description="Hanya situs yang sedang diakses.")


class FiguresIn(Schema):
    kode_wilayah: str = Field(..., description="Kode desa, mis. 35.23.02.2001.", max_length=20)
    periode: str = Field(
        ...,
        description="2025-S1 atau 2025 (penduduk); tahun untuk APBDes dan indeks.",
        max_length=10,
    )
    rows: list[dict[str, str | int | float | None]] = Field(
        ...,
        min_length=1,
        description=(
            "Baris dengan kolom tata letak impor tanpa kode_wilayah dan periode/tahun, mis. "
            "penduduk: statistik, kelompok, laki_laki, perempuan[, dusun]; APBDes: "
            "kode_rekening, uraian, anggaran, realisasi; indeks: dimensi, nilai."
        ),
    )


class ReleaseOut(Schema):
    kode_wilayah: str
    dataset: str
    periode: str
    versi: int
    baris: int


class WriteOut(Schema):
    releases: list[ReleaseOut]


# -- what the reads answer (``opendata.api``'s dicts, typed for the OpenAPI schema) --------


class RegionOut(Schema):
    code: str = Field(..., description="Kode wilayah Kemendagri.")
    name: str
    level: str = Field(..., description="village, district, regency atau province.")


class CoverageOut(Schema):
    reported: int = Field(..., description="Desa yang melaporkan periode ini.")
    expected: int = Field(..., description="Desa di wilayah ini.")
    missing: int = Field(..., description="Desa yang belum melaporkan (tidak dihitung nol).")
    oldest: str | None = Field(None, description="Waktu data tertua yang dijumlahkan (ISO 8601).")
    newest: str | None = Field(None, description="Terakhir diperbarui (ISO 8601).")


class GroupOut(Schema):
    label: str
    male: int
    female: int
    total: int


class CategoryOut(Schema):
    slug: str
    name: str
    male: int
    female: int
    total: int
    groups: list[GroupOut]


class PopulationOut(Schema):
    dataset: str
    title: str
    region: RegionOut
    rollup: bool = Field(..., description="Jumlah atas desa-desa di bawah wilayah ini.")
    period: str | None
    periods: list[str]
    coverage: CoverageOut | None
    categories: list[CategoryOut]


class BudgetTotalsOut(Schema):
    surplus_budget: int = Field(..., description="Surplus/defisit anggaran (pendapatan - belanja).")
    surplus_realisation: int
    net_financing_budget: int = Field(..., description="Pembiayaan netto (6.1 - 6.2).")
    remaining_budget: int = Field(..., description="Sisa lebih/kurang pembiayaan anggaran.")


class AccountOut(Schema):
    code: str = Field(..., description="Kode rekening Permendagri 20/2018.")
    name: str
    depth: int
    budget: int
    realisation: int
    percent_realised: float | None


class BudgetOut(Schema):
    dataset: str
    title: str
    region: RegionOut
    rollup: bool
    period: str | None
    periods: list[str]
    coverage: CoverageOut | None
    totals: BudgetTotalsOut | None
    accounts: list[AccountOut]


class IndexYearOut(Schema):
    period: str
    values: dict[str, str] = Field(..., description="Skor dan dimensi (rata-rata di roll-up).")
    status: str | None = Field(..., description="Status desa (kosong di roll-up).")
    status_counts: dict[str, int] = Field(..., description="Jumlah desa per status.")
    coverage: CoverageOut | None


class IndexOut(Schema):
    dataset: str
    title: str
    region: RegionOut
    rollup: bool
    periods: list[str]
    years: list[IndexYearOut]


class AllDataOut(Schema):
    region: RegionOut
    rollup: bool
    population: PopulationOut
    budget: BudgetOut
    indices: list[IndexOut]


def _read_arguments(request, query: DataQuery):
    try:
        region = data_api.region_for_request(request)
    except ValueError as exc:
        raise HttpError(HTTPStatus.BAD_REQUEST, str(exc)) from exc
    except data_api.NoRegion as exc:
        raise HttpError(HTTPStatus.BAD_REQUEST, str(exc)) from exc
    try:
        periode = data_api.check_period(query.periode)
        tahun = data_api.check_period(query.tahun, year_only=True)
    except ValueError as exc:
        raise HttpError(HTTPStatus.BAD_REQUEST, str(exc)) from exc
    return region, periode, tahun


@router.get(
    "/",
    response=AllDataOut,
    auth=READ_AUTH,
    url_name="data_all",
    operation_id="data_all",
    summary="Village data of this site's region",
    description=(
        "Population statistics, APBDes and development indices of the requesting site's "
        "village, or summed over the villages below its kecamatan or regency, with coverage."
    ),
)
def data_all(request: HttpRequest, query: Query[DataQuery]):
    region, periode, tahun = _read_arguments(request, query)
    return data_api.all_data(region, periode=periode, tahun=tahun)


@router.get(
    "/{dataset}/",
    response=PopulationOut | BudgetOut | IndexOut,
    auth=READ_AUTH,
    url_name="data_detail",
    operation_id="data_detail",
    summary="One dataset of this site's region (penduduk, apbdes, idm)",
)
def data_detail(request: HttpRequest, dataset: str, query: Query[DataQuery]):
    region, periode, tahun = _read_arguments(request, query)
    if dataset == POPULATION:
        return data_api.population_dict(region, periode)
    if dataset == BUDGET:
        return data_api.budget_dict(region, tahun)
    if indices.get_index(dataset):
        return data_api.index_dict(region, dataset, tahun)
    raise HttpError(HTTPStatus.NOT_FOUND, _("Data %(name)s tidak dikenal.") % {"name": dataset})


# -- writes -------------------------------------------------------------------------------


def can_write(user, village: Region) -> bool:
    """May ``user`` save figures of ``village`` (``opendata.permissions`` when present)?"""
    try:
        from .permissions import can_write as shared_can_write
    except ImportError:
        shared_can_write = None
    if shared_can_write is not None:
        return shared_can_write(user, village)
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    regions = user_regions(user, WRITER_ROLES)
    return Region.objects.filter(region_code_q(regions), pk=village.pk).exists()


def records_for(dataset: str, data: FiguresIn) -> list[dict]:
    """The body's rows as import records, with the village and period of the body."""
    if dataset == POPULATION:
        fixed = {"kode_wilayah": data.kode_wilayah, "periode": data.periode}
    elif dataset == BUDGET:
        fixed = {"kode_wilayah": data.kode_wilayah, "tahun": data.periode}
    else:
        fixed = {"kode_wilayah": data.kode_wilayah, "tahun": data.periode, "indeks": dataset}
    return [{**{str(k): v for k, v in row.items()}, **fixed} for row in data.rows]


def _problem(status: int, detail: str, errors=None):
    return problem_response(status=status, detail=detail, errors=errors)


@router.post(
    "/{dataset}/",
    response={201: WriteOut},
    auth=BearerTokenAuth(),
    url_name="data_write",
    operation_id="data_write",
    summary="Save a village's figures of one dataset for one period",
    description=(
        "Replaces the village's figures for the period with a new version (the previous one "
        "stays in the history). Every row is validated first: any error is a 400 listing "
        "each row and column, and nothing is saved."
    ),
)
def data_write(request: HttpRequest, dataset: str, data: FiguresIn):
    if dataset not in {POPULATION, BUDGET} and not indices.get_index(dataset):
        raise HttpError(HTTPStatus.NOT_FOUND, _("Data %(name)s tidak dikenal.") % {"name": dataset})
    code = data.kode_wilayah.strip()
    village = Region.objects.filter(code=code, level=Level.VILLAGE).first()
    if village is None:
        raise HttpError(
            HTTPStatus.NOT_FOUND, _("Desa dengan kode %(code)s tidak ada.") % {"code": code}
        )
    if not can_write(request.user, village):
        raise HttpError(
            HTTPStatus.FORBIDDEN,
            _("Token ini tidak berhak menyimpan data %(village)s.")
            % {"village": village.display_name},
        )
    from . import importing

    plan = importing.plan_records(records_for(dataset, data), user=request.user)
    if plan.errors:
        return _problem(
            400,
            _("Ada %(n)d kesalahan; tidak ada yang disimpan.") % {"n": len(plan.errors)},
            # ``row`` counts the body's rows from 1 (the import's row 2 is the first).
            errors=[
                {
                    "row": e.row - 1,
                    "column": e.column,
                    "message": str(e.message),
                    "loc": ["body", "rows", e.row - 2, e.column],
                }
                for e in plan.errors
            ],
        )
    stray = [r for r in plan.releases if r.village.pk != village.pk or r.dataset != dataset]
    if stray or not plan.releases:
        return _problem(400, _("Baris harus berisi data desa dan jenis data yang diminta saja."))
    releases = importing.apply_plan(plan, source="api", user=request.user)
    return Status(
        201,
        {
            "releases": [
                {
                    "kode_wilayah": r.region_code,
                    "dataset": r.dataset,
                    "periode": r.period,
                    "versi": r.version,
                    "baris": r.row_count,
                }
                for r in releases
            ]
        },
    )
