"""Importing village figures from CSV or XLSX files (tablib reads them).

Three layouts, recognised from the header row (``LAYOUTS``). Every row is validated before
anything is saved; each error names its spreadsheet row (the header is row 1) and column.
A plan with any error saves nothing. Good rows become one ``NewRelease`` per village,
dataset and period, saved together by ``releases.publish_many`` (atomic, versioned).

Validation costs a fixed number of queries (villages, permissions, vocabularies, existing
releases), whatever the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

import tablib

from villages.models import Region
from villages.models.regions import Level

from . import indices
from .models import (
    Account,
    BudgetLine,
    IndexValue,
    PopulationFigure,
    Release,
    StatisticCategory,
    StatisticGroup,
)
from .models.releases import BUDGET, POPULATION, Source
from .periods import Period, parse_period
from .permissions import writable_villages
from .releases import NewRelease, publish_many
from .vocabularies import SEX_CATEGORY

POPULATION_LAYOUT = "population"
BUDGET_LAYOUT = "apbdes"
INDEX_LAYOUT = "index"
CODE = "kode_wilayah"


@dataclass(frozen=True)
class Layout:
    slug: str
    headers: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def all_headers(self) -> tuple[str, ...]:
        return (*self.headers, *self.optional)


LAYOUTS: dict[str, Layout] = {
    POPULATION_LAYOUT: Layout(
        POPULATION_LAYOUT,
        ("kode_wilayah", "periode", "statistik", "kelompok", "laki_laki", "perempuan"),
        ("dusun",),
    ),
    BUDGET_LAYOUT: Layout(
        BUDGET_LAYOUT,
        ("kode_wilayah", "tahun", "kode_rekening", "uraian", "anggaran", "realisasi"),
    ),
    INDEX_LAYOUT: Layout(INDEX_LAYOUT, ("kode_wilayah", "tahun", "indeks", "dimensi", "nilai")),
}


class LayoutError(ValueError):
    """The header row matches no layout."""


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row: the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        return _("baris %(row)s, kolom %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Plan:
    layout: Layout | None
    errors: list[RowError] = field(default_factory=list)
    releases: list[NewRelease] = field(default_factory=list)
    rows: int = 0
    # (village pk, dataset, period) -> current version it replaces
    replaces: dict[tuple[int, str, str], int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    def summary(self) -> list[dict]:
        """Per village, dataset and period: rows and the version it replaces (or None)."""
        return [
            {
                "village": new.village,
                "dataset": new.dataset,
                "period": str(new.period),
                "rows": len(new.figures),
                "replaces": self.replaces.get((new.village.pk, new.dataset, str(new.period))),
            }
            for new in self.releases
        ]

    @property
    def villages(self) -> list[Region]:
        return list({new.village.pk: new.village for new in self.releases}.values())


# -- reading ------------------------------------------------------------------------
def _clean_header(value) -> str:
    return str(value or "").strip().lower().lstrip("\ufeff")


def read_file(fileobj, filename: str) -> tablib.Dataset:
    """The file's rows as a tablib Dataset (CSV or XLSX, by the file name's extension)."""
    suffix = Path(filename or "").suffix.lower()
    content = fileobj.read()
    if suffix == ".xlsx":
        if isinstance(content, str):
            raise LayoutError(_("Berkas XLSX tidak dapat dibaca."))
        try:
            return tablib.Dataset().load(content, format="xlsx")
        except Exception as error:  # openpyxl raises many kinds
            raise LayoutError(_("Berkas XLSX tidak dapat dibaca: %s") % error) from error
    if suffix in (".csv", ".txt", ""):
        if isinstance(content, bytes):
            try:
                content = content.decode("utf-8-sig")
            except UnicodeDecodeError:
                content = content.decode("latin-1")
        content = content.lstrip("\ufeff")
        if not content.strip():
            raise LayoutError(_("Berkas kosong."))
        delimiter = (
            ";"
            if content.split("\n", 1)[0].count(";") > content.split("\n", 1)[0].count(",")
            else ","
        )
        return tablib.Dataset().load(content, format="csv", delimiter=delimiter)
    raise LayoutError(
        _("Jenis berkas %(suffix)s tidak didukung: gunakan CSV atau XLSX.") % {"suffix": suffix}
    )


def expected_headers_text() -> str:
    return "; ".join(
        f"{layout.slug}: {','.join(layout.headers)}"
        + (f" [+{','.join(layout.optional)}]" if layout.optional else "")
        for layout in LAYOUTS.values()
    )


def detect_layout(headers) -> Layout:
    cleaned = [_clean_header(h) for h in headers if _clean_header(h)]
    found = set(cleaned)
    for layout in LAYOUTS.values():
        if set(layout.headers) <= found <= set(layout.all_headers) and len(cleaned) == len(found):
            return layout
    raise LayoutError(
        _("Baris judul tidak dikenali (%(found)s). Judul kolom yang diharapkan: %(expected)s.")
        % {"found": ",".join(cleaned) or _("kosong"), "expected": expected_headers_text()}
    )


def dataset_records(data: tablib.Dataset) -> tuple[Layout, list[dict]]:
    layout = detect_layout(data.headers or [])
    keys = [_clean_header(h) for h in data.headers]
    records = []
    for row in data:
        if all(v is None or str(v).strip() == "" for v in row):
            records.append(None)  # keep row numbers; skipped
            continue
        records.append(dict(zip(keys, row, strict=False)))
    return layout, records


# -- validation ---------------------------------------------------------------------
def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _whole_number(value) -> int:
    """A non-negative integer, or ValueError with the message."""
    if isinstance(value, bool):
        raise ValueError(_("harus bilangan bulat"))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError(_("%(value)s bukan bilangan bulat") % {"value": value})
        number = int(value)
    else:
        text = _text(value).replace(" ", "")
        if not text:
            raise ValueError(_("wajib diisi"))
        try:
            number = int(text)
        except ValueError:
            try:
                dec = Decimal(text)
            except InvalidOperation:
                raise ValueError(_("%(value)s bukan angka") % {"value": text}) from None
            if dec != dec.to_integral_value():
                raise ValueError(_("%(value)s bukan bilangan bulat") % {"value": text}) from None
            number = int(dec)
    if number < 0:
        raise ValueError(_("tidak boleh negatif (%(value)s)") % {"value": number})
    return number


class _Context:
    """Everything validation needs, loaded once."""

    def __init__(self, records: list, user):
        codes = {_text(r.get(CODE)) for r in records if r}
        self.villages = {
            v.code: v for v in Region.objects.filter(level=Level.VILLAGE, code__in=codes)
        }
        self.writable = set(
            writable_villages(user).filter(code__in=codes).values_list("code", flat=True)
        )
        self._categories = None
        self._accounts = None
        self.periods: dict[tuple[str, bool], Period | str] = {}  # text → period or error
        self.first_rows: dict[tuple, int] = {}  # (release key, category id) → its first row

    def categories(self) -> dict[str, tuple[StatisticCategory, dict[str, StatisticGroup]]]:
        if self._categories is None:
            cats = {c.pk: c for c in StatisticCategory.objects.select_related("regency")}
            groups: dict[int, dict[str, StatisticGroup]] = {pk: {} for pk in cats}
            for group in StatisticGroup.objects.all():
                groups[group.category_id][group.label.strip().casefold()] = group
            self._categories = {c.slug: (c, groups[c.pk]) for c in cats.values()}
        return self._categories

    def accounts(self) -> dict[str, Account]:
        if self._accounts is None:
            self._accounts = {a.code: a for a in Account.objects.all()}
        return self._accounts


def _village(plan, ctx, n, record):
    code = _text(record.get(CODE))
    village = ctx.villages.get(code)
    if not code:
        plan.error(n, CODE, _("wajib diisi"))
    elif village is None:
        plan.error(n, CODE, _("kode desa %(code)s tidak dikenal") % {"code": code})
    elif code not in ctx.writable:
        plan.error(
            n,
            CODE,
            _("Anda tidak berhak mengisi data desa %(code)s (%(name)s)")
            % {"code": code, "name": village.name},
        )
    else:
        return village
    return None


def _period(plan, ctx, n, record, column, *, year_only):
    """The row's period; each distinct text is parsed once (a file has a handful)."""
    key = (_text(record.get(column)), year_only)
    if key not in ctx.periods:
        try:
            ctx.periods[key] = parse_period(key[0], year_only=year_only)
        except ValidationError as error:
            ctx.periods[key] = " ".join(error.messages)
    found = ctx.periods[key]
    if isinstance(found, str):
        plan.error(n, column, found)
        return None
    return found


