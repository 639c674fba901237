"""The public complaints page (/pengaduan/): sending, the tracking code, the status page and
the published answers, each village on its own host."""

from __future__ import annotations

import datetime

from django.core import mail
from django.utils import timezone

import pytest

from complaints.models import Complaint, NameShown, Status
from home.forms import HONEYPOT_FIELD

from .helpers import COMPLAINT, make, page_of, send

pytestmark = pytest.mark.django_db


def status_of(client, tenant, code, **extra):
    return client.post("/pengaduan/status/", {"code": code}, HTTP_HOST=tenant.host, **extra)


# -- provisioning and the page ---------------------------------------------------------------


def test_every_village_gets_a_complaints_page_before_the_contact_page(village_a, village_c):
    for tenant in (village_a, village_c):
        page = page_of(tenant)
        assert page.slug == "pengaduan" and page.live
        slugs = list(tenant.page.get_children().values_list("slug", flat=True))
        assert slugs.index("pengaduan") == slugs.index("kontak") - 1


def test_page_shows_the_form_with_a_hidden_honeypot_and_is_never_cached(client, village_a):
    response = client.get("/pengaduan/", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    text = response.text
    assert 'enctype="multipart/form-data"' in text
    for label in ("Jenis", "Kategori", "Isi pengaduan atau aspirasi", "Foto", "Nama"):
        assert f">{label}" in text
    assert '<option value="keamanan">Keamanan &amp; ketertiban</option>' in text
    trap = text.split('class="complaint-form__trap"', 1)[1].split("</div>", 1)[0]
    assert 'aria-hidden="true"' in trap and f'name="{HONEYPOT_FIELD}"' in trap
    assert 'tabindex="-1"' in trap
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "style=" not in text.split("</head>")[1]


# -- sending ---------------------------------------------------------------------------------


def test_sending_redirects_to_the_tracking_code_shown_once(client, village_a, operator_a):
    response = send(client, village_a)
    assert response.status_code == 302
    assert response["Location"].endswith("/pengaduan/terkirim/")
    complaint = Complaint.objects.get(village=village_a.region)
    assert complaint.status == Status.RECEIVED and complaint.may_publish
    assert complaint.name == "Sri Wahyuni" and complaint.masked_name == "S*i W*****i"

    confirmation = client.get("/pengaduan/terkirim/", HTTP_HOST=village_a.host)
    assert complaint.tracking_code in confirmation.text
    assert "no-store" in confirmation["Cache-Control"]
    again = client.get("/pengaduan/terkirim/", HTTP_HOST=village_a.host)
    assert complaint.tracking_code not in again.text


def test_operators_are_told_a_complaint_came_in_without_its_text_or_sender(
    client, village_a, operator_a, operator_b
):
    send(client, village_a)
    complaint = Complaint.objects.get(village=village_a.region)
    assert [m.to for m in mail.outbox] == [[operator_a.email]]
    body = mail.outbox[0].body
    assert f"/admin/pengaduan/{complaint.pk}/" in body
    for private in ("Sri Wahyuni", "sri.wahyuni", "0812", "berlubang", complaint.tracking_code):
        assert private not in body and private not in mail.outbox[0].subject


def test_personal_data_is_stored_encrypted(client, village_a):
    from django.db import connection

    send(client, village_a)
    complaint = Complaint.objects.get(village=village_a.region)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, email, phone FROM complaints_complaint WHERE id = %s", [complaint.pk]
        )
        raw = cursor.fetchone()
    assert all(value and "Sri" not in value and "@" not in value for value in raw)
    assert "0812" not in raw[2]


def test_a_complaint_belongs_to_the_village_of_the_host(client, village_a, village_b):
    send(client, village_b)
    assert Complaint.objects.filter(village=village_b.region).count() == 1
    assert not Complaint.objects.filter(village=village_a.region).exists()


def test_invalid_form_says_what_is_missing_in_indonesian(client, village_a):
    data = {**COMPLAINT, "category": "", "message": "", "name": "", "email": "bukan-email"}
    response = send(client, village_a, data)
    assert response.status_code == 200
    text = response.text
    assert "Pengaduan belum terkirim." in text
    assert "Kategori wajib diisi." in text
    assert "Isi pengaduan atau aspirasi wajib diisi." in text
    assert "Nama wajib diisi." in text
    assert "Alamat email tidak sah." in text
    assert not Complaint.objects.exists()


def test_status_page_shows_status_and_private_answer_to_the_code_holder_only(
    client, village_a, village_b
):
    complaint = make(village_a, may_publish=False)
    complaint.answer = "Sudah kami tindak lanjuti bersama RT."
    complaint.status = Status.ANSWERED
    complaint.answered_at = timezone.now()
    complaint.save()

    # Typed loosely: lower case, spaces instead of dashes.
    loose = complaint.tracking_code.lower().replace("-", " ")
    response = status_of(client, village_a, loose)
    assert response.status_code == 200
    text = response.text
    assert "Sudah kami tindak lanjuti bersama RT." in text
    assert "Saluran air tersumbat" in text
    assert "Dijawab" in text
    assert "tidak ditampilkan di situs desa" in text
    for private in ("Budi", "budi@contoh.id", "B***i"):
        assert private not in text
    assert "no-store" in response["Cache-Control"]

    # The same code on another village's site is nobody's.
    other = status_of(client, village_b, complaint.tracking_code).text
    assert "Kode lacak tidak ditemukan di desa ini" in other
    assert "tindak lanjuti" not in other


