"""Village development indices: the one place that knows their dimensions and statuses.

The IDM (Indeks Desa Membangun, Permendesa PDTT 2/2016) is the mean of three sub-indices and
is banded into five statuses. A newer index (Kemendes' "Indeks Desa") is one more
``IndexKind`` here, with its own dimensions, scale and bands: the stored values
(``IndexValue``: one row per dimension and one for the score) need no change.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SCORE = "skor"


@dataclass(frozen=True)
class Dimension:
    slug: str
    name: Promise | str
    short: str = ""


@dataclass(frozen=True)
class Band:
    """A status given to scores above ``above`` (the lowest band has ``above=None``)."""

    slug: str
    name: Promise | str
    above: Decimal | None


@dataclass(frozen=True)
class IndexKind:
    slug: str  # also the dataset slug of its releases and the URL of its page
    name: Promise | str
    short: str
    dimensions: tuple[Dimension, ...]
    bands: tuple[Band, ...]  # highest first
    minimum: Decimal = Decimal("0")
    maximum: Decimal = Decimal("1")
    decimal_places: int = 4
    # The score is the mean of the dimensions: an entered score must match it to this
    # tolerance (published figures are rounded).
    score_is_mean: bool = True
    tolerance: Decimal = Decimal("0.0005")
    source: str = ""

    def status(self, score) -> Band | None:
        """The band ``score`` falls in, by the official thresholds (None without a score)."""
        if score is None:
            return None
        score = Decimal(str(score))
        for band in self.bands:
            if band.above is None or score > band.above:
                return band
        return self.bands[-1]

    def band(self, slug: str) -> Band | None:
        return next((b for b in self.bands if b.slug == slug), None)

    @property
    def value_slugs(self) -> list[str]:
        return [SCORE, *(d.slug for d in self.dimensions)]


IDM = IndexKind(
    slug="idm",
    name=_("Indeks Desa Membangun"),
    short="IDM",
    dimensions=(
        Dimension("iks", _("Indeks Ketahanan Sosial"), "IKS"),
        Dimension("ike", _("Indeks Ketahanan Ekonomi"), "IKE"),
        Dimension("ikl", _("Indeks Ketahanan Lingkungan"), "IKL"),
    ),
    bands=(
        Band("mandiri", _("Mandiri"), Decimal("0.8155")),
        Band("maju", _("Maju"), Decimal("0.7072")),
        Band("berkembang", _("Berkembang"), Decimal("0.5989")),
        Band("tertinggal", _("Tertinggal"), Decimal("0.4907")),
        Band("sangat_tertinggal", _("Sangat Tertinggal"), None),
    ),
    source="Permendesa PDTT 2/2016 tentang Indeks Desa Membangun",
)

_kinds: dict[str, IndexKind] = {IDM.slug: IDM}


def register_index(kind: IndexKind) -> IndexKind:
    _kinds[kind.slug] = kind
    return kind


def unregister_index(slug: str) -> None:
    _kinds.pop(slug, None)


def index_kinds() -> list[IndexKind]:
    return list(_kinds.values())


def get_index(slug: str) -> IndexKind | None:
    return _kinds.get(slug)