def _number(plan, n, record, column):
    try:
        return _whole_number(record.get(column))
    except ValueError as error:
        plan.error(n, column, str(error))
        return None


def _population_row(plan, ctx, n, record, seen):
    village = _village(plan, ctx, n, record)
    period = _period(plan, ctx, n, record, "periode", year_only=False)
    slug = _text(record.get("statistik")).lower()
    label = _text(record.get("kelompok"))
    hamlet = _text(record.get("dusun"))
    male = _number(plan, n, record, "laki_laki")
    female = _number(plan, n, record, "perempuan")
    category = group = None
    found = ctx.categories().get(slug)
    if not slug:
        plan.error(n, "statistik", _("wajib diisi"))
    elif found is None or (
        village is not None
        and found[0].regency_id is not None
        and found[0].regency.code != village.regency_code
    ):
        plan.error(n, "statistik", _("statistik %(slug)s tidak dikenal") % {"slug": slug})
    else:
        category, groups = found
        group = groups.get(label.casefold())
        if group is None:
            plan.error(
                n,
                "kelompok",
                _("kelompok %(label)s tidak ada dalam statistik %(slug)s")
                % {"label": label or _("(kosong)"), "slug": slug},
            )
    if None in (village, period, group, male, female):
        return None
    key = (village.pk, str(period), group.pk, hamlet.casefold())
    if key in seen:
        plan.error(n, "kelompok", _("baris ganda: sama dengan baris %(row)s") % {"row": seen[key]})
        return None
    seen[key] = n
    figure = PopulationFigure(
        category_id=category.pk, group_id=group.pk, hamlet=hamlet, male=male, female=female
    )
    release_key = (village, POPULATION, period)
    ctx.first_rows.setdefault((release_key, category.pk), n)
    return release_key, figure


