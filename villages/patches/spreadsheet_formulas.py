"""Every admin spreadsheet export writes formulas as text.

Replaces (checked against Wagtail 8.0.1) three methods of
``wagtail.admin.views.mixins.SpreadsheetExportMixin``, each wrapping the original:
``get_heading`` (column headings), ``write_csv_row`` (CSV cells) and ``generate_xlsx_row``
(XLSX cells). A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is run as a formula by spreadsheet programs (``=HYPERLINK(…)`` sends the reader's data to
another site), and those cells hold what residents and editors typed: contact-form answers,
page titles, names. Wagtail writes CSV cells as they are; in XLSX it marks them as text,
which Excel evaluates again as soon as the cell is edited. Such a cell gets a leading ``'``.

Why a patch: every export of the admin goes through this mixin (form submissions, Wagtail's
own reports, snippet listings, our history and freshness reports), and Wagtail has no hook
for an export's cells. A mixin of our own would miss the views Wagtail builds itself.
``tests/villages/test_export_formulas.py`` walks the URL resolver and proves every export
view's CSV and XLSX neutralised.
"""

from __future__ import annotations

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from .base import Patch

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """``value`` with a leading ``'`` when it is text a spreadsheet would run as a formula.

    Numbers, dates and empty cells are left as they are: a negative number is data.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return f"'{value}"
    return value


class _NeutralisingWriter:
    """A ``csv.DictWriter`` stand-in that neutralises each cell it is given."""

    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row: dict):
        return self.writer.writerow({field: neutralised(value) for field, value in row.items()})


def get_heading(self, queryset, field):
    return neutralised(HEADING.call_original(self, queryset, field))


def write_csv_row(self, writer, row_dict):
    # The view's own preprocessing runs first (in the original); what it hands the writer
    # is what gets neutralised.
    return CSV_ROW.call_original(self, _NeutralisingWriter(writer), row_dict)


def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
    for cell in XLSX_ROW.call_original(self, worksheet, row_dict, date_format=date_format):
        value = neutralised(cell.value)
        if value is not cell.value:
            cell.value = value  # openpyxl types a value starting with "'" as text
        yield cell


HEADING = Patch(SpreadsheetExportMixin, "get_heading", get_heading, "(self, queryset, field)")
CSV_ROW = Patch(SpreadsheetExportMixin, "write_csv_row", write_csv_row, "(self, writer, row_dict)")
XLSX_ROW = Patch(
    SpreadsheetExportMixin,
    "generate_xlsx_row",
    generate_xlsx_row,
    "(self, worksheet, row_dict, date_format=None)",
)
PATCHES = [HEADING, CSV_ROW, XLSX_ROW]
