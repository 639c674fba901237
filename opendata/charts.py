"""Server-rendered SVG charts of the data pages, each with the table of its figures.

Why hand-built bars and not a charting library: pygal, the maintained Python library that
emits SVG, embeds its own stylesheet and a ``<script>`` reference (pygal-tooltips from a
CDN) in every chart and sizes charts in pixels; its output for a 20-group category weighs
tens of kilobytes, and without JavaScript its values are only in tooltips. The charts here
are horizontal bars, which stay legible on a 360 px phone (``viewBox`` + ``width: 100%``),
print in black and white (patterns by series class, labels as text) and need no script.
The numbers are computed here once; the template draws the SVG and the ``<table>`` from the
same ``Chart``, so the chart always shows the table's values (and tests check it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .indices import SCORE

WIDTH = 600  # viewBox units; the SVG scales to its container
LABEL_HEIGHT = 16
BAR_HEIGHT = 12
BAR_GAP = 2
ROW_GAP = 10
VALUE_SPACE = 110  # room right of the longest bar for its value


@dataclass
class Bar:
    series: int
    value: int | Decimal
    text: str
    y: float
    width: float

    @property
    def text_x(self) -> float:
        return round(self.width + 4, 1)

    @property
    def text_y(self) -> float:
        return round(self.y + BAR_HEIGHT - 2, 1)


@dataclass
class ChartRow:
    label: str
    values: list
    texts: list[str] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    y: float = 0

    @property
    def cells(self) -> list[tuple]:
        return list(zip(self.values, self.texts, strict=True))


@dataclass
class Chart:
    slug: str
    caption: str
    series: list[str]
    rows: list[ChartRow]
    height: float = 0
    width: int = WIDTH
    unit: str = ""
    note: str = ""

    @property
    def caption_id(self) -> str:
        return f"chart-{self.slug}-caption"

    @property
    def value_x_offset(self) -> int:
        return 4


def _text(value) -> str:
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=-value.as_tuple().exponent, use_l10n=True)
    return number_format(value, use_l10n=True, force_grouping=True)


def build(slug, caption, series, rows, unit="", note="", scale_max=None) -> Chart:
    """Lay out horizontal bars: per row its label, then one bar per series."""
    chart = Chart(slug, str(caption), [str(s) for s in series], [], unit=unit, note=note)
    values = [v for _label, vals in rows for v in vals if v is not None]
    top = scale_max if scale_max is not None else max([abs(v) for v in values] or [0])
    span = WIDTH - VALUE_SPACE
    y = 0.0
    for label, vals in rows:
        row = ChartRow(str(label), list(vals), [_text(v) if v is not None else "–" for v in vals])
        row.y = y + LABEL_HEIGHT - 4
        y += LABEL_HEIGHT
        for index, (value, text) in enumerate(zip(vals, row.texts, strict=True)):
            width = float(abs(value)) / float(top) * span if value and top else 0.0
            row.bars.append(Bar(index, value, text, y, round(width, 1)))
            y += BAR_HEIGHT + BAR_GAP
        y += ROW_GAP
        chart.rows.append(row)
    chart.height = round(y, 1)
    return chart


def population_chart(category) -> Chart:
    """One category: men and women per group."""
    return build(
        category.category.slug,
        category.category.name,
        [_("Laki-laki"), _("Perempuan")],
        [(g.label, [g.male, g.female]) for g in category.groups],
        unit=category.category.get_unit_display(),
    )


def budget_charts(table) -> list[Chart]:
    """Income by source, spending by bidang, financing: budget against realisation."""
    series = [_("Anggaran"), _("Realisasi")]

    def children(code):
        parent = table.get(code)
        if parent is None:
            return []
        return [
            (f"{c.code} {c.name}", [c.budget, c.realisation])
            for c in parent.children
            if c.budget or c.realisation
        ]

    charts = []
    for slug, caption, code in (
        ("pendapatan", _("Pendapatan menurut sumber (Rp)"), "4"),
        ("belanja", _("Belanja menurut bidang (Rp)"), "5"),
        ("pembiayaan", _("Pembiayaan (Rp)"), "6"),
    ):
        rows = children(code)
        if rows:
            charts.append(build(slug, caption, series, rows, unit="Rp"))
    return charts


def index_charts(table, year, rollup: bool = False) -> list[Chart]:
    """The score and its dimensions in the chosen year, the score over the years and, in a
    roll-up, the villages per status."""
    kind = table.kind
    rows = [(_("Skor %(index)s") % {"index": kind.short}, [year.values.get(SCORE)])]
    rows += [(f"{d.short} ({d.name})", [year.values.get(d.slug)]) for d in kind.dimensions]
    top = kind.maximum
    value_label = _("Rata-rata nilai") if rollup else _("Nilai")
    charts = [
        build(
            "nilai",
            _("%(index)s tahun %(year)s") % {"index": kind.name, "year": year.year},
            [value_label],
            rows,
            scale_max=top,
        )
    ]
    history = [(str(y.year), [y.values.get(SCORE)]) for y in reversed(table.years)]
    charts.append(
        build(
            "riwayat",
            _("Skor %(index)s menurut tahun") % {"index": kind.short},
            [value_label],
            history,
            scale_max=top,
        )
    )
    if rollup:
        counts = [(b.name, [year.status_counts.get(b.slug, 0)]) for b in kind.bands]
        charts.append(
            build(
                "status",
                _("Jumlah desa menurut status tahun %(year)s") % {"year": year.year},
                [_("Desa")],
                counts,
            )
        )
    return charts
