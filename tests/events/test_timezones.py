"""Indonesia's three time zones by region code, and "today" in a village's own zone."""

import datetime

import pytest

from villages import timezones
from villages.timezones import (
    WIB,
    WIT,
    WITA,
    local_today,
    timezone_for_page,
    timezone_for_region_code,
    zone_abbreviation,
)

from .helpers import announce

# Every province of the Kemendagri list (2025), with its zone.
PROVINCES = [
    ("11", "Aceh", WIB),
    ("12", "Sumatera Utara", WIB),
    ("13", "Sumatera Barat", WIB),
    ("14", "Riau", WIB),
    ("15", "Jambi", WIB),
    ("16", "Sumatera Selatan", WIB),
    ("17", "Bengkulu", WIB),
    ("18", "Lampung", WIB),
    ("19", "Kepulauan Bangka Belitung", WIB),
    ("21", "Kepulauan Riau", WIB),
    ("31", "DKI Jakarta", WIB),
    ("32", "Jawa Barat", WIB),
    ("33", "Jawa Tengah", WIB),
    ("34", "DI Yogyakarta", WIB),
    ("35", "Jawa Timur", WIB),
    ("36", "Banten", WIB),
    ("51", "Bali", WITA),
    ("52", "Nusa Tenggara Barat", WITA),
    ("53", "Nusa Tenggara Timur", WITA),
    ("61", "Kalimantan Barat", WIB),
    ("62", "Kalimantan Tengah", WIB),
    ("63", "Kalimantan Selatan", WITA),
    ("64", "Kalimantan Timur", WITA),
    ("65", "Kalimantan Utara", WITA),
    ("71", "Sulawesi Utara", WITA),
    ("72", "Sulawesi Tengah", WITA),
    ("73", "Sulawesi Selatan", WITA),
    ("74", "Sulawesi Tenggara", WITA),
    ("75", "Gorontalo", WITA),
    ("76", "Sulawesi Barat", WITA),
    ("81", "Maluku", WIT),
    ("82", "Maluku Utara", WIT),
    ("91", "Papua", WIT),
    ("92", "Papua Barat", WIT),
    ("93", "Papua Selatan", WIT),
    ("94", "Papua Tengah", WIT),
    ("95", "Papua Pegunungan", WIT),
    ("96", "Papua Barat Daya", WIT),
]


@pytest.mark.parametrize("code,name,zone", PROVINCES, ids=[p[1] for p in PROVINCES])
def test_province_code_gives_its_time_zone(code, name, zone):
    assert timezone_for_region_code(code) == zone


@pytest.mark.parametrize(
    "code,zone",
    [
        ("35.23", WIB),  # Kabupaten Tuban
        ("35.23.02.2001", WIB),  # Kebonharjo
        ("61.12.01.2001", WIB),  # a village in Kalimantan Barat
        ("51.08.01.2001", WITA),  # Sumberklampok, Bali
        ("64.72.04.1001", WITA),  # a kelurahan in Samarinda
        ("91.71.01.1001", WIT),  # a kelurahan in Jayapura
    ],
)
def test_regency_district_and_village_codes_follow_their_province(code, zone):
    assert timezone_for_region_code(code) == zone


@pytest.mark.parametrize("code", ["", "5", "ab.01", "351.23", None])
def test_malformed_region_code_is_refused(code):
    with pytest.raises(ValueError):
        timezone_for_region_code(code)


def test_zone_abbreviations_are_the_indonesian_ones():
    assert [zone_abbreviation(z) for z in (WIB, WITA, WIT)] == ["WIB", "WITA", "WIT"]
    assert [z.key for z in (WIB, WITA, WIT)] == ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]


def test_local_today_changes_at_each_zones_own_midnight(clock):
    # 16:30 UTC on 30 November: 23:30 WIB, 00:30 WITA and 01:30 WIT the next day.
    clock.set(datetime.datetime(2026, 11, 30, 16, 30, tzinfo=datetime.UTC))
    assert local_today(WIB) == datetime.date(2026, 11, 30)
    assert local_today(WITA) == datetime.date(2026, 12, 1)
    assert local_today(WIT) == datetime.date(2026, 12, 1)
    assert timezones.local_now(WIT).utcoffset() == datetime.timedelta(hours=9)


def test_page_gets_the_zone_of_its_village(village_a, village_wita, regency):
    assert timezone_for_page(announce(village_a, "Pengumuman Jawa")) == WIB
    assert timezone_for_page(announce(village_wita, "Pengumuman Bali")) == WITA
    assert timezone_for_page(village_wita.page) == WITA
    # Outside any village (the regency portal), the project's zone.
    assert timezone_for_page(regency.page).key == "Asia/Jakarta"


def test_zone_follows_a_corrected_region_code_without_restart(village_a):
    page = announce(village_a, "Pengumuman")
    assert timezone_for_page(page) == WIB
    village_a.region.code = "52.01.01.2001"  # nothing cached: the next lookup sees it
    village_a.region.save()
    assert timezone_for_page(page) == WITA
