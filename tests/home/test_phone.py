"""Indonesian telephone and WhatsApp numbers."""

from django.core.exceptions import ValidationError

import pytest

from home.phone import tel_url, validate_phone, validate_whatsapp, whatsapp_url


@pytest.mark.parametrize(
    ("typed", "link"),
    [
        ("(0356) 321456", "tel:+62356321456"),
        ("0356-321456", "tel:+62356321456"),
        ("021 5551234", "tel:+62215551234"),
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
    ["", "12345", "0356 12", "+1 415 555 0100", "0812-3456-7890-1234", "0123456789", "08abc"],
)
def test_numbers_that_cannot_be_dialled_in_indonesia_are_refused(typed):
    with pytest.raises(ValidationError) as error:
        validate_phone(typed)
    assert error.value.messages[0].startswith("Nomor telepon tidak sah.")
    assert tel_url(typed) == ""


@pytest.mark.parametrize(
    "typed", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "0857 1234 567"]
)
def test_mobile_numbers_link_to_whatsapp(typed):
    validate_whatsapp(typed)
    assert whatsapp_url(typed).startswith("https://wa.me/628")
    assert whatsapp_url(typed).removeprefix("https://wa.me/").isdigit()


def test_whatsapp_link_drops_separators_and_trunk_zero():
    assert whatsapp_url("0812-3456-7890") == "https://wa.me/6281234567890"


@pytest.mark.parametrize("typed", ["(0356) 321456", "021 5551234", "12345"])
def test_landlines_and_junk_are_refused_as_whatsapp(typed):
    with pytest.raises(ValidationError) as error:
        validate_whatsapp(typed)
    assert "Nomor WhatsApp harus nomor HP Indonesia" in error.value.messages[0]
    assert whatsapp_url(typed) == ""
