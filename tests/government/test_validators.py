"""Indonesian phone numbers and years as operators type them."""

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from government.models import Official
from government.validators import (
    normalize_whatsapp,
    tel_uri,
    validate_phone,
    validate_whatsapp,
    validate_year,
)


@pytest.mark.parametrize(
    "typed",
    [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "0812.3456.7890",
        "+62 812 3456 7890",
        "+62 (0)812-3456-7890",
        "6281234567890",
    ],
)
def test_whatsapp_numbers_are_normalized_to_628(typed):
    validate_whatsapp(typed)
    assert normalize_whatsapp(typed) == "6281234567890"


@pytest.mark.parametrize(
    "typed",
    [
        "(0356) 321456",
        "021 555 1234",
        "0812",
        "812345678",
        "+1 202 555 0100",
        "08ab12345678",
        "0812345678901234",
    ],
)
def test_non_mobile_or_foreign_numbers_are_not_whatsapp(typed):
    with pytest.raises(ValidationError) as refused:
        validate_whatsapp(typed)
    assert "WhatsApp" in str(refused.value)
    assert normalize_whatsapp(typed) == typed


@pytest.mark.parametrize(
    ("typed", "uri"),
    [
        ("(0356) 321456", "tel:+62356321456"),
        ("021-555-1234", "tel:+62215551234"),
        ("0812 3456 7890", "tel:+6281234567890"),
        ("+62 356 321456", "tel:+62356321456"),
    ],
)
def test_indonesian_phone_numbers_are_accepted_with_a_tel_link(typed, uri):
    validate_phone(typed)
    assert tel_uri(typed) == uri


@pytest.mark.parametrize(
    "typed", ["12345", "0356", "+1 202 555 0100", "telepon kantor", "00356321456"]
)
def test_other_phone_numbers_are_refused_in_indonesian(typed):
    with pytest.raises(ValidationError) as refused:
        validate_phone(typed)
    assert "Masukkan nomor telepon Indonesia" in str(refused.value)
    assert tel_uri(typed) == ""


def test_years_run_from_1945_to_ten_years_ahead():
    latest = timezone.localdate().year + 10
    for year in (1945, 2026, latest):
        validate_year(year)
    for year in (1944, latest + 1):
        with pytest.raises(ValidationError, match="Tahun harus antara 1945 dan"):
            validate_year(year)


def test_official_without_end_year_is_serving():
    this_year = timezone.localdate().year
    assert Official(period_start=2019).is_serving
    assert Official(period_start=2019, period_end=this_year).is_serving
    assert not Official(period_start=2013, period_end=this_year - 1).is_serving


def test_official_end_before_start_is_invalid():
    with pytest.raises(ValidationError) as refused:
        Official(
            name="Sutrisno", position="Kepala Desa", period_start=2019, period_end=2013
        ).clean()
    assert "period_end" in refused.value.message_dict
