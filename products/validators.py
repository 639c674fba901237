"""Checks and clean-ups for what operators type in: prices, links, places.

WhatsApp numbers are read by ``villages.phone``, like every phone number of the platform.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# Plain digits, or digits grouped by thousands with dots (the Indonesian way: 150.000).
RUPIAH_PATTERN = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)$")

# Roughly the box around Indonesia, from Rote to Sabang and Miangas to Merauke.
LATITUDE_RANGE = (Decimal(-11), Decimal(6))
LONGITUDE_RANGE = (Decimal(94), Decimal(142))


def parse_rupiah(raw: str) -> Decimal:
    """A price typed as ``150000``, ``150.000``, ``Rp 150.000`` or ``Rp150.000,-``.

    Rupiah prices have no cents, so a dot always groups thousands.
    """
    text = re.sub(r"\s", "", raw or "")
    text = re.sub(r"^rp\.?", "", text, flags=re.IGNORECASE)
    text = re.sub(r",(-|00?)$", "", text)
    if not RUPIAH_PATTERN.match(text):
        raise ValidationError(
            _("Tulis harga dalam rupiah tanpa sen, misalnya 150000 atau 150.000."),
            code="invalid_rupiah",
        )
    return Decimal(text.replace(".", ""))


http_url_validator = URLValidator(
    schemes=["http", "https"],
    message=_("Tautan harus alamat web lengkap yang diawali https:// atau http://."),
)


def _validate_range(value, bounds, message) -> None:
    if value is not None and not bounds[0] <= value <= bounds[1]:
        raise ValidationError(message, code="outside_indonesia")


def validate_latitude(value) -> None:
    """Latitude inside Indonesia (about -11 to 6)."""
    _validate_range(
        value, LATITUDE_RANGE, _("Garis lintang harus di wilayah Indonesia (antara -11 dan 6).")
    )


def validate_longitude(value) -> None:
    """Longitude inside Indonesia (about 94 to 142)."""
    _validate_range(
        value, LONGITUDE_RANGE, _("Garis bujur harus di wilayah Indonesia (antara 94 dan 142).")
    )
