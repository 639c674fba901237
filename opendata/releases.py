"""Saving figures: every save is a new current release, the previous one kept as history.

One function for every way figures arrive (admin form, import, API), so all of them are
versioned, all-or-nothing, and serialised per village: two saves of the same village's
dataset at once get consecutive versions, never two current releases.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from villages.models import Region

from .models import BudgetLine, IndexValue, PopulationFigure, Release
from .models.releases import BUDGET, POPULATION
from .periods import Period

FIGURE_MODELS = {POPULATION: PopulationFigure, BUDGET: BudgetLine}
BATCH_SIZE = 2000


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
    list(Region.objects.select_for_update().filter(pk__in=village_ids).values_list("pk"))
    keys = {(r.village.pk, r.dataset, str(r.period)) for r in releases}
    latest = _latest_versions(keys)
    saved = []
    for new in releases:
        key = (new.village.pk, new.dataset, str(new.period))
        Release.objects.filter(
            village=new.village, dataset=new.dataset, period=key[2], is_current=True
        ).update(is_current=False)
        release = Release.objects.create(
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
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        for figure in new.figures:
            figure.release = release
        figure_model(new.dataset).objects.bulk_create(new.figures, batch_size=BATCH_SIZE)
        saved.append(release)
    return saved


def _latest_versions(keys: Iterable[tuple[int, str, str]]) -> dict:
    keys = list(keys)
    if not keys:
        return {}
    rows = (
        Release.objects.filter(
            village_id__in={k[0] for k in keys},
            dataset__in={k[1] for k in keys},
            period__in={k[2] for k in keys},
        )
        .values("village_id", "dataset", "period")
        .annotate(latest=Max("version"))
    )
    return {(r["village_id"], r["dataset"], r["period"]): r["latest"] for r in rows}