def _check_population_totals(plan, ctx, releases: dict) -> None:
    """A category that covers the whole population (age, religion, education…) adds up to
    the sex statistic of the same village and period, as in the admin form: checked where
    the file gives both (village-wide figures; a hamlet's rows are not summed)."""
    categories = ctx.categories()
    if SEX_CATEGORY not in categories:
        return
    sex_id = categories[SEX_CATEGORY][0].pk
    covering = {
        c.pk: c for c, _groups in categories.values() if c.covers_population and c.pk != sex_id
    }
    for key, figures in releases.items():
        sums: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for figure in figures:
            if not figure.hamlet:
                sums[figure.category_id][0] += figure.male
                sums[figure.category_id][1] += figure.female
        if sex_id not in sums:
            continue
        people = sums[sex_id]
        for category_id, (male, female) in sums.items():
            if category_id not in covering or [male, female] == people:
                continue
            plan.error(
                ctx.first_rows[(key, category_id)],
                "laki_laki" if male != people[0] else "perempuan",
                _(
                    "statistik %(slug)s desa %(code)s periode %(period)s mencakup seluruh "
                    "penduduk: laki-laki %(male)s dan perempuan %(female)s harus sama dengan "
                    "statistik jenis kelamin (%(people_male)s dan %(people_female)s)"
                )
                % {
                    "slug": covering[category_id].slug,
                    "code": key[0].code,
                    "period": key[2],
                    "male": male,
                    "female": female,
                    "people_male": people[0],
                    "people_female": people[1],
                },
            )


def _budget_row(plan, ctx, n, record, seen):
    village = _village(plan, ctx, n, record)
    year = _period(plan, ctx, n, record, "tahun", year_only=True)
    code = _text(record.get("kode_rekening"))
    description = _text(record.get("uraian"))[:255]
    amount = _number(plan, n, record, "anggaran")
    realised = record.get("realisasi")
    realisation = 0 if _text(realised) == "" else _number(plan, n, record, "realisasi")
    account = ctx.accounts().get(code)
    if not code:
        plan.error(n, "kode_rekening", _("wajib diisi"))
    elif account is None:
        plan.error(
            n,
            "kode_rekening",
            _("kode rekening %(code)s tidak ada dalam bagan akun") % {"code": code},
        )
    elif not account.is_leaf:
        plan.error(
            n,
            "kode_rekening",
            _("rekening %(code)s punya rincian: isi angka pada rekening rinciannya")
            % {"code": code},
        )
        account = None
    if None in (village, year, account, amount, realisation):
        return None
    key = (village.pk, str(year), account.pk, description.casefold())
    if key in seen:
        plan.error(
            n, "kode_rekening", _("baris ganda: sama dengan baris %(row)s") % {"row": seen[key]}
        )
        return None
    seen[key] = n
    figure = BudgetLine(
        account_id=account.pk, description=description, budget=amount, realisation=realisation
    )
    return (village, BUDGET, year), figure


