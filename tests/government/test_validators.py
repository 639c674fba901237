"""Years of office as operators type them (phone numbers: tests/home/test_phone.py)."""

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from government.models import Official
from government.validators import validate_year


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
