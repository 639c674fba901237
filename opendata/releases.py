"""Saving figures: every save is a new current release, the previous one kept as history.

One function for every way figures arrive (admin form, import, API), so all of them are
versioned, all-or-nothing, and serialised per village: two saves of the same village's
dataset at once get consecutive versions, never two current releases.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connections, router, transaction
from django.db.models import Max

from villages.models import Region

from .models import BudgetLine, IndexValue, PopulationFigure, Release
from .models.releases import BUDGET, POPULATION
from .periods import Period

FIGURE_MODELS = {POPULATION: PopulationFigure, BUDGET: BudgetLine}
BATCH_SIZE = 2000  # figures per executemany
CHUNK = 500  # ids per IN (…) and releases per INSERT: far below SQLite's variable limit


def figure_model(dataset: str):
    return FIGURE_MODELS.get(dataset, IndexValue)


@dataclass
class NewRelease:
    """The validated figures of one village, dataset and period, not saved yet."""

    village: Region
    dataset: str
    period: Period
    figures: list = field(default_factory=list)  # unsaved PopulationFigure/BudgetLine/…


def publish(
    new: NewRelease, *, source: str, user=None, filename: str = "", note: str = ""
) -> Release:
    """Save one release (see ``publish_many``)."""
    return publish_many([new], source=source, user=user, filename=filename, note=note)[0]


@transaction.atomic
def publish_many(
    releases: Sequence[NewRelease], *, source: str, user=None, filename: str = "", note: str = ""
) -> list[Release]:
    """Save every release in one transaction: all of them, or (on any error) none.

    Each becomes the current release of its village, dataset and period, with the next
    version number; the release it replaces stays as history.
    """
    village_ids = sorted({r.village.pk for r in releases})
    # Serialise saves per village (a row lock on PostgreSQL; SQLite locks the database).
    for chunk in _chunks(village_ids):
        list(Region.objects.select_for_update().filter(pk__in=chunk).values_list("pk"))
    keys = [(r.village.pk, r.dataset, str(r.period)) for r in releases]
    if len(set(keys)) != len(keys):
        raise ValueError("one village, dataset and period twice in one save")
    latest = _latest_versions(keys)
    # The releases replaced step down: one UPDATE per dataset and period, not per village.
    retiring: dict[tuple[str, str], list[int]] = defaultdict(list)
    for village_id, dataset, period in keys:
        retiring[(dataset, period)].append(village_id)
    for (dataset, period), ids in retiring.items():
        for chunk in _chunks(ids):
            Release.objects.filter(
                village_id__in=chunk, dataset=dataset, period=period, is_current=True
            ).update(is_current=False)
    author = user if getattr(user, "is_authenticated", False) else None
    saved = Release.objects.bulk_create(
        [
            Release(
                village=new.village,
                region_code=new.village.code,
                dataset=new.dataset,
                period=key[2],
                year=new.period.year,
                version=latest.get(key, 0) + 1,
                is_current=True,
                source=source,
                filename=filename[:255],
                note=note[:255],
                row_count=len(new.figures),
                created_by=author,
            )
            for new, key in zip(releases, keys, strict=True)
        ],
        batch_size=CHUNK,
    )
    figures: dict[type, list] = defaultdict(list)
    for new, release in zip(releases, saved, strict=True):
        assert release.pk is not None  # bulk_create returns the ids on SQLite and PostgreSQL
        for figure in new.figures:
            figure.release = release
        figures[figure_model(new.dataset)].extend(new.figures)
    for model, objects in figures.items():
        insert_rows(model, objects)
    return saved


def insert_rows(model, objects: list) -> None:
    """INSERT ``objects`` (new rows of a figure model, whose fields need no ``pre_save``) in
    batches of one statement each: ``bulk_create`` without its per-object bookkeeping, which
    costs seconds for the tens of thousands of figures of a regency's file. The objects get
    no primary key (nothing reads it before they are loaded again)."""
    if not objects:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    # Names from the model, quoted; every value is a parameter.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    prepare = [(f.attname, f.get_db_prep_save) for f in fields]

    def rows(chunk):
        return [
            tuple(prep(getattr(obj, attname), connection) for attname, prep in prepare)
            for obj in chunk
        ]

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: PostgreSQL's bulk load, several times faster than INSERTs (psycopg 3).
            copy_sql = "COPY {} ({}) FROM STDIN".format(
                quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
            )
            with cursor.cursor.copy(copy_sql) as copy:
                for row in rows(objects):
                    copy.write_row(row)
            return
        for chunk in _chunks(objects, BATCH_SIZE):
            cursor.executemany(sql, rows(chunk))


def _chunks(items: Sequence, size: int = 0):
    size = size or CHUNK
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _latest_versions(keys: Iterable[tuple[int, str, str]]) -> dict:
    keys = list(keys)
    datasets, periods = {k[1] for k in keys}, {k[2] for k in keys}
    latest = {}
    for chunk in _chunks(sorted({k[0] for k in keys})):
        rows = (
            Release.objects.filter(village_id__in=chunk, dataset__in=datasets, period__in=periods)
            .values("village_id", "dataset", "period")
            .annotate(latest=Max("version"))
        )
        latest.update({(r["village_id"], r["dataset"], r["period"]): r["latest"] for r in rows})
    return latest