def test_status_page_refuses_a_malformed_code(client, village_a):
    response = status_of(client, village_a, "<script>alert(1)</script>")
    assert response.status_code == 200
    assert "Kode lacak terdiri dari 12 huruf dan angka" in response.text
    assert "<script>alert(1)" not in response.text


# -- the published answers -------------------------------------------------------------------


def answered(tenant, *, hours: float, published=True, name_shown=NameShown.MASKED, **fields):
    complaint = make(tenant, may_publish=True, **fields)
    created = timezone.now() - datetime.timedelta(days=10)
    Complaint.objects.filter(pk=complaint.pk).update(
        created_at=created,
        answered_at=created + datetime.timedelta(hours=hours),
        answer=fields.get("message", "") + " — dijawab",
        status=Status.ANSWERED,
        published=published,
        name_shown=name_shown,
    )
    return Complaint.objects.get(pk=complaint.pk)


def test_public_list_shows_published_answers_with_masked_or_withheld_names(client, village_a):
    answered(village_a, hours=5, message="Lampu jalan mati di RT 02.", name="Budi Santoso")
    answered(
        village_a,
        hours=72,
        message="Posyandu lansia hari Sabtu.",
        name="Siti Aminah",
        name_shown=NameShown.WITHHELD,
    )
    answered(village_a, hours=1, published=False, message="Tetangga berisik tiap malam.")
    make(village_a, may_publish=True, message="Belum dijawab: jembatan retak.")

    text = client.get("/pengaduan/", HTTP_HOST=village_a.host).text
    section = text.split('id="pengaduan-dijawab"', 1)[1]
    assert "Lampu jalan mati di RT 02." in section and "dijawab" in section
    assert "B**i S*****o" in section
    assert "Dijawab dalam 5 jam" in section
    assert "Posyandu lansia hari Sabtu." in section
    assert "Dijawab dalam 3 hari" in section
    assert "Nama tidak ditampilkan" in section
    for hidden in ("Siti", "S***i", "Budi", "budi@contoh.id", "Tetangga", "jembatan retak"):
        assert hidden not in text


def test_public_list_of_one_village_never_shows_another_villages(
    client, village_a, village_b, village_other_regency
):
    answered(village_b, hours=3, message="Keluhan warga Wangi tentang pasar.")
    answered(village_other_regency, hours=3, message="Keluhan warga Sembung tentang irigasi.")
    text = client.get("/pengaduan/", HTTP_HOST=village_a.host).text
    assert "Wangi tentang pasar" not in text and "Sembung tentang irigasi" not in text
    assert "Wangi tentang pasar" in client.get("/pengaduan/", HTTP_HOST=village_b.host).text


def test_public_list_is_paginated_newest_answer_first(client, village_a):
    for n in range(12):
        answered(village_a, hours=n + 1, message=f"Pengaduan nomor {n:02d} tentang jalan.")
    first = client.get("/pengaduan/", HTTP_HOST=village_a.host).text
    assert "nomor 11" in first and "nomor 02" in first and "nomor 01" not in first
    assert first.index("nomor 11") < first.index("nomor 10")
    second = client.get("/pengaduan/?page=2", HTTP_HOST=village_a.host).text
    assert "nomor 01" in second and "nomor 00" in second and "nomor 11" not in second


def test_public_page_costs_the_same_queries_for_2_and_10_answers(
    client, village_a, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(2):
        answered(village_a, hours=2, message=f"Pengaduan awal {n}.")
    client.get("/pengaduan/", HTTP_HOST=village_a.host)  # warm up the site caches
    with CaptureQueriesContext(connection) as two:
        client.get("/pengaduan/", HTTP_HOST=village_a.host)
    for n in range(8):
        answered(village_a, hours=2, message=f"Pengaduan lanjutan {n}.")
    with CaptureQueriesContext(connection) as ten:
        assert "lanjutan 7" in client.get("/pengaduan/", HTTP_HOST=village_a.host).text
    assert len(ten.captured_queries) == len(two.captured_queries)
    print(f"/pengaduan/: {len(ten.captured_queries)} queries")
    with django_assert_max_num_queries(25):
        client.get("/pengaduan/", HTTP_HOST=village_a.host)


def test_page_of_an_unknown_host_is_not_served(db, client):
    assert client.get("/pengaduan/", HTTP_HOST="tidakada.tuban.test").status_code == 404
    response = client.post("/pengaduan/", COMPLAINT, HTTP_HOST="tidakada.tuban.test")
    assert response.status_code == 404
    assert not Complaint.objects.exists()


def test_status_page_asks_for_the_code_and_is_never_cached(client, village_a):
    response = client.get("/pengaduan/status/", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    assert 'name="code"' in response.text
    assert "no-store" in response["Cache-Control"]
