"""Periods of village data: a year (``2025``) or a semester of a year (``2025-S1``).

Population figures are reported per semester (Dukcapil publishes DKB per semester) or per
year; APBDes and the development index per year. One parser, one set of messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

PERIOD_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-S(?P<semester>[12]))?$")
FIRST_YEAR = 2000


@dataclass(frozen=True, order=True)
class Period:
    year: int
    semester: int | None = None  # None: the whole year

    def __str__(self) -> str:
        return f"{self.year}-S{self.semester}" if self.semester else str(self.year)

    @property
    def label(self) -> str:
        if self.semester:
            return _("Semester %(n)s %(year)s") % {
                "n": "I" if self.semester == 1 else "II",
                "year": self.year,
            }
        return str(self.year)

    @property
    def sort_key(self) -> int:
        """Orders years and semesters together: 2024, 2024-S1, 2024-S2, 2025…"""
        return self.year * 10 + (self.semester or 0)


def latest_year() -> int:
    return timezone.localdate().year + 1  # next year's APBDes is adopted in December


def parse_period(value, *, year_only: bool = False) -> Period:
    """``value`` as a Period, or a ValidationError in Indonesian saying what is expected."""
    text = str(value or "").strip().upper()
    match = PERIOD_PATTERN.match(text)
    if not match or (year_only and match["semester"]):
        if year_only:
            message = _("Tahun %(value)s tidak sah: tulis empat angka, mis. 2025.")
        else:
            message = _(
                "Periode %(value)s tidak sah: tulis tahun (2025) atau semester (2025-S1, 2025-S2)."
            )
        raise ValidationError(message, params={"value": value or "(kosong)"}, code="period")
    year = int(match["year"])
    if not FIRST_YEAR <= year <= latest_year():
        raise ValidationError(
            _("Tahun %(year)s di luar rentang %(first)s–%(last)s."),
            params={"year": year, "first": FIRST_YEAR, "last": latest_year()},
            code="period_range",
        )
    return Period(year, int(match["semester"]) if match["semester"] else None)


def validate_period(value) -> None:
    parse_period(value)


def validate_year(value) -> None:
    parse_period(value, year_only=True)
