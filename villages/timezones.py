"""Indonesia's three time zones, and the local date and time of a village.

Indonesia spans WIB (UTC+7), WITA (UTC+8) and WIT (UTC+9), and a village's zone follows from
its province: the first part of its Kemendagri code. "Today" on a village's site (which
announcements are still current, which events are upcoming) is the village's own date, not
the server's: at 23:30 in Jakarta it is already tomorrow in Denpasar and Jayapura.

Nothing here is cached between requests: a region's code (and so its zone) may be corrected
at any time.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")

# Province codes (Kemendagri) outside WIB. Kalimantan Barat (61) and Kalimantan Tengah (62)
# are WIB although the rest of Kalimantan is WITA.
WITA_PROVINCES = frozenset(
    {
        "51",  # Bali
        "52",  # Nusa Tenggara Barat
        "53",  # Nusa Tenggara Timur
        "63",  # Kalimantan Selatan
        "64",  # Kalimantan Timur
        "65",  # Kalimantan Utara
        "71",  # Sulawesi Utara
        "72",  # Sulawesi Tengah
        "73",  # Sulawesi Selatan
        "74",  # Sulawesi Tenggara
        "75",  # Gorontalo
        "76",  # Sulawesi Barat
    }
)
WIT_PROVINCES = frozenset(
    {
        "81",  # Maluku
        "82",  # Maluku Utara
        # Papua (91) and the provinces split from it since 2022 (92-96), with room for one more.
        *(str(code) for code in range(91, 98)),
    }
)

ABBREVIATIONS = {WIB.key: "WIB", WITA.key: "WITA", WIT.key: "WIT"}


def timezone_for_region_code(code: str) -> ZoneInfo:
    """The time zone of a region (province, regency, district or village) by its code.

    Raises ValueError when ``code`` does not start with a two-digit province code.
    """
    province = (code or "").split(".", 1)[0]
    if len(province) != 2 or not province.isdigit():
        raise ValueError(f"Not a Kemendagri region code: {code!r}")
    if province in WITA_PROVINCES:
        return WITA
    if province in WIT_PROVINCES:
        return WIT
    return WIB


def zone_abbreviation(zone: ZoneInfo) -> str:
    """How Indonesians write the zone after a time: WIB, WITA or WIT."""
    return ABBREVIATIONS.get(zone.key) or timezone.now().astimezone(zone).tzname() or zone.key


def default_timezone() -> ZoneInfo:
    """The zone of pages outside any village (the portal): the project's TIME_ZONE."""
    return ZoneInfo(settings.TIME_ZONE)


def timezone_for_village(village_page) -> ZoneInfo:
    """The zone of a ``VillageHomePage`` (no query once its region is loaded)."""
    return timezone_for_region_code(village_page.region.code)


def timezone_for_page(page) -> ZoneInfo:
    """The zone of the village a page belongs to (one query), else the default zone.

    ``page`` must be saved (have a tree path); for a page being created, pass its parent.
    """
    from villages.models import VillageHomePage

    if isinstance(page, VillageHomePage):
        return timezone_for_village(page)
    code = (
        VillageHomePage.objects.ancestor_of(page, inclusive=True)
        .values_list("region__code", flat=True)
        .first()
    )
    return timezone_for_region_code(code) if code else default_timezone()


def now() -> datetime.datetime:
    """The current instant (aware). The one place the wall clock is read: tests replace it."""
    return timezone.now()


def local_now(zone: ZoneInfo) -> datetime.datetime:
    """The current date and time in ``zone``."""
    return now().astimezone(zone)


def local_today(zone: ZoneInfo) -> datetime.date:
    """Today's date in ``zone``."""
    return local_now(zone).date()
