"""The NIK validator (``letters.nik``): its parts, what people type, and every refusal.

Pure unit tests: no database. Every call passes a fixed ``today`` unless the test is about the
default, so the tests do not age.
"""

import dataclasses
import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from letters import nik
from letters.nik import NikInfo, parse_nik, validate_nik

TODAY = datetime.date(2025, 6, 15)

# Kabupaten Tuban (35.23), Kecamatan Jatirogo (02).
MALE_NIK = "3523021708850003"  # born 17 August 1985
FEMALE_NIK = "3523024101900001"  # born 1 January 1990: day 01 + 40


def parse(value, today=TODAY):
    return parse_nik(value, today=today)


def messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def test_a_male_nik_is_read_into_its_parts():
    assert parse(MALE_NIK) == NikInfo(
        nik="3523021708850003",
        province_code="35",
        regency_code="35.23",
        district_code="35.23.02",
        birth_date=datetime.date(1985, 8, 17),
        is_female=False,
    )


def test_a_female_nik_has_40_added_to_the_day():
    info = parse(FEMALE_NIK)
    assert info.nik == "3523024101900001"
    assert info.province_code == "35"
    assert info.regency_code == "35.23"
    assert info.district_code == "35.23.02"
    assert info.birth_date == datetime.date(1990, 1, 1)
    assert info.is_female is True


@pytest.mark.parametrize(("ddmmyy", "born"), [("710385", (1985, 3, 31)), ("410385", (1985, 3, 1))])
def test_the_days_of_women_run_from_41_to_71(ddmmyy, born):
    info = parse(f"352302{ddmmyy}0001")
    assert info.birth_date == datetime.date(*born)
    assert info.is_female is True


def test_info_is_frozen_and_its_repr_does_not_show_the_nik():
    info = parse(MALE_NIK)
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.nik = FEMALE_NIK
    assert MALE_NIK not in repr(info)
    assert "35.23.02" in repr(info)


@pytest.mark.parametrize(
    "typed",
    [
        "3523 0241 0190 0001",
        "  3523024101900001\n",
        "\t3523.0241.0190.0001 ",
        "3523-0241-0190-0001",
        "35.23.02-410190 0001",
    ],
)
def test_spaces_dots_and_dashes_people_type_are_accepted(typed):
    assert parse(typed).nik == FEMALE_NIK
    validate_nik(typed)


@pytest.mark.parametrize(
    ("typed", "code", "message", "today"),
    [
        pytest.param("352302410190001", "nik_length", "16 digit; yang diisi 15", TODAY, id="short"),
        pytest.param("35230241019000012", "nik_length", "yang diisi 17", TODAY, id="long"),
        pytest.param("", "nik_length", "yang diisi 0 digit", TODAY, id="empty"),
        pytest.param("35230241019O0001", "nik_digits", "hanya boleh berisi angka", TODAY, id="O"),
        pytest.param("3523/0241/0190/0001", "nik_digits", "hanya boleh", TODAY, id="slash"),
        pytest.param("3523\u00a00241\u00a00190\u00a00001", "nik_digits", "angka", TODAY, id="nbsp"),
        # str.isdigit() would take these: Arabic-Indic and fullwidth digits.
        pytest.param("٣٥٢٣٠٢٤١٠١٩٠٠٠٠١", "nik_digits", "angka", TODAY, id="arabic-indic"),
        pytest.param(
            "３５２３０２４１０１９０００１", "nik_digits", "angka", TODAY, id="fullwidth"
        ),
        pytest.param(
            "9923024101900001",
            "nik_region",
            "Kode provinsi 99 pada NIK tidak dikenal.",
            TODAY,
            id="unknown-province",
        ),
        pytest.param(
            "3599024101900001",
            "nik_region",
            "Kode kabupaten/kota 35.99 pada NIK tidak dikenal.",
            TODAY,
            id="unknown-regency",
        ),
        pytest.param(
            "3523004101900001",
            "nik_region",
            "Kode kecamatan 35.23.00 pada NIK tidak sah",
            TODAY,
            id="kecamatan-00",
        ),
        pytest.param("3523023201900001", "nik_birth_date", "bukan tanggal", TODAY, id="day-32"),
        pytest.param("3523024001900001", "nik_birth_date", "bukan tanggal", TODAY, id="day-40"),
        pytest.param("3523027201900001", "nik_birth_date", "bukan tanggal", TODAY, id="day-72"),
        pytest.param("3523020001900001", "nik_birth_date", "bukan tanggal", TODAY, id="day-00"),
        pytest.param("3523021513900001", "nik_birth_date", "bukan tanggal", TODAY, id="month-13"),
        pytest.param("3523023104900001", "nik_birth_date", "bukan tanggal", TODAY, id="31-april"),
        pytest.param("3523027104900001", "nik_birth_date", "bukan tanggal", TODAY, id="71-april"),
        pytest.param(
            "3523022902230001", "nik_birth_date", "bukan tanggal", TODAY, id="29-feb-2023"
        ),
        pytest.param(
            "3523022902970001", "nik_birth_date", "bukan tanggal", TODAY, id="29-feb-1997"
        ),
        # 20YY after today falls back to 19YY, so a future date needs a `today` before 2000.
        pytest.param(
            "3523021708950001",
            "nik_birth_date",
            "ada di masa depan",
            datetime.date(1990, 1, 1),
            id="future",
        ),
        # In 2000–2099 the century rule keeps everyone under 100; from 2131 a NIK of 2000 is
        # more than 130 years old.
        pytest.param(
            "3523020101000001",
            "nik_birth_date",
            "umur lebih dari 130 tahun",
            datetime.date(2131, 1, 1),
            id="over-130",
        ),
        pytest.param("3523021708850000", "nik_serial", "tidak boleh 0000", TODAY, id="serial-0000"),
    ],
)
def test_what_is_not_a_nik_is_refused_with_its_code(typed, code, message, today):
    with pytest.raises(ValidationError) as error:
        parse(typed, today=today)
    assert error.value.code == code
    assert message in messages(error.value)[0]
    # No part of the NIK longer than a region code is repeated back, nor kept in the params.
    digits = "".join(character for character in typed if character.isdigit())
    for text in [*messages(error.value), repr(error.value.params)]:
        for start in range(len(digits) - 5):
            assert digits[start : start + 6] not in text


