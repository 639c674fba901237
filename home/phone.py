"""Indonesian telephone and WhatsApp numbers: validation and links.

Editors and visitors write numbers in many ways ("(0356) 321456", "0812-3456-7890",
"+62 812 3456 7890"). What is stored is what they typed; links (``tel:``, ``wa.me``) are
built from the national significant number, so every spelling leads to the same place.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

COUNTRY_CODE = "62"
# Spaces, dashes, dots, slashes and the parentheses around an area code carry no meaning.
_SEPARATORS = re.compile(r"[\s\-./()]")
# After the trunk prefix 0: an area code (2-9…) or a mobile prefix (8…), 8 to 12 digits.
_NATIONAL_NUMBER = re.compile(r"[2-9]\d{7,11}")
_MOBILE_NUMBER = re.compile(r"8\d{8,11}")


def national_number(value: str) -> str | None:
    """The number without country code or trunk 0 (``81234567890``), or None if invalid."""
    digits = _SEPARATORS.sub("", value or "")
    if digits.startswith("+" + COUNTRY_CODE):
        rest = digits[3:]
    elif digits.startswith(COUNTRY_CODE):
        rest = digits[2:]
    elif digits.startswith("0"):
        rest = digits[1:]
    else:
        return None
    # "+62 (0)812…" is a common spelling: the trunk 0 after the country code is dropped.
    rest = rest.removeprefix("0")
    return rest if _NATIONAL_NUMBER.fullmatch(rest) else None


def is_mobile(value: str) -> bool:
    number = national_number(value)
    return number is not None and _MOBILE_NUMBER.fullmatch(number) is not None


def validate_phone(value: str) -> None:
    """A landline or mobile number in Indonesia."""
    if national_number(value) is None:
        raise ValidationError(
            _(
                "Nomor telepon tidak sah. Tulis nomor Indonesia, misalnya (0356) 321456 "
                "atau 0812-3456-7890."
            ),
            code="invalid_phone",
        )


def validate_whatsapp(value: str) -> None:
    """A mobile number in Indonesia (WhatsApp runs on mobile numbers)."""
    if not is_mobile(value):
        raise ValidationError(
            _(
                "Nomor WhatsApp harus nomor HP Indonesia yang diawali 08 atau +62 8, "
                "misalnya 0812-3456-7890."
            ),
            code="invalid_whatsapp",
        )


def tel_url(value: str) -> str:
    """``tel:+62…`` for a valid number, empty otherwise."""
    number = national_number(value)
    return f"tel:+{COUNTRY_CODE}{number}" if number else ""


def whatsapp_url(value: str) -> str:
    """``https://wa.me/62…`` for a valid mobile number, empty otherwise."""
    number = national_number(value) if is_mobile(value) else None
    return f"https://wa.me/{COUNTRY_CODE}{number}" if number else ""
