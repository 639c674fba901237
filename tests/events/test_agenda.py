"""The agenda: upcoming and past events in the village's own time, pages, admin and API."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page
from wagtail.search import index
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

import pytest

from events.models import AgendaIndexPage, EventPage
from tests.api.helpers import make_image

from .helpers import TODAY, agenda_index, days, queries_for, schedule, zone_lookups

NINE = datetime.time(9, 0)
NOON = datetime.time(12, 0)


def agenda(client, tenant, path="/agenda/"):
    response = client.get(path, HTTP_HOST=tenant.host)
    assert response.status_code == 200
    return response.text


def upcoming_part(text):
    return text.split('id="agenda-upcoming"')[1].split('id="agenda-past"')[0]


def past_part(text):
    return text.split('id="agenda-past"')[1]


def count_cards(text):
    return text.count('<li class="card event-card">')


# -- provisioning ------------------------------------------------------------------------


def test_every_village_gets_one_agenda_at_agenda(village_a, village_b):
    for tenant in (village_a, village_b):
        assert isinstance(agenda_index(tenant), AgendaIndexPage)
    assert not AgendaIndexPage.can_create_at(village_a.page)
    assert EventPage.can_create_at(agenda_index(village_a))
    assert not EventPage.can_create_at(village_a.page)


# -- index -------------------------------------------------------------------------------


def test_agenda_lists_upcoming_soonest_first_then_past_and_only_this_village(
    client, village_a, village_b
):
    schedule(village_a, "Kerja Bakti Saluran", start_date=days(5), start_time=NINE)
    schedule(village_a, "Musyawarah Desa", start_date=days(2), start_time=NINE)
    schedule(village_a, "Posyandu Balita Hari Ini", start_date=TODAY, start_time=NINE)
    schedule(village_a, "Pengaspalan Jalan", start_date=days(-2), end_date=days(3))
    schedule(village_a, "Senam Sehat", start_date=days(-3))
    schedule(village_a, "Lomba Kemarin", start_date=days(-1), start_time=NINE)
    schedule(village_b, "Lomba Desa Wangi", start_date=days(1))

    text = agenda(client, village_a)
    upcoming = upcoming_part(text)
    titles = ["Pengaspalan Jalan", "Posyandu Balita Hari Ini", "Musyawarah Desa"]
    positions = [upcoming.index(title) for title in [*titles, "Kerja Bakti Saluran"]]
    assert positions == sorted(positions)
    past = past_part(text)
    assert past.index("Lomba Kemarin") < past.index("Senam Sehat")
    assert "Musyawarah Desa" not in past
    assert "Lomba Kemarin" not in upcoming
    assert "Lomba Desa Wangi" not in text

    on_b = agenda(client, village_b)
    assert "Lomba Desa Wangi" in on_b
    assert "Musyawarah Desa" not in on_b


def test_event_times_show_the_village_zone(client, village_a, village_wita):
    for tenant in (village_a, village_wita):
        schedule(tenant, "Musyawarah Desa", start_date=days(2), start_time=NINE, end_time=NOON)

    java = agenda(client, village_a)
    assert (
        '<time datetime="2026-11-22T09:00+07:00">Minggu, 22 November 2026, 09.00 WIB</time>'
        ' – <time datetime="2026-11-22T12:00+07:00">12.00 WIB</time>'
    ) in java
    bali = agenda(client, village_wita)
    assert '<time datetime="2026-11-22T09:00+08:00">' in bali
    assert "09.00 WITA" in bali
    assert "WIB" not in upcoming_part(bali)


def test_all_day_and_multi_day_events_show_dates_only(client, village_a):
    schedule(village_a, "Bersih Desa", start_date=days(5))
    schedule(village_a, "Pengaspalan Jalan", start_date=days(-2), end_date=days(3))

    text = agenda(client, village_a)
    assert '<time datetime="2026-11-25">Rabu, 25 November 2026</time> (sepanjang hari)' in text
    assert (
        '<time datetime="2026-11-18">Rabu, 18 November 2026</time> – '
        '<time datetime="2026-11-23">Senin, 23 November 2026</time> (sepanjang hari)'
    ) in text


def test_event_moves_to_past_at_local_midnight_after_its_last_day(client, clock, village_a):
    schedule(village_a, "Malam Tirakatan", start_date=TODAY, start_time=datetime.time(20, 0))

    clock.set(datetime.datetime(2026, 11, 20, 16, 59, tzinfo=datetime.UTC))  # 23:59 WIB
    assert "Malam Tirakatan" in upcoming_part(agenda(client, village_a))
    clock.set(datetime.datetime(2026, 11, 20, 17, 0, tzinfo=datetime.UTC))  # 00:00 WIB
    assert "Malam Tirakatan" in past_part(agenda(client, village_a))


def test_drafts_are_not_listed(client, village_a):
    schedule(village_a, "Rencana Rahasia", start_date=days(1), publish=False)
    schedule(village_a, "Kerja Bakti", start_date=days(1))
    text = agenda(client, village_a)
    assert "Kerja Bakti" in text
    assert "Rencana Rahasia" not in text


def test_upcoming_and_past_lists_page_independently(client, village_a):
    for n in range(12):
        schedule(village_a, f"Agenda Datang {n:02d}", start_date=days(n + 1))
        schedule(village_a, f"Agenda Lalu {n:02d}", start_date=days(-n - 1))

    first = agenda(client, village_a)
    assert count_cards(upcoming_part(first)) == 10
    assert count_cards(past_part(first)) == 10
    assert "Agenda Datang 00" in first
    assert "Agenda Lalu 00" in first
    assert 'href="?page=2"' in first
    assert 'href="?lalu=2"' in first

    both = agenda(client, village_a, "/agenda/?page=2&lalu=2")
    assert count_cards(upcoming_part(both)) == 2
    assert count_cards(past_part(both)) == 2
    assert "Agenda Datang 11" in both
    assert "Agenda Lalu 11" in both
    # Moving one list keeps the other where it was.
    assert 'href="?page=1&amp;lalu=2"' in both
    assert 'href="?page=2&amp;lalu=1"' in both

    for bad in ("abc", "999", "-1"):
        response = client.get(f"/agenda/?page={bad}&lalu={bad}", HTTP_HOST=village_a.host)
        assert response.status_code == 200


def test_empty_agenda_says_so(client, village_a):
    text = agenda(client, village_a)
    assert "Belum ada agenda mendatang." in text
    assert 'id="agenda-past"' not in text


# -- one event ---------------------------------------------------------------------------


def test_event_page_shows_when_where_who_picture_and_calendar_link(client, village_a):
    schedule(
        village_a,
        "Musyawarah Desa RKPDes 2027",
        start_date=days(2),
        start_time=NINE,
        end_time=NOON,
        location_name="Balai Desa Kebonharjo",
        location_address="Jl. Raya Jatirogo No. 5",
        organiser="Pemerintah Desa dan BPD",
        image=make_image(village_a.collection, "balai-desa"),
        intro="Penetapan prioritas pembangunan 2027.",
        body=[("paragraph", "<p>Warga dipersilakan hadir.</p>")],
    )

    response = client.get("/agenda/musyawarah-desa-rkpdes-2027/", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    text = response.text
    assert "<h1>Musyawarah Desa RKPDes 2027</h1>" in text
    assert '<time datetime="2026-11-22T09:00+07:00">' in text
    assert "Balai Desa Kebonharjo<br>Jl. Raya Jatirogo No. 5" in text
    assert "<dd>Pemerintah Desa dan BPD</dd>" in text
    assert "Penetapan prioritas pembangunan 2027." in text
    assert "Warga dipersilakan hadir." in text
    assert 'srcset="' in text
    assert ".webp" in text
    assert 'href="/agenda/musyawarah-desa-rkpdes-2027/ical/"' in text
    assert "sudah berlangsung" not in text
    assert "style=" not in text.split("</head>")[1]


def test_past_event_page_says_it_took_place(client, village_a):
    schedule(village_a, "Senam Sehat", start_date=days(-3))
    response = client.get("/agenda/senam-sehat/", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    assert "Acara ini sudah berlangsung." in response.text


def test_event_of_other_village_is_not_served_on_this_host(client, village_a, village_b):
    schedule(village_b, "Lomba Desa Wangi", start_date=days(1))
    assert client.get("/agenda/lomba-desa-wangi/", HTTP_HOST=village_a.host).status_code == 404
    assert client.get("/agenda/lomba-desa-wangi/", HTTP_HOST=village_b.host).status_code == 200


# -- API ---------------------------------------------------------------------------------


def test_api_lists_every_declared_field_and_only_this_village(client, village_a, village_b):
    schedule(
        village_a,
        "Musyawarah Desa",
        start_date=days(2),
        start_time=NINE,
        end_time=NOON,
        location_name="Balai Desa",
        location_address="Jl. Raya No. 1",
        organiser="BPD",
        image=make_image(village_a.collection, "balai-desa"),
        intro="Penetapan RKPDes.",
    )
    schedule(village_b, "Lomba Desa Wangi", start_date=days(1))

    response = client.get("/api/v2/pages/?type=events.EventPage&fields=*", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["title"] for i in items] == ["Musyawarah Desa"]
    item = items[0]
    for field in EventPage.api_fields:
        assert field.name in item, field.name
    assert item["start_date"] == "2026-11-22"
    assert item["start_time"] == "09:00:00"
    assert item["end_date"] is None
    assert item["end_time"] == "12:00:00"
    assert item["is_all_day"] is False
    assert item["time_zone"] == "Asia/Jakarta"
    assert item["location_name"] == "Balai Desa"
    assert item["location_address"] == "Jl. Raya No. 1"
    assert item["organiser"] == "BPD"
    assert item["image"]["url"].endswith(".webp")
    assert item["intro"] == "Penetapan RKPDes."
    assert item["body"] == []
    assert "Lomba Desa Wangi" not in response.text


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_api_detail_exposes_every_declared_field_with_the_village_zone(
    client, village_wita, village_a, version
):
    page = schedule(village_wita, "Piodalan Pura Desa", start_date=days(3))
    query = "?fields=*" if version == "v2" else ""
    response = client.get(f"/api/{version}/pages/{page.pk}/{query}", HTTP_HOST=village_wita.host)
    assert response.status_code == 200
    body = response.json()
    for field in EventPage.api_fields:
        assert field.name in body, field.name
    assert body["time_zone"] == "Asia/Makassar"
    assert body["is_all_day"] is True
    other = client.get(f"/api/{version}/pages/{page.pk}/{query}", HTTP_HOST=village_a.host)
    assert other.status_code == 404


def test_event_search_fields_cover_text_place_and_organiser():
    names = {f.field_name for f in EventPage.search_fields if isinstance(f, index.SearchField)}
    assert {"title", "intro", "body", "location_name", "location_address", "organiser"} <= names


# -- admin -------------------------------------------------------------------------------


def add_url(tenant):
    return reverse("wagtailadmin_pages:add", args=["events", "eventpage", agenda_index(tenant).pk])


def form_data(client, url, **fields):
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.text, form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([])}))
    for name, value in fields.items():
        data[name] = value
    data["action-publish"] = "1"
    return data


VALID = {
    "title": "Musyawarah Desa",
    "slug": "musyawarah-desa",
    "start_date": "2026-11-22",
    "start_time": "09:00",
    "end_date": "",
    "end_time": "12:00",
    "location_name": "Balai Desa",
}


def test_operator_publishes_event_through_admin(client_for, operator_a, village_a):
    client = client_for(operator_a)
    url = add_url(village_a)
    response = client.post(url, form_data(client, url, **VALID))
    assert response.status_code == 302, response.content[:2000]
    page = EventPage.objects.get(slug="musyawarah-desa")
    assert page.live
    assert (page.start_time, page.end_time) == (NINE, NOON)


def test_overnight_event_may_end_earlier_in_the_day_on_a_later_date(
    client_for, operator_a, village_a
):
    client = client_for(operator_a)
    url = add_url(village_a)
    overnight = {**VALID, "start_time": "20:00", "end_date": "2026-11-23", "end_time": "02:00"}
    assert client.post(url, form_data(client, url, **overnight)).status_code == 302


@pytest.mark.parametrize(
    "changes,field,message",
    [
        (
            {"end_date": "2026-11-21", "end_time": ""},
            "end_date",
            "Tanggal selesai (21 November 2026) tidak boleh sebelum tanggal mulai "
            "(22 November 2026).",
        ),
        (
            {"end_time": "08:00"},
            "end_time",
            "Jam selesai (08.00) tidak boleh sebelum jam mulai (09.00) pada hari yang sama.",
        ),
        (
            {"end_date": "2026-11-22", "end_time": "08:00"},
            "end_time",
            "Jam selesai (08.00) tidak boleh sebelum jam mulai (09.00) pada hari yang sama.",
        ),
        (
            {"start_time": ""},
            "end_time",
            "Jam selesai hanya diisi bila jam mulai juga diisi. Untuk acara sepanjang hari, "
            "kosongkan keduanya.",
        ),
        ({"location_name": ""}, "location_name", None),
        ({"slug": "ical"}, "slug", "Alamat “ical” sudah dipakai oleh situs. Pilih alamat lain."),
    ],
    ids=[
        "end-date-before-start",
        "end-time-before-start",
        "same-end-date",
        "end-time-only",
        "no-place",
        "reserved-slug",
    ],
)
def test_invalid_event_is_refused_in_indonesian_and_nothing_saved(
    client_for, operator_a, village_a, changes, field, message
):
    client = client_for(operator_a)
    url = add_url(village_a)
    response = client.post(url, form_data(client, url, **{**VALID, **changes}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert not EventPage.objects.exists()
    assert not Page.objects.filter(title="Musyawarah Desa").exists()


def test_invalid_edit_saves_no_revision_and_changes_nothing(client_for, operator_a, village_a):
    page = schedule(village_a, "Musyawarah Desa", start_date=days(2), start_time=NINE)
    revisions = page.revisions.count()
    client = client_for(operator_a)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(
        url, form_data(client, url, title="Musyawarah Diubah", end_date="2026-11-01")
    )
    assert response.status_code == 200
    assert "end_date" in response.context["form"].errors
    page.refresh_from_db()
    assert page.title == "Musyawarah Desa"
    assert page.end_date is None
    assert page.revisions.count() == revisions


# -- cost --------------------------------------------------------------------------------

# The page shell (site, locale, menu, settings) costs about 13 queries today; the agenda
# adds five (the village's zone, count and items of each list).
MAX_QUERIES = 24


def test_agenda_query_count_does_not_grow_with_events(
    client, village_a, django_assert_max_num_queries
):
    for n in range(2):
        schedule(village_a, f"Datang {n}", start_date=days(n + 1), start_time=NINE)
        schedule(village_a, f"Lalu {n}", start_date=days(-n - 1))
    few = queries_for(client, village_a, "/agenda/")
    for n in range(2, 12):
        schedule(village_a, f"Datang {n}", start_date=days(n + 1), start_time=NINE)
        schedule(village_a, f"Lalu {n}", start_date=days(-n - 1))
    assert queries_for(client, village_a, "/agenda/") == few
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get("/agenda/", HTTP_HOST=village_a.host)


def test_api_listing_looks_up_the_village_zone_once(client, village_a):
    # Wagtail's API itself costs a query per item (the locale); time_zone must add none.
    for n in range(12):
        schedule(village_a, f"Agenda {n}", start_date=days(n))
    client.get("/api/v2/pages/", HTTP_HOST=village_a.host)  # warm the per-process site index
    with CaptureQueriesContext(connection) as context:
        response = client.get(
            "/api/v2/pages/?type=events.EventPage&fields=*", HTTP_HOST=village_a.host
        )
    assert len(response.json()["items"]) == 12
    assert len(zone_lookups(context.captured_queries)) == 1


def test_preview_of_a_new_event_shows_the_village_zone(client_for, village_wita):
    from tests import factories

    client = client_for(factories.operator_of(village_wita))
    url = add_url(village_wita)
    data = form_data(client, url, **VALID)
    preview = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["events", "eventpage", agenda_index(village_wita).pk],
    )
    assert client.post(preview, data).json()["is_valid"]
    response = client.get(preview)
    assert response.status_code == 200
    assert "09.00 WITA" in response.text
    assert not EventPage.objects.exists()