def _index_row(plan, ctx, n, record, seen):
    village = _village(plan, ctx, n, record)
    year = _period(plan, ctx, n, record, "tahun", year_only=True)
    slug = _text(record.get("indeks")).lower()
    dimension = _text(record.get("dimensi")).lower()
    kind = indices.get_index(slug)
    value = None
    if kind is None:
        plan.error(
            n,
            "indeks",
            _("indeks %(slug)s tidak dikenal (pilihan: %(choices)s)")
            % {
                "slug": slug or _("(kosong)"),
                "choices": ", ".join(k.slug for k in indices.index_kinds()),
            },
        )
    else:
        if dimension not in kind.value_slugs:
            plan.error(
                n,
                "dimensi",
                _("dimensi %(dim)s tidak dikenal (pilihan: %(choices)s)")
                % {"dim": dimension or _("(kosong)"), "choices": ", ".join(kind.value_slugs)},
            )
            dimension = None
        text = _text(record.get("nilai")).replace(",", ".")
        try:
            value = Decimal(text)
            if not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            plan.error(n, "nilai", _("%(value)s bukan angka") % {"value": text or _("(kosong)")})
            value = None
        else:
            if not kind.minimum <= value <= kind.maximum:
                plan.error(
                    n,
                    "nilai",
                    _("%(value)s di luar rentang %(min)s–%(max)s")
                    % {"value": text, "min": kind.minimum, "max": kind.maximum},
                )
                value = None
            else:
                value = value.quantize(Decimal(1).scaleb(-kind.decimal_places))
    if None in (village, year, kind, dimension, value):
        return None
    key = (village.pk, kind.slug, str(year), dimension)
    if key in seen:
        plan.error(n, "dimensi", _("baris ganda: sama dengan baris %(row)s") % {"row": seen[key]})
        return None
    seen[key] = n
    return (village, kind.slug, year), IndexValue(dimension=dimension, value=value)


ROW_VALIDATORS = {
    POPULATION_LAYOUT: _population_row,
    BUDGET_LAYOUT: _budget_row,
    INDEX_LAYOUT: _index_row,
}


def _check_index_scores(plan, groups, rows_of):
    for (village, slug, year), figures in groups.items():
        kind = indices.get_index(slug)
        if kind is None or not kind.score_is_mean:
            continue
        values = {f.dimension: f.value for f in figures}
        if indices.SCORE not in values or not all(d.slug in values for d in kind.dimensions):
            continue
        mean = sum(values[d.slug] for d in kind.dimensions) / len(kind.dimensions)
        if abs(values[indices.SCORE] - mean) > kind.tolerance:
            plan.error(
                rows_of[(village.pk, slug, str(year), indices.SCORE)],
                "nilai",
                _("skor %(score)s bukan rata-rata dimensinya (%(mean)s)")
                % {"score": values[indices.SCORE], "mean": mean.quantize(Decimal("0.0001"))},
            )


def plan_records(
    records: Iterable[dict | None], *, user=None, layout: Layout | None = None
) -> Plan:
    """Validate every record (dicts keyed by the layout's headers; the first is row 2)."""
    records = list(records)
    if layout is None:
        first = next((r for r in records if r), None)
        layout = detect_layout(first.keys() if first else [])
    plan = Plan(layout)
    validate = ROW_VALIDATORS[layout.slug]
    ctx = _Context(records, user)
    seen: dict = {}
    groups: dict[tuple, list] = {}
    for n, record in enumerate(records, start=2):
        if not record:
            continue
        record = {_clean_header(k): v for k, v in record.items()}
        plan.rows += 1
        result = validate(plan, ctx, n, record, seen)
        if result is not None:
            key, figure = result
            groups.setdefault(key, []).append(figure)
    if layout.slug == INDEX_LAYOUT:
        _check_index_scores(plan, groups, seen)
    if layout.slug == POPULATION_LAYOUT:
        _check_population_totals(plan, ctx, groups)
    if plan.rows == 0:
        plan.error(2, CODE, _("berkas tidak berisi baris data"))
    plan.errors.sort(
        key=lambda e: (
            e.row,
            layout.all_headers.index(e.column) if e.column in layout.all_headers else 99,
        )
    )
    if plan.errors:
        return plan
    plan.releases = [
        NewRelease(village, dataset, period, figures)
        for (village, dataset, period), figures in groups.items()
    ]
    if plan.releases:
        current = Release.objects.filter(
            village_id__in={r.village.pk for r in plan.releases},
            dataset__in={r.dataset for r in plan.releases},
            period__in={str(r.period) for r in plan.releases},
            is_current=True,
        ).values_list("village_id", "dataset", "period", "version")
        plan.replaces = {(v, d, p): version for v, d, p, version in current}
    return plan


def plan_file(fileobj, filename: str, *, user=None) -> Plan:
    """Read and validate a file; a header that matches no layout is one error on row 1."""
    try:
        layout, records = dataset_records(read_file(fileobj, filename))
    except LayoutError as error:
        plan = Plan(None)
        plan.error(1, "-", str(error))
        return plan
    return plan_records(records, user=user, layout=layout)


def apply_plan(
    plan: Plan, *, source: str = Source.IMPORT, user=None, filename: str = ""
) -> list[Release]:
    """Save a plan without errors, all or nothing."""
    if plan.errors:
        raise ValueError(_("Impor dengan kesalahan tidak disimpan."))
    return publish_many(plan.releases, source=source, user=user, filename=filename)
