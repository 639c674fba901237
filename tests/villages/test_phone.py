"""Indonesian telephone and WhatsApp numbers, as the village identity, the contact page, the
government section and the products read them (``villages.phone`` is the one reader)."""

from django.core.exceptions import ValidationError

import pytest

from villages.phone import (
    normalize_whatsapp,
    tel_url,
    validate_phone,
    validate_whatsapp,
    whatsapp_number,
    whatsapp_url,
)

PHONE_REFUSED = "Nomor telepon tidak sah."
WHATSAPP_REFUSED = "Nomor WhatsApp harus nomor HP Indonesia"


@pytest.mark.parametrize(
    ("typed", "link"),
    [
        ("(0356) 321456", "tel:+62356321456"),
        ("0356-321456", "tel:+62356321456"),
        ("021 5551234", "tel:+62215551234"),
        ("021-555-1234", "tel:+62215551234"),
        ("+62 356 321456", "tel:+62356321456"),
        ("0812-3456-7890", "tel:+6281234567890"),
        ("+62 812 3456 7890", "tel:+6281234567890"),
        ("62812.3456.7890", "tel:+6281234567890"),
        ("+62 (0) 812 3456 7890", "tel:+6281234567890"),
    ],
)
def test_indonesian_numbers_in_any_spelling_are_accepted(typed, link):
    validate_phone(typed)
    assert tel_url(typed) == link


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "12345",
        "0356",
        "0356 12",
        "+1 415 555 0100",
        "+1 202 555 0100",
        "0812-3456-7890-1234",
        "0123456789",
        "08abc",
        "telepon kantor",
        # "00" dials abroad: 00 356… is Malta, not the Tuban area code.
        "00356321456",
    ],
)
def test_numbers_that_cannot_be_dialled_in_indonesia_are_refused(typed):
    with pytest.raises(ValidationError) as error:
        validate_phone(typed)
    assert error.value.messages[0].startswith(PHONE_REFUSED)
    assert tel_url(typed) == ""


@pytest.mark.parametrize(
    "typed",
    [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "0812.3456.7890",
        "(0812) 3456.7890",
        "+62 812 3456 7890",
        "+62 812-3456-7890",
        "+6281234567890",
        "62 812 3456 7890",
        "6281234567890",
        "+62 (0)812-3456-7890",
        "+62 0812-3456-7890",
    ],
)
def test_mobile_numbers_in_any_spelling_become_one_whatsapp_number(typed):
    validate_whatsapp(typed)
    assert whatsapp_number(typed) == "6281234567890"
    assert normalize_whatsapp(typed) == "6281234567890"
    assert whatsapp_url(typed) == "https://wa.me/6281234567890"


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("0811-234-567", "62811234567"),
        ("0857 1234 567", "628571234567"),
        ("0857-1234-56789", "62857123456789"),
    ],
)
def test_shortest_and_longest_mobile_numbers_are_accepted(typed, number):
    validate_whatsapp(typed)
    assert whatsapp_number(typed) == number


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "(0356) 321456",  # a landline (Tuban area code): no WhatsApp
        "0356-321-123",
        "021 5551234",
        "021-555-1234",
        "12345",
        "0812",
        "0812-345",  # too short
        "0812-3456-7890-12",  # too long
        "0812345678901234",
        "812345678",  # no prefix: cannot tell the country
        "81234567890",
        "+1 415 555 0100",  # not Indonesian
        "+1 202 555 0100",
        "08ab12345678",
        "0812-3456-789O",  # letter O
    ],
)
def test_landlines_foreign_numbers_and_junk_are_refused_as_whatsapp(typed):
    with pytest.raises(ValidationError) as error:
        validate_whatsapp(typed)
    assert error.value.messages[0].startswith(WHATSAPP_REFUSED)
    assert whatsapp_number(typed) is None
    assert whatsapp_url(typed) == ""
    # Left as typed, so that the field's validator can report it.
    assert normalize_whatsapp(typed) == typed
