"""Checks on what operators type: years of office (phone numbers: ``villages.phone``)."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The Republic's first year: no office of a village government predates it.
FIRST_YEAR = 1945
# A known end of term (e.g. a kepala desa's eight-year term) may lie years ahead.
YEARS_AHEAD = 10


def latest_year() -> int:
    """The last year a period of office (or a founding) may be given for."""
    return timezone.localdate().year + YEARS_AHEAD


def validate_year(value: int | None) -> None:
    """A year between 1945 and ten years from now."""
    if value is not None and not FIRST_YEAR <= value <= latest_year():
        raise ValidationError(
            _("Tahun harus antara %(first)s dan %(last)s."),
            code="year_out_of_range",
            params={"first": FIRST_YEAR, "last": latest_year()},
        )
