"""Checks and clean-ups for what operators type in: WhatsApp numbers, prices, links, places."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# An Indonesian mobile number once written internationally: 62, then 8, then 8 to 11 digits
# (08xx numbers are 10 to 13 digits long when written with the leading 0).
WHATSAPP_PATTERN = re.compile(r"^628\d{8,11}$")
# Separators people put in phone numbers: spaces, dashes, dots and brackets.
PHONE_SEPARATORS = re.compile(r"[\s\-.()]")

# Plain digits, or digits grouped by thousands with dots (the Indonesian way: 150.000).
RUPIAH_PATTERN = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)$")

# Roughly the box around Indonesia, from Rote to Sabang and Miangas to Merauke.
LATITUDE_RANGE = (Decimal(-11), Decimal(6))
LONGITUDE_RANGE = (Decimal(94), Decimal(142))


def normalize_whatsapp(raw: str) -> str:
    """An Indonesian mobile number as WhatsApp wants it (``628…``), or ValidationError.

    Accepts ``0812…``, ``+62 812…`` and ``62 812…`` with spaces, dashes or dots anywhere.
    """
    number = PHONE_SEPARATORS.sub("", raw or "")
    if number.startswith("+"):
        number = number[1:]
    elif number.startswith("0"):
        number = "62" + number[1:]
    if not WHATSAPP_PATTERN.match(number):
        raise ValidationError(
            _(
                "Nomor WhatsApp harus nomor HP Indonesia, misalnya 0812-3456-7890 "
                "atau +62 812-3456-7890."
            ),
            code="invalid_whatsapp",
        )
    return number


def validate_whatsapp(value: str) -> None:
    """Model validator: the number must be one ``normalize_whatsapp`` accepts."""
    if value:
        normalize_whatsapp(value)


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
