"""The NIK (Nomor Induk Kependudukan), the 16-digit national identity number: checks and parts.

Every resident is given a NIK by Dukcapil (Direktorat Jenderal Kependudukan dan Pencatatan
Sipil, Kemendagri) after their biodata is recorded, and keeps it for life, also after moving
(UU 23/2006 on Administrasi Kependudukan, Pasal 13, as amended by UU 24/2013). Its structure,
as Dukcapil and the Permendagri on population administration describe it:

    PP RR DD  DDMMYY  SSSS
    35 23 02  410190  0001

- digits 1–6, the region where the NIK was first registered: province ``PP``, regency/city
  ``PP.RR`` and kecamatan ``PP.RR.DD``, in the Kemendagri region codes (``35.23.02``,
  Kecamatan Jatirogo of Kabupaten Tuban);
- digits 7–12, the birth date ``DDMMYY``; for women 40 is added to the day (41–71);
- digits 13–16, a serial number from ``0001`` among the people registered with the same
  first twelve digits.

The province and regency/city are checked against all of Indonesia, ``data/kabupaten_kota.csv``
(see ``data/README.md`` for the source, Kepmendagri No 300.2.2-2138 Tahun 2025): a resident
may hold a NIK issued in another regency. Kecamatan codes change when a district is split and
a NIK keeps the code it was issued with, so that part is not checked against any list.
Regency codes retired when a province was split (Kalimantan Utara 2012, Papua 2022) are not
in that list (see its README): in those provinces (``RENUMBERED_PROVINCES``) only the
province part is checked, so that a NIK issued under a retired code (Tarakan's ``64.73``) is
never refused.

A NIK is personal data: it never appears in an error message (nor in ``NikInfo``'s repr), and
this module logs nothing. Messages name at most a region code or the part that is wrong.
"""

from __future__ import annotations

import csv
import datetime
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REGIONS_CSV = Path(__file__).resolve().parent / "data" / "kabupaten_kota.csv"

NIK_LENGTH = 16
# Added to the day of birth in the NIK of a woman.
FEMALE_DAY_OFFSET = 40
MAX_AGE = 130

# What people type between the digits ("3523 0241 0190 0001", "3523.0241.0190.0001").
_SEPARATORS = re.compile(r"[ .\-]")
# ASCII digits only: str.isdigit() would also accept "٣" or "³".
_DIGITS = re.compile(r"[0-9]*")


@dataclass(frozen=True)
class NikInfo:
    """What a valid NIK says. ``nik`` is the 16 digits without separators."""

    nik: str = field(repr=False)
    province_code: str  # "35"
    regency_code: str  # "35.23"
    district_code: str  # "35.23.02"
    birth_date: datetime.date
    is_female: bool


# Kalimantan Timur (64, split into Kalimantan Utara 65 in 2012) and the Papua provinces
# (91-96, split and renumbered in 2022): their NIKs may carry regency codes that are no
# longer in force, so only the province part is checked there.
RENUMBERED_PROVINCES = frozenset({"64", "65", "91", "92", "93", "94", "95", "96"})


@functools.cache
def _region_codes() -> frozenset[str]:
    """Province (``NN``) and regency/city (``NN.NN``) codes of all of Indonesia."""
    with REGIONS_CSV.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["code"] for row in csv.DictReader(handle))


def _error(message, error_code: str, /, **params) -> ValidationError:
    return ValidationError(message, code=error_code, params=params or None)


def parse_nik(value: str, *, today: datetime.date | None = None) -> NikInfo:
    """The parts of a NIK, or ``ValidationError`` saying what is wrong with it.

    ``today`` (default: today in the site's time zone) decides the century of the birth year
    and which birth dates lie in the future.
    """
    digits = _SEPARATORS.sub("", "" if value is None else str(value).strip())
    if not _DIGITS.fullmatch(digits):
        raise _error(
            _(
                "NIK hanya boleh berisi angka. Spasi, titik dan tanda hubung di antara "
                "angka boleh dipakai."
            ),
            "nik_digits",
        )
    if len(digits) != NIK_LENGTH:
        raise _error(
            _("NIK harus terdiri dari 16 digit; yang diisi %(count)s digit."),
            "nik_length",
            count=len(digits),
        )

    province_code = digits[0:2]
    regency_code = f"{province_code}.{digits[2:4]}"
    district_code = f"{regency_code}.{digits[4:6]}"
    if province_code not in _region_codes():
        raise _error(
            _("Kode provinsi %(code)s pada NIK tidak dikenal."),
            "nik_region",
            code=province_code,
        )
    if regency_code not in _region_codes() and province_code not in RENUMBERED_PROVINCES:
        raise _error(
            _("Kode kabupaten/kota %(code)s pada NIK tidak dikenal."),
            "nik_region",
            code=regency_code,
        )
    if digits[4:6] == "00":
        raise _error(
            _("Kode kecamatan %(code)s pada NIK tidak sah: kecamatan tidak bernomor 00."),
            "nik_region",
            code=district_code,
        )

    birth_date, is_female = _birth_date(digits[6:12], today or timezone.localdate())

    if digits[12:16] == "0000":
        raise _error(_("Nomor urut pada NIK (4 digit terakhir) tidak boleh 0000."), "nik_serial")

    return NikInfo(
        nik=digits,
        province_code=province_code,
        regency_code=regency_code,
        district_code=district_code,
        birth_date=birth_date,
        is_female=is_female,
    )


def _birth_date(ddmmyy: str, today: datetime.date) -> tuple[datetime.date, bool]:
    day, month, yy = int(ddmmyy[0:2]), int(ddmmyy[2:4]), int(ddmmyy[4:6])
    is_female = day > FEMALE_DAY_OFFSET
    if is_female:
        day -= FEMALE_DAY_OFFSET
    # Two digits of year: 20YY unless that lies after today, then 19YY.
    year = 2000 + yy
    if (year, month, day) > (today.year, today.month, today.day):
        year -= 100
    try:
        birth_date = datetime.date(year, month, day)
    except ValueError:
        # Day 0 or 32–40, month 0 or 13+, 31 April, 29 February outside a leap year…
        raise _error(
            _(
                "Tanggal lahir pada NIK (digit ke-7 sampai ke-12) bukan tanggal yang ada. "
                "Untuk perempuan tanggal lahirnya ditambah 40."
            ),
            "nik_birth_date",
        ) from None
    if birth_date > today:
        raise _error(
            _("Tanggal lahir pada NIK (digit ke-7 sampai ke-12) ada di masa depan."),
            "nik_birth_date",
        )
    age = today.year - birth_date.year - ((today.month, today.day) < (month, day))
    if age > MAX_AGE:
        raise _error(
            _(
                "Tanggal lahir pada NIK (digit ke-7 sampai ke-12) berarti umur lebih dari "
                "%(max_age)s tahun."
            ),
            "nik_birth_date",
            max_age=MAX_AGE,
        )
    return birth_date, is_female


def validate_nik(value: str) -> None:
    """Django field validator: a valid NIK (see ``parse_nik``)."""
    parse_nik(value)
