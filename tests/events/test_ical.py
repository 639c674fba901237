"""The iCalendar feed (/agenda/ical/) and per-event .ics files, read back with icalendar."""

import datetime
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import icalendar
import pytest

from .helpers import TODAY, days, schedule

JAKARTA = ZoneInfo("Asia/Jakarta")
MAKASSAR = ZoneInfo("Asia/Makassar")
NINE = datetime.time(9, 0)
NOON = datetime.time(12, 0)


def fetch(client, tenant, path="/agenda/ical/"):
    response = client.get(path, HTTP_HOST=tenant.host)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response


def parse(response) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(response.content)


def by_summary(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_feed_describes_an_event_field_by_field(client, village_a):
    event = schedule(
        village_a,
        "Musyawarah Desa RKPDes 2027",
        start_date=days(2),
        start_time=NINE,
        end_time=NOON,
        location_name="Balai Desa",
        location_address="Jl. Raya Jatirogo No. 5",
        organiser="Pemerintah Desa dan BPD",
        intro="Penetapan prioritas pembangunan.",
        body=[
            ("heading", "Undangan"),
            ("paragraph", "<p>BPD, <b>LPMD</b> &amp; PKK.</p><p>Warga boleh hadir.</p>"),
        ],
    )
    event.refresh_from_db()

    response = fetch(client, village_a)
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    calendar = parse(response)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Desa Platform//Agenda Desa//ID"
    assert str(calendar["X-WR-CALNAME"]) == "Agenda · Desa Kebonharjo"
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Jakarta"

    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"agenda-{event.pk}@kebonharjo.tuban.test"
    stamp = vevent.decoded("DTSTAMP")
    assert stamp.utcoffset() == datetime.timedelta(0)
    assert stamp == event.last_published_at.replace(microsecond=0)
    assert str(vevent["SUMMARY"]) == "Musyawarah Desa RKPDes 2027"
    assert str(vevent["LOCATION"]) == "Balai Desa, Jl. Raya Jatirogo No. 5"
    assert str(vevent["DESCRIPTION"]) == (
        "Penetapan prioritas pembangunan.\n\nUndangan\n\nBPD, LPMD & PKK.\nWarga boleh hadir."
        "\n\nPenyelenggara: Pemerintah Desa dan BPD"
    )
    assert str(vevent["URL"]) == "http://kebonharjo.tuban.test/agenda/musyawarah-desa-rkpdes-2027/"
    assert vevent["DTSTART"].params["TZID"] == "Asia/Jakarta"
    assert vevent.decoded("DTSTART") == datetime.datetime(2026, 11, 22, 9, 0, tzinfo=JAKARTA)
    assert vevent.decoded("DTEND") == datetime.datetime(2026, 11, 22, 12, 0, tzinfo=JAKARTA)
    assert b"DTSTART;TZID=Asia/Jakarta:20261122T090000\r\n" in response.content

    [vtimezone] = calendar.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Asia/Jakarta"
    [standard] = vtimezone.walk("STANDARD")
    assert standard.decoded("TZOFFSETTO") == datetime.timedelta(hours=7)


def test_all_day_events_are_dates_with_an_exclusive_end(client, village_a):
    schedule(village_a, "Bersih Desa", start_date=days(5))
    schedule(village_a, "Pengaspalan Jalan", start_date=days(-2), end_date=days(3))

    events = by_summary(parse(fetch(client, village_a)))
    one_day = events["Bersih Desa"]
    assert one_day["DTSTART"].params["VALUE"] == "DATE"
    assert one_day.decoded("DTSTART") == datetime.date(2026, 11, 25)
    assert one_day.decoded("DTEND") == datetime.date(2026, 11, 26)
    several = events["Pengaspalan Jalan"]
    assert several.decoded("DTSTART") == datetime.date(2026, 11, 18)
    assert several.decoded("DTEND") == datetime.date(2026, 11, 24)


def test_timed_events_without_end_time(client, village_a):
    schedule(village_a, "Pengajian Rutin", start_date=days(1), start_time=NINE)
    schedule(village_a, "Pameran UMKM", start_date=days(1), start_time=NINE, end_date=days(3))

    events = by_summary(parse(fetch(client, village_a)))
    assert "DTEND" not in events["Pengajian Rutin"]
    # Ends with its last day.
    assert events["Pameran UMKM"].decoded("DTEND") == datetime.datetime(
        2026, 11, 24, 0, 0, tzinfo=JAKARTA
    )


def test_feed_of_a_wita_village_uses_makassar_time(client, village_wita):
    schedule(village_wita, "Piodalan Pura Desa", start_date=days(2), start_time=NINE)

    response = fetch(client, village_wita)
    calendar = parse(response)
    [vevent] = calendar.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Asia/Makassar"
    start = vevent.decoded("DTSTART")
    assert start == datetime.datetime(2026, 11, 22, 9, 0, tzinfo=MAKASSAR)
    assert start.utcoffset() == datetime.timedelta(hours=8)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Makassar"]
    assert str(vevent["UID"]).endswith("@sumberklampok.buleleng.test")


def test_feed_never_holds_another_villages_events(client, village_a, village_b):
    schedule(village_a, "Musyawarah Desa", start_date=days(1))
    schedule(village_b, "Lomba Desa Wangi", start_date=days(1))

    response = fetch(client, village_a)
    assert list(by_summary(parse(response))) == ["Musyawarah Desa"]
    assert b"Wangi" not in response.content
    assert b"wangi.tuban.test" not in response.content
    assert list(by_summary(parse(fetch(client, village_b)))) == ["Lomba Desa Wangi"]


def test_feed_leaves_out_drafts_private_and_long_past_events(client, village_a):
    schedule(village_a, "Rencana Rahasia", start_date=days(1), publish=False)
    private = schedule(village_a, "Rapat Perangkat", start_date=days(1))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="rahasia-desa"
    )
    schedule(village_a, "Lomba Agustusan", start_date=days(-100))
    schedule(village_a, "Senam Sehat", start_date=days(-80))
    schedule(village_a, "Kerja Bakti", start_date=TODAY)

    assert sorted(by_summary(parse(fetch(client, village_a)))) == ["Kerja Bakti", "Senam Sehat"]


