"""What keeps the complaint form safe: rate limits, the honeypot, photos judged by their
bytes, and hostile input shown as text."""

from __future__ import annotations

import io

from django.core import mail
from django.core.cache import cache
from django.test import override_settings

import pytest
from PIL import Image

from complaints import services
from complaints.models import Complaint
from home.forms import HONEYPOT_FIELD

from .helpers import COMPLAINT, image_bytes, page_of, send, sent_code, upload

pytestmark = pytest.mark.django_db


# -- rate limits -----------------------------------------------------------------------------


@override_settings(COMPLAINT_RATE_LIMIT=2, COMPLAINT_RATE_WINDOW=600)
def test_a_client_over_the_limit_gets_429_and_nothing_is_stored(client, village_a):
    assert send(client, village_a).status_code == 302
    assert send(client, village_a).status_code == 302
    response = send(client, village_a)
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "terlalu banyak pengaduan" in response.text
    assert Complaint.objects.count() == 2


@override_settings(COMPLAINT_RATE_LIMIT=1)
def test_the_limit_is_per_client_and_per_village(client, village_a, village_b):
    assert send(client, village_a, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert send(client, village_a, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert send(client, village_a, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert send(client, village_b, REMOTE_ADDR="10.0.0.1").status_code == 302


@override_settings(COMPLAINT_RATE_LIMIT=1)
def test_invalid_submissions_do_not_count_against_the_limit(client, village_a):
    for _ in range(3):
        assert send(client, village_a, {**COMPLAINT, "message": ""}).status_code == 200
    assert send(client, village_a).status_code == 302


@override_settings(COMPLAINT_RATE_LIMIT=1, CONTACT_FORM_TRUSTED_PROXIES=1)
def test_behind_a_proxy_the_limit_reads_the_forwarded_client(client, village_a):
    assert send(client, village_a, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 302
    assert send(client, village_a, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 302
    assert send(client, village_a, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429


@override_settings(COMPLAINT_LOOKUP_RATE_LIMIT=3)
def test_guessing_tracking_codes_is_rate_limited(client, village_a):
    for _ in range(3):
        response = client.post(
            "/pengaduan/status/", {"code": "AAAA-BBBB-CCCC"}, HTTP_HOST=village_a.host
        )
        assert response.status_code == 200
    response = client.post(
        "/pengaduan/status/", {"code": "AAAA-BBBB-CCCC"}, HTTP_HOST=village_a.host
    )
    assert response.status_code == 429
    assert "Terlalu banyak kode" in response.text


def test_rate_limit_keys_hold_no_client_address(client, village_a):
    send(client, village_a, REMOTE_ADDR="198.51.100.7")
    key = services.submit_limit(page_of(village_a), type("R", (), {"META": {}})()).key
    assert "198.51.100.7" not in key
    assert cache.get(f"complaints:submit:{page_of(village_a).pk}:198.51.100.7") is None


# -- the honeypot ----------------------------------------------------------------------------


def test_a_bot_filling_the_honeypot_sees_the_confirmation_and_nothing_is_stored(
    client, village_a, operator_a
):
    response = send(client, village_a, {**COMPLAINT, HONEYPOT_FIELD: "http://spam.example"})
    assert response.status_code == 302
    code = sent_code(client, village_a)
    assert len(code) == 14
    assert not Complaint.objects.exists()
    assert mail.outbox == []
    # Its code matches nothing.
    status = client.post("/pengaduan/status/", {"code": code}, HTTP_HOST=village_a.host)
    assert "Kode lacak tidak ditemukan" in status.text


# -- photos ----------------------------------------------------------------------------------


def test_a_real_photo_is_stored_encrypted_without_exif_in_private_storage(client, village_a):
    exif = Image.Exif()
    exif[0x010F] = "Kamera Rumah Budi"  # Make
    photo = upload("jalan.jpg", image_bytes("JPEG", exif=exif.tobytes()))
    assert send(client, village_a, photo=photo).status_code == 302

    complaint = Complaint.objects.get()
    assert complaint.photo_type == "image/jpeg"
    assert complaint.photo.name.startswith(f"pengaduan/{village_a.region.code}/")
    assert complaint.photo.name.endswith(".enc") and "jalan" not in complaint.photo.name
    with complaint.photo.open("rb") as stored:
        raw = stored.read()
    assert not raw.startswith(b"\xff\xd8")  # encrypted, not a JPEG
    with pytest.raises(ValueError, match="no URL"):
        complaint.photo.url  # noqa: B018
    clear = services.photo_bytes(complaint)
    assert clear.startswith(b"\xff\xd8")
    assert b"Kamera Rumah Budi" not in clear
    with Image.open(io.BytesIO(clear)) as image:
        assert image.size == (32, 24)


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("foto.jpg", b"MZ\x90\x00\x03\x00\x00\x00 this is a windows program", "image/jpeg"),
        ("foto.png", b"<?php system($_GET['c']); ?>", "image/png"),
        ("foto.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "image/jpeg"),
        ("foto.webp", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "image/webp"),
    ],
    ids=["exe-as-jpg", "php-as-png", "pdf-as-jpg", "svg-as-webp"],
)
def test_a_file_disguised_by_its_name_is_refused(client, village_a, name, data, content_type):
    response = send(client, village_a, photo=upload(name, data, content_type))
    assert response.status_code == 200
    assert "Isi berkas bukan JPG, PNG, WebP." in response.text
    assert not Complaint.objects.exists()


def test_a_truncated_image_is_refused_even_after_a_letter_pdf(client, village_a):
    # WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES when imported (any process that
    # rendered a letter): the check must not depend on it.
    import weasyprint  # noqa: F401

    data = image_bytes("PNG", size=(200, 200))
    response = send(
        client, village_a, photo=upload("foto.png", data[: len(data) // 2], "image/png")
    )
    assert response.status_code == 200
    assert "Isi berkas bukan" in response.text
    assert not Complaint.objects.exists()


@override_settings(PRIVATE_UPLOAD_MAX_BYTES=10_000)
def test_an_oversized_photo_is_refused_with_its_size(client, village_a):
    big = upload("besar.png", image_bytes("PNG", size=(400, 400), color=None) + b"\0" * 20_000)
    response = send(client, village_a, photo=big)
    assert response.status_code == 200
    assert "Berkas terlalu besar" in response.text
    assert not Complaint.objects.exists()


def test_nothing_is_written_to_private_storage_for_a_refused_form(client, village_a):
    storage = Complaint._meta.get_field("photo").storage
    folder = f"pengaduan/{village_a.region.code}"

    def stored():
        return set(storage.listdir(folder)[1]) if storage.exists(folder) else set()

    before = stored()
    photo = upload("jalan.jpg", image_bytes("JPEG"))
    assert send(client, village_a, {**COMPLAINT, "name": ""}, photo=photo).status_code == 200
    assert stored() == before


# -- hostile input ---------------------------------------------------------------------------


def test_markup_in_a_complaint_is_shown_as_text_everywhere(client, village_a, operator_a):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> Jalan rusak parah'
    send(client, village_a, {**COMPLAINT, "message": hostile, "name": "<b>Budi</b>"})
    complaint = Complaint.objects.get()
    assert complaint.message == hostile

    status = client.post(
        "/pengaduan/status/", {"code": complaint.tracking_code}, HTTP_HOST=village_a.host
    ).text
    assert "<script>alert" not in status and "&lt;script&gt;" in status
    assert "<img src=x" not in status

    client.force_login(operator_a)
    detail = client.get(f"/admin/pengaduan/{complaint.pk}/").text
    assert "<script>alert" not in detail and "&lt;script&gt;" in detail
    assert "<b>Budi</b>" not in detail and "&lt;b&gt;Budi&lt;/b&gt;" in detail


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("message", "x" * 2001, "paling banyak 2000"),
        ("message", "pendek", "paling sedikit 10"),
        ("name", "N" * 101, "paling banyak 100"),
        ("phone", "bukan nomor", ""),
        ("kind", "spam", "Masukkan pilihan yang valid"),
        ("category", "../../etc/passwd", "Masukkan pilihan yang valid"),
        ("message", "Jalan rusak\x00 di RT 01 sejak lama", "Karakter null tidak diizinkan"),
    ],
    ids=["long-message", "short-message", "long-name", "phone", "kind", "category", "nul"],
)
def test_hostile_or_malformed_fields_are_refused(client, village_a, field, value, error):
    response = send(client, village_a, {**COMPLAINT, field: value})
    assert response.status_code == 200
    assert "Pengaduan belum terkirim." in response.text
    if error:
        assert error.lower() in response.text.lower()
    assert not Complaint.objects.exists()


def test_control_characters_are_dropped_and_line_breaks_kept(client, village_a):
    message = "Baris pertama \x1b[31mmerah\x1b[0m\r\nBaris kedua\u200b tentang jalan."
    assert send(client, village_a, {**COMPLAINT, "message": message}).status_code == 302
    stored = Complaint.objects.get().message
    assert "\x1b" not in stored and "\u200b" not in stored
    assert stored == "Baris pertama [31mmerah[0m\nBaris kedua tentang jalan."
