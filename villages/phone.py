"""Indonesian telephone and WhatsApp numbers: validation, normal form and links.

The one place that reads phone numbers: the village identity (and its footer), the contact
page, the government section (offices, BUMDes units) and the products (sellers) all ask it,
so a number one form accepts is accepted by every other, with the same message when it is
not. It lives on the ground floor (``villages``) so that the tenancy's own settings can use
it as well as every section.

Editors and visitors write numbers in many ways ("(0356) 321456", "0812-3456-7890",
"+62 812 3456 7890"). Links (``tel:``, ``wa.me``) are built from the national significant
number, so every spelling leads to the same place.
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
        # "+62 (0)812…" is a common spelling: the trunk 0 after the country code is dropped.
        rest = digits[3:].removeprefix("0")
    elif digits.startswith(COUNTRY_CODE):
        rest = digits[2:].removeprefix("0")
    elif digits.startswith("0"):
        # Only one 0: "00…" starts an international call (00 356… is Malta, not Tuban).
        rest = digits[1:]
    else:
        return None
    return rest if _NATIONAL_NUMBER.fullmatch(rest) else None


def mobile_number(value: str) -> str | None:
    """Like ``national_number``, but only for mobile (8…) numbers, the ones WhatsApp uses."""
    number = national_number(value)
    return number if number and _MOBILE_NUMBER.fullmatch(number) else None


def is_mobile(value: str) -> bool:
    return mobile_number(value) is not None


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


def whatsapp_number(value: str) -> str | None:
    """``6281234567890``, the form ``wa.me`` links need, or None for no mobile number."""
    number = mobile_number(value)
    return COUNTRY_CODE + number if number else None


def normalize_whatsapp(value: str) -> str:
    """``628…`` for a valid mobile number; anything else unchanged, so that the field's
    validator can report it. For models that store one form whatever was typed."""
    return whatsapp_number(value) or value


def tel_url(value: str) -> str:
    """``tel:+62…`` for a valid number, empty otherwise."""
    number = national_number(value)
    return f"tel:+{COUNTRY_CODE}{number}" if number else ""


def whatsapp_url(value: str) -> str:
    """``https://wa.me/62…`` for a valid mobile number, empty otherwise."""
    number = whatsapp_number(value)
    return f"https://wa.me/{number}" if number else ""