def test_uid_stays_the_same_when_the_event_is_edited(client, village_a):
    event = schedule(village_a, "Musyawarah Desa", start_date=days(1))
    [before] = parse(fetch(client, village_a)).walk("VEVENT")
    event.title = "Musyawarah Desa (diundur)"
    event.start_date = days(4)
    event.save_revision().publish()
    [after] = parse(fetch(client, village_a)).walk("VEVENT")
    assert str(after["UID"]) == str(before["UID"])
    assert str(after["SUMMARY"]) == "Musyawarah Desa (diundur)"


def test_event_ics_holds_that_event_for_download(client, village_a, village_b):
    event = schedule(village_a, "Musyawarah Desa", start_date=days(1), start_time=NINE)
    schedule(village_a, "Kerja Bakti", start_date=days(2))

    response = fetch(client, village_a, "/agenda/musyawarah-desa/ical/")
    assert response["Content-Disposition"] == 'attachment; filename="musyawarah-desa.ics"'
    calendar = parse(response)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"agenda-{event.pk}@kebonharjo.tuban.test"
    assert vevent.decoded("DTSTART") == datetime.datetime(2026, 11, 21, 9, 0, tzinfo=JAKARTA)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Jakarta"]
    other = client.get("/agenda/musyawarah-desa/ical/", HTTP_HOST=village_b.host)
    assert other.status_code == 404


def test_feed_is_served_inline_for_subscription(client, village_a):
    response = fetch(client, village_a)
    assert response["Content-Disposition"] == 'inline; filename="agenda.ics"'
    assert parse(response).walk("VEVENT") == []


def test_agenda_page_links_its_feed(client, village_a):
    text = client.get("/agenda/", HTTP_HOST=village_a.host).text
    assert '<link rel="alternate" type="text/calendar"' in text
    assert 'href="/agenda/ical/"' in text


@pytest.mark.parametrize("path", ["/agenda/ical/", "/agenda/tidak-ada/ical/"])
def test_unknown_host_gets_no_calendar(db, client, path):
    assert client.get(path, HTTP_HOST="tidakada.tuban.test").status_code == 404


def feed_queries(client, tenant):
    client.get("/agenda/ical/", HTTP_HOST=tenant.host)  # warm the per-process site index
    with CaptureQueriesContext(connection) as context:
        fetch(client, tenant)
    return len(context)


def test_feed_query_count_does_not_grow_with_events(
    client, village_a, django_assert_max_num_queries
):
    def add(n):
        schedule(
            village_a,
            f"Agenda {n}",
            start_date=days(n - 5),
            start_time=NINE,
            image=None,
            body=[("heading", "Acara"), ("paragraph", "<p>Isi.</p>")],
        )

    for n in range(2):
        add(n)
    few = feed_queries(client, village_a)
    for n in range(2, 15):
        add(n)
    assert feed_queries(client, village_a) == few
    # Serving a page costs seven (site, locale, routing, view restrictions); the feed adds
    # two: the village's zone and the events.
    with django_assert_max_num_queries(10):
        fetch(client, village_a)