@pytest.mark.parametrize(
    "nik",
    [
        "3523022902240001",  # 29 February 2024
        "3523022902960001",  # 29 February 1996
        "3523022902000001",  # 29 February 2000 (divisible by 400)
        "3523026902240001",  # 29 February 2024, a woman
    ],
)
def test_29_february_is_a_date_in_leap_years(nik):
    assert parse(nik).birth_date.strftime("%m-%d") == "02-29"


@pytest.mark.parametrize(
    ("ddmmyy", "born"),
    [
        ("150625", datetime.date(2025, 6, 15)),  # born today
        ("160625", datetime.date(1925, 6, 16)),  # 20YY would be tomorrow
        ("311224", datetime.date(2024, 12, 31)),
        ("010100", datetime.date(2000, 1, 1)),
        ("010126", datetime.date(1926, 1, 1)),
        ("311299", datetime.date(1999, 12, 31)),
    ],
)
def test_the_century_is_the_latest_that_is_not_in_the_future(ddmmyy, born):
    assert parse(f"352302{ddmmyy}0001", today=TODAY).birth_date == born


def test_the_century_moves_with_today():
    assert parse(MALE_NIK, today=datetime.date(2085, 8, 17)).birth_date.year == 2085
    assert parse(MALE_NIK, today=datetime.date(2085, 8, 16)).birth_date.year == 1985


def test_130_years_old_is_still_accepted():
    assert parse("3523020101000001", today=datetime.date(2130, 1, 1)).birth_date.year == 2000
    with pytest.raises(ValidationError):
        parse("3523020101000001", today=datetime.date(2131, 1, 1))


def test_a_19yy_birth_date_after_today_is_refused_only_while_it_is_in_the_future():
    assert parse("3523021708950001", today=datetime.date(1995, 8, 17)).birth_date.year == 1995
    with pytest.raises(ValidationError):
        parse("3523021708950001", today=datetime.date(1995, 8, 16))


@pytest.mark.parametrize(
    ("nik", "regency_code"),
    [
        ("3171011708850003", "31.71"),  # Kota Administrasi Jakarta Pusat
        ("1101011708850003", "11.01"),  # Kabupaten Aceh Selatan
        ("9671011708850003", "96.71"),  # Kota Sorong, Papua Barat Daya
    ],
)
def test_a_nik_from_another_province_is_accepted(nik, regency_code):
    info = parse(nik)
    assert info.regency_code == regency_code
    assert info.province_code == regency_code[:2]


def test_a_retired_regency_code_of_a_renumbered_province_is_accepted():
    # Tarakan was 64.73 in Kalimantan Timur until Kalimantan Utara took it in 2012 (65.71):
    # its residents' NIKs still begin 6473. Elsewhere an unknown regency stays refused.
    assert "64.73" not in nik._region_codes()
    assert parse("6473011708850003").regency_code == "64.73"
    with pytest.raises(ValidationError):
        parse("3599011708850003")


def test_the_kecamatan_part_is_not_checked_against_a_list():
    # Kabupaten Tuban has 20 kecamatan (35.23.01–35.23.20); 99 is none of them.
    assert parse("3523991708850003").district_code == "35.23.99"


def test_validate_nik_is_a_field_validator():
    assert validate_nik(MALE_NIK) is None
    with pytest.raises(ValidationError) as error:
        validate_nik("3599024101900001")
    assert error.value.code == "nik_region"


def test_the_default_today_is_the_current_date():
    # Two days ahead (clear of any time zone): as 20YY that lies in the future, so it is 19YY.
    ahead = timezone.localdate() + datetime.timedelta(days=2)
    info = parse_nik(f"352302{ahead:%d%m%y}0001")
    assert info.birth_date == datetime.date(ahead.year - 100, ahead.month, ahead.day)
