"""Announcements: listed until their expiry date (village time), then archived; per village."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

import pytest

from events.models import AnnouncementIndexPage, AnnouncementPage
from tests.api.helpers import make_document

from .helpers import TODAY, announce, announcement_index, days, queries_for, zone_lookups

# 16:30 UTC on 30 November 2026: still the 30th in WIB (23:30), already 1 December in WITA.
WIB_LATE_EVENING = datetime.datetime(2026, 11, 30, 16, 30, tzinfo=datetime.UTC)


def listed(client, tenant, path="/pengumuman/"):
    response = client.get(path, HTTP_HOST=tenant.host)
    assert response.status_code == 200
    return response.text


def count_cards(text):
    return text.count('<li class="card announcement-card">')


# -- provisioning ------------------------------------------------------------------------


def test_every_village_gets_one_announcement_index_at_pengumuman(village_a, village_b):
    for tenant in (village_a, village_b):
        assert isinstance(announcement_index(tenant), AnnouncementIndexPage)
    assert not AnnouncementIndexPage.can_create_at(village_a.page)
    assert AnnouncementPage.can_create_at(announcement_index(village_a))
    assert not AnnouncementPage.can_create_at(village_a.page)


# -- index: current only, per village ----------------------------------------------------


def test_index_lists_this_villages_current_announcements_important_first(
    client, village_a, village_b
):
    announce(village_a, "Jadwal Posyandu Desember", date=days(-1))
    announce(village_a, "Penutupan Jalan Dusun Krajan", date=days(-3), is_important=True)
    announce(village_b, "Lomba Desa Wangi")

    on_a = listed(client, village_a)
    assert on_a.index("Penutupan Jalan Dusun Krajan") < on_a.index("Jadwal Posyandu Desember")
    assert '<span class="badge">Penting</span>' in on_a
    assert on_a.count('class="badge"') == 1
    assert "Lomba Desa Wangi" not in on_a
    assert '<time datetime="2026-11-27">27 November 2026</time>' in on_a

    on_b = listed(client, village_b)
    assert "Lomba Desa Wangi" in on_b
    assert "Penutupan Jalan Dusun Krajan" not in on_b


def test_announcement_is_listed_through_its_expiry_day_and_not_after(client, village_a):
    announce(village_a, "Berlaku Sampai Hari Ini", date=days(-5), expiry=TODAY)
    announce(village_a, "Berakhir Kemarin", date=days(-5), expiry=days(-1))

    text = listed(client, village_a)
    assert "Berlaku Sampai Hari Ini" in text
    assert "Berakhir Kemarin" not in text


def test_expired_announcement_leaves_the_index_at_local_midnight(client, clock, village_a):
    announce(village_a, "Berlaku Sampai Hari Ini", date=days(-5), expiry=TODAY)

    clock.set(datetime.datetime(2026, 11, 20, 16, 59, tzinfo=datetime.UTC))  # 23:59 WIB
    assert "Berlaku Sampai Hari Ini" in listed(client, village_a)
    clock.set(datetime.datetime(2026, 11, 20, 17, 0, tzinfo=datetime.UTC))  # 00:00 WIB, 21st
    assert "Berlaku Sampai Hari Ini" not in listed(client, village_a)
    assert "Berlaku Sampai Hari Ini" in listed(client, village_a, "/pengumuman/arsip/")


def test_expiry_follows_the_villages_own_time_zone(client, clock, village_a, village_wita):
    last_day = datetime.date(2026, 11, 30)
    java = announce(village_a, "Pengumuman Jawa", date=days(-5), expiry=last_day)
    bali = announce(village_wita, "Pengumuman Bali", date=days(-5), expiry=last_day)

    clock.set(WIB_LATE_EVENING)
    assert "Pengumuman Jawa" in listed(client, village_a)
    assert "Pengumuman Bali" not in listed(client, village_wita)
    assert "Pengumuman Bali" in listed(client, village_wita, "/pengumuman/arsip/")
    assert java.is_current
    assert not AnnouncementPage.objects.get(pk=bali.pk).is_current


def test_drafts_and_private_announcements_are_not_listed(client, village_a):
    announce(village_a, "Rancangan Pengumuman", publish=False)
    secret = announce(village_a, "Pengumuman Perangkat")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="rahasia-desa"
    )
    announce(village_a, "Pengumuman Terbuka")

    text = listed(client, village_a)
    assert "Pengumuman Terbuka" in text
    assert "Rancangan Pengumuman" not in text
    assert "Pengumuman Perangkat" not in text


def test_index_paginates_ten_per_page(client, village_a):
    for n in range(12):
        announce(village_a, f"Pengumuman Nomor {n:02d}", date=days(-n))

    first = listed(client, village_a)
    assert count_cards(first) == 10
    assert "Pengumuman Nomor 00" in first
    assert "Pengumuman Nomor 11" not in first
    assert 'class="pagination"' in first
    assert 'href="?page=2"' in first

    second = listed(client, village_a, "/pengumuman/?page=2")
    assert count_cards(second) == 2
    assert "Pengumuman Nomor 11" in second

    for bad in ("abc", "999", "-1"):
        assert count_cards(listed(client, village_a, f"/pengumuman/?page={bad}")) in (2, 10)


def test_empty_index_says_there_is_nothing_current(client, village_a):
    announce(village_a, "Sudah Lama", date=days(-30), expiry=days(-10))
    text = listed(client, village_a)
    assert "Saat ini tidak ada pengumuman yang berlaku." in text
    assert 'href="/pengumuman/arsip/"' in text


# -- archive -----------------------------------------------------------------------------


def test_archive_lists_only_this_villages_expired_announcements(client, village_a, village_b):
    announce(village_a, "Masih Berlaku")
    announce(village_a, "Pendaftaran Lomba", date=days(-30), expiry=days(-10))
    announce(village_a, "Pendaftaran Pelatihan", date=days(-20), expiry=days(-2))
    announce(village_b, "Arsip Desa Wangi", date=days(-30), expiry=days(-10))

    text = listed(client, village_a, "/pengumuman/arsip/")
    assert "<h1>Arsip pengumuman</h1>" in text
    assert text.index("Pendaftaran Pelatihan") < text.index("Pendaftaran Lomba")
    assert "Masih Berlaku" not in text
    assert "Arsip Desa Wangi" not in text
    assert "<title>Arsip pengumuman" in text
    assert "Arsip Desa Wangi" in listed(client, village_b, "/pengumuman/arsip/")


# -- one announcement --------------------------------------------------------------------


def test_current_announcement_page_shows_dates_body_and_attachment(client, village_a):
    document = make_document(village_a.collection, "jadwal-blt")
    announce(
        village_a,
        "Jadwal Pembagian BLT",
        date=days(-1),
        expiry=days(10),
        is_important=True,
        body=[("paragraph", "<p>Bawa KTP dan KK asli.</p>")],
        attachment=document,
    )

    response = client.get("/pengumuman/jadwal-pembagian-blt/", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    text = response.text
    assert "<h1>Jadwal Pembagian BLT</h1>" in text
    assert '<time datetime="2026-11-19">19 November 2026</time>' in text
    assert '<time datetime="2026-11-30">30 November 2026</time>' in text
    assert "Bawa KTP dan KK asli." in text
    assert f'href="{document.url}"' in text
    assert "Unduh lampiran: jadwal-blt" in text
    assert "(TXT, 11\xa0bita)" in text
    assert "sudah berakhir" not in text
    assert "style=" not in text.split("</head>")[1]


def test_expired_announcement_page_still_opens_and_says_it_has_expired(client, village_a):
    announce(village_a, "Pendaftaran Lomba", date=days(-30), expiry=days(-1))
    response = client.get("/pengumuman/pendaftaran-lomba/", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    assert "Pengumuman ini sudah berakhir." in response.text
    assert "Masa berlakunya habis pada 19 November 2026" in response.text


def test_announcement_of_other_village_is_not_served_on_this_host(client, village_a, village_b):
    announce(village_b, "Lomba Desa Wangi")
    assert client.get("/pengumuman/lomba-desa-wangi/", HTTP_HOST=village_a.host).status_code == 404
    assert client.get("/pengumuman/lomba-desa-wangi/", HTTP_HOST=village_b.host).status_code == 200


# -- API ---------------------------------------------------------------------------------


def test_api_lists_every_declared_field_and_only_this_village(client, village_a, village_b):
    document = make_document(village_a.collection, "surat-edaran")
    announce(
        village_a,
        "Jadwal Pembagian BLT",
        expiry=days(10),
        is_important=True,
        body=[("paragraph", "<p>Bawa KTP.</p>")],
        attachment=document,
    )
    announce(village_a, "Pendaftaran Lomba", date=days(-30), expiry=days(-1))
    announce(village_b, "Lomba Desa Wangi")

    response = client.get(
        "/api/v2/pages/?type=events.AnnouncementPage&fields=*&order=title",
        HTTP_HOST=village_a.host,
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["title"] for i in items] == ["Jadwal Pembagian BLT", "Pendaftaran Lomba"]
    for item in items:
        for field in AnnouncementPage.api_fields:
            assert field.name in item, field.name
    current, expired = items
    assert current["date"] == "2026-11-20"
    assert current["expiry_date"] == "2026-11-30"
    assert current["is_important"] is True
    assert current["is_current"] is True
    assert current["body"][0]["type"] == "paragraph"
    assert current["attachment"]["title"] == "surat-edaran"
    assert current["attachment"]["url"].startswith("http://kebonharjo.tuban.test/")
    assert current["attachment"]["file_extension"] == "txt"
    assert expired["is_current"] is False
    assert expired["attachment"] is None
    assert "Lomba Desa Wangi" not in response.text


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_api_detail_exposes_every_declared_field(client, village_a, village_b, version):
    page = announce(village_a, "Jadwal Pembagian BLT")
    query = "?fields=*" if version == "v2" else ""
    response = client.get(f"/api/{version}/pages/{page.pk}/{query}", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    body = response.json()
    for field in AnnouncementPage.api_fields:
        assert field.name in body, field.name
    assert body["is_current"] is True
    other = client.get(f"/api/{version}/pages/{page.pk}/{query}", HTTP_HOST=village_b.host)
    assert other.status_code == 404


def test_announcement_search_fields_cover_title_and_body():
    fields = AnnouncementPage.search_fields
    names = {f.field_name for f in fields if isinstance(f, index.SearchField)}
    assert {"title", "body"} <= names
    filters = {f.field_name for f in fields if isinstance(f, index.FilterField)}
    assert "expiry_date" in filters


# -- admin -------------------------------------------------------------------------------


def add_url(tenant):
    return reverse(
        "wagtailadmin_pages:add", args=["events", "announcementpage", announcement_index(tenant).pk]
    )


def form_data(client, url, form_id, **fields):
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.text, form_id=form_id)
    data.update(nested_form_data({"body": streamfield([])}))
    for name, value in fields.items():
        data[name] = value
    return data


def test_operator_publishes_announcement_through_admin(client_for, operator_a, village_a):
    client = client_for(operator_a)
    url = add_url(village_a)
    data = form_data(
        client,
        url,
        "page-edit-form",
        title="Kerja Bakti Minggu",
        slug="kerja-bakti-minggu",
        date="2026-11-20",
        expiry_date="2026-11-22",
        **{"action-publish": "1"},
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    page = AnnouncementPage.objects.get(slug="kerja-bakti-minggu")
    assert page.live
    assert page.expiry_date == datetime.date(2026, 11, 22)


def test_new_announcement_form_starts_on_the_villages_today(
    client_for, clock, superuser, village_a, village_wita
):
    clock.set(WIB_LATE_EVENING)
    client = client_for(superuser)
    java = client.get(add_url(village_a)).text
    bali = client.get(add_url(village_wita)).text
    assert 'name="date" value="2026-11-30"' in java
    assert 'name="date" value="2026-12-01"' in bali


def test_expiry_before_publish_date_is_refused_and_nothing_saved(client_for, operator_a, village_a):
    client = client_for(operator_a)
    url = add_url(village_a)
    data = form_data(
        client,
        url,
        "page-edit-form",
        title="Pengumuman Salah",
        slug="pengumuman-salah",
        date="2026-11-20",
        expiry_date="2026-11-19",
        **{"action-publish": "1"},
    )
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["expiry_date"] == [
        "Tanggal berlaku sampai (19 November 2026) tidak boleh sebelum tanggal terbit "
        "(20 November 2026)."
    ]
    assert "tidak boleh sebelum tanggal terbit" in response.text
    assert not Page.objects.filter(slug="pengumuman-salah").exists()


def test_missing_expiry_date_is_refused(client_for, operator_a, village_a):
    client = client_for(operator_a)
    url = add_url(village_a)
    data = form_data(
        client, url, "page-edit-form", title="Tanpa Batas", slug="tanpa-batas", expiry_date=""
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "expiry_date" in response.context["form"].errors
    assert not Page.objects.filter(slug="tanpa-batas").exists()


def test_invalid_edit_saves_no_revision_and_changes_nothing(client_for, operator_a, village_a):
    page = announce(village_a, "Jadwal Posyandu", expiry=days(7))
    revisions = page.revisions.count()
    client = client_for(operator_a)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(
        client,
        url,
        "page-edit-form",
        title="Jadwal Posyandu Diubah",
        expiry_date="2026-11-01",
        **{"action-publish": "1"},
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "expiry_date" in response.context["form"].errors
    page.refresh_from_db()
    assert page.title == "Jadwal Posyandu"
    assert page.expiry_date == days(7)
    assert page.revisions.count() == revisions


def test_slug_of_the_archive_route_is_refused(client_for, operator_a, village_a):
    client = client_for(operator_a)
    url = add_url(village_a)
    data = form_data(
        client,
        url,
        "page-edit-form",
        title="Arsip",
        slug="arsip",
        date="2026-11-20",
        expiry_date="2026-11-22",
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert not AnnouncementPage.objects.filter(slug="arsip").exists()


# -- cost --------------------------------------------------------------------------------


MAX_QUERIES = 22


@pytest.mark.parametrize("path", ["/pengumuman/", "/pengumuman/arsip/"])
def test_index_query_count_does_not_grow_with_announcements(
    client, village_a, path, django_assert_max_num_queries
):
    for n in range(2):
        announce(village_a, f"Berlaku {n}", date=days(-n))
        announce(village_a, f"Berakhir {n}", date=days(-30), expiry=days(-n - 1))
    few = queries_for(client, village_a, path)
    for n in range(2, 12):
        announce(village_a, f"Berlaku {n}", date=days(-n))
        announce(village_a, f"Berakhir {n}", date=days(-30), expiry=days(-n - 1))
    many = queries_for(client, village_a, path)
    assert many == few
    # The page shell (site, locale, menu, settings) costs about 13 queries today; the list
    # adds three (the village's zone, the count, the page of items).
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(path, HTTP_HOST=village_a.host)


def test_api_listing_looks_up_the_village_zone_once(client, village_a):
    # Wagtail's API itself costs a query per item (the locale); is_current must add none.
    for n in range(12):
        announce(village_a, f"Pengumuman {n}")
    client.get("/api/v2/pages/", HTTP_HOST=village_a.host)  # warm the per-process site index
    with CaptureQueriesContext(connection) as context:
        response = client.get(
            "/api/v2/pages/?type=events.AnnouncementPage&fields=*", HTTP_HOST=village_a.host
        )
    assert len(response.json()["items"]) == 12
    assert len(zone_lookups(context.captured_queries)) == 1
