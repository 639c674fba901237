"""Checks on what operators type: years of office and Indonesian phone numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The Republic's first year: no office of a village government predates it.
FIRST_YEAR = 1945
# A known end of term (e.g. a kepala desa's eight-year term) may lie years ahead.
YEARS_AHEAD = 10

# What people write between the digits: "(0356) 321-456", "0812.3456.7890", "+62 812 …".
_SEPARATORS = re.compile(r"[\s().\-/]")
# Digits after the country code: area code or 8xx mobile prefix, then the subscriber number.
_NATIONAL = re.compile(r"[1-9]\d{6,11}")
_MOBILE = re.compile(r"8\d{8,11}")


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


def national_number(value: str) -> str | None:
    """The digits after the country code ("81234567890" for "0812-3456-7890"), or None when
    ``value`` is not an Indonesian phone number."""
    compact = _SEPARATORS.sub("", value or "")
    if compact.startswith("+62"):
        rest = compact[3:].removeprefix("0")  # "+62 (0)812…" is written too
    elif compact.startswith("62"):
        rest = compact[2:].removeprefix("0")
    elif compact.startswith("0"):
        rest = compact[1:]
    else:
        return None
    return rest if _NATIONAL.fullmatch(rest) else None


def mobile_number(value: str) -> str | None:
    """Like ``national_number``, but only for mobile (8xx) numbers, the ones WhatsApp uses."""
    rest = national_number(value)
    return rest if rest and _MOBILE.fullmatch(rest) else None


def validate_phone(value: str) -> None:
    """An Indonesian landline or mobile number, with or without +62."""
    if value and national_number(value) is None:
        raise ValidationError(
            _(
                "Masukkan nomor telepon Indonesia yang benar, misalnya (0356) 321456 "
                "atau 0812 3456 7890."
            ),
            code="invalid_phone",
        )


def validate_whatsapp(value: str) -> None:
    """An Indonesian mobile number (08… or +628…)."""
    if value and mobile_number(value) is None:
        raise ValidationError(
            _(
                "Masukkan nomor HP Indonesia yang dipakai untuk WhatsApp, misalnya "
                "0812 3456 7890 atau +62 812 3456 7890."
            ),
            code="invalid_whatsapp",
        )


def normalize_whatsapp(value: str) -> str:
    """``628…`` (the form wa.me links need) for a valid number; anything else unchanged, so
    that validation can report it."""
    rest = mobile_number(value)
    return f"62{rest}" if rest else value


def tel_uri(value: str) -> str:
    """A ``tel:`` link for an Indonesian number (empty when the number is not valid)."""
    rest = national_number(value)
    return f"tel:+62{rest}" if rest else ""
