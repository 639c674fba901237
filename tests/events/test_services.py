"""What the village home page asks of the agenda and announcements: one query each."""

import datetime

from events.services import current_announcements, upcoming_events
from villages.models import VillageHomePage
from villages.timezones import WITA

from .helpers import TODAY, announce, days, schedule


def loaded(tenant):
    """The village home page as the home page view holds it (its region loaded)."""
    return VillageHomePage.objects.select_related("region").get(pk=tenant.page.pk)


def test_current_announcements_are_this_villages_valid_ones_important_first(village_a, village_b):
    announce(village_a, "Jadwal Posyandu", date=days(-1))
    announce(village_a, "Penutupan Jalan", date=days(-3), is_important=True)
    announce(village_a, "Berakhir Kemarin", date=days(-9), expiry=days(-1))
    announce(village_a, "Rancangan", publish=False)
    announce(village_b, "Lomba Desa Wangi")

    titles = [a.title for a in current_announcements(loaded(village_a))]
    assert titles == ["Penutupan Jalan", "Jadwal Posyandu"]


def test_current_announcements_respect_the_limit(village_a):
    for n in range(5):
        announce(village_a, f"Pengumuman {n}", date=days(-n))
    assert [a.title for a in current_announcements(loaded(village_a), limit=2)] == [
        "Pengumuman 0",
        "Pengumuman 1",
    ]


def test_expired_announcement_is_not_listed_on_home_after_local_midnight(
    clock, village_a, village_wita
):
    for tenant in (village_a, village_wita):
        announce(tenant, "Berlaku Sampai 30 November", expiry=datetime.date(2026, 11, 30))
    clock.set(datetime.datetime(2026, 11, 30, 16, 30, tzinfo=datetime.UTC))  # 23:30 WIB
    assert len(current_announcements(loaded(village_a))) == 1
    assert current_announcements(loaded(village_wita)) == []  # 00:30 WITA, 1 December


def test_upcoming_events_are_this_villages_next_ones(village_a, village_b):
    schedule(village_a, "Kerja Bakti", start_date=days(5))
    schedule(village_a, "Musyawarah Desa", start_date=days(2))
    schedule(village_a, "Pengaspalan Jalan", start_date=days(-2), end_date=days(1))
    schedule(village_a, "Senam Sehat", start_date=days(-1))
    schedule(village_b, "Lomba Desa Wangi", start_date=TODAY)

    titles = [e.title for e in upcoming_events(loaded(village_a), limit=2)]
    assert titles == ["Pengaspalan Jalan", "Musyawarah Desa"]


def test_each_service_costs_one_query_whatever_the_content(village_wita, django_assert_num_queries):
    for n in range(6):
        announce(village_wita, f"Pengumuman {n}", date=days(-n))
        schedule(village_wita, f"Agenda {n}", start_date=days(n), start_time=datetime.time(8))
    village = loaded(village_wita)
    with django_assert_num_queries(1):
        announcements = current_announcements(village)
    with django_assert_num_queries(1):
        events = upcoming_events(village)
    # What a home page template reads of them costs nothing more.
    with django_assert_num_queries(0):
        assert [a.timezone_abbreviation for a in announcements] == ["WITA"] * 3
        assert [e.start.tzinfo for e in events] == [WITA] * 3
        assert events[0].start_iso == "2026-11-20T08:00+08:00"
        assert [e.image for e in events] == [None] * 3


def test_services_load_the_region_once_if_needed(village_a, django_assert_max_num_queries):
    village = VillageHomePage.objects.get(pk=village_a.page.pk)
    with django_assert_max_num_queries(2):
        current_announcements(village)
    with django_assert_max_num_queries(1):
        upcoming_events(village)


def test_events_and_announcements_of_a_private_section_stay_off_the_home_page(village_a):
    from wagtail.models import PageViewRestriction

    from .helpers import agenda_index, announcement_index

    announce(village_a, "Pengumuman Internal")
    schedule(village_a, "Rapat Internal", start_date=days(1))
    for section in (announcement_index(village_a), agenda_index(village_a)):
        PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert current_announcements(loaded(village_a)) == []
    assert upcoming_events(loaded(village_a)) == []
