"""Who may open a request: the village's operators; for endorsements the kecamatan's district
editors; nobody else. And what the public form refuses: bad NIKs, bad uploads, bots, floods
and hostile input, with nothing half-saved."""

from __future__ import annotations

import io
import os
import re

from django.core.cache import cache
from django.db import connection
from django.test import override_settings

import pytest
from PIL import Image

from letters import letter_types
from letters.models import EventKind, Letter, LetterRequest, RequestAttachment, Status
from letters.personal import decrypt_bytes
from letters.processing import approve
from letters.storage import PrivateFileSystemStorage
from tests import factories
from tests.letters.service import (
    NIK,
    form_data,
    jpeg_with_gps,
    pdf_bytes,
    submit,
    submitted_request,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(monkeypatch, tmp_path):
    storage = PrivateFileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(Letter._meta.get_field("pdf"), "storage", storage)
    monkeypatch.setattr(RequestAttachment._meta.get_field("file"), "storage", storage)
    return tmp_path / "private"


def refused(response) -> bool:
    """404, 403, or Wagtail's answer to a permission denied in the admin: back to the
    dashboard with a message."""
    if response.status_code == 302:
        return response["Location"] == "/admin/"
    return response.status_code in (403, 404)


def admin_urls(item, letter=None):
    urls = [
        f"/admin/layanan-surat/permohonan/{item.pk}/",
        *[f"/admin/layanan-surat/lampiran/{a.pk}/" for a in item.attachments.all()],
    ]
    if letter is not None:
        urls.append(f"/admin/layanan-surat/surat/{letter.pk}/pdf/")
    return urls


def issued(client, village):
    item = submitted_request(client, village)
    operator = factories.operator_of(village)
    letter = approve(item, operator, signer_name="Suparno", signer_position="Kepala Desa")
    item.refresh_from_db()
    return item, letter


@pytest.mark.parametrize(
    "who",
    ["operator_b", "operator_other_regency", "contributor_a", "regency_admin", "camat_elsewhere"],
)
def test_nobody_else_opens_a_request_or_its_files(client, village_a, village_b, who):
    item, letter = issued(client, village_a)
    users = {
        "operator_b": lambda: factories.operator_of(village_b),
        "operator_other_regency": lambda: factories.operator_of(factories.tenant("35.24.01.2001")),
        "contributor_a": lambda: factories.contributor_of(village_a),
        "regency_admin": lambda: factories.make_user(
            "regency_admin", factories.tenant("35.23").region
        ),
        "camat_elsewhere": lambda: factories.district_editor_of(factories.tenant("35.23.12")),
    }
    client.force_login(users[who]())
    for url in admin_urls(item, letter):
        response = client.get(url)
        assert refused(response), url
        assert NIK.encode() not in response.content
    for action in ("proses", "setujui", "tolak", "cabut", "setujui-camat"):
        response = client.post(
            f"/admin/layanan-surat/permohonan/{item.pk}/{action}/",
            {
                "reason": "x",
                "signer_name": "x",
                "signer_position": "x",
                "name": "x",
                "position": "x",
            },
        )
        assert refused(response), action
    queue = client.get("/admin/layanan-surat/")
    assert item.tracking_code not in queue.text
    item.refresh_from_db()
    assert item.status == Status.READY and Letter.objects.get(pk=letter.pk).revoked_at is None
    assert not item.events.filter(kind=EventKind.OPENED).exists()


def test_the_operator_of_b_sees_only_b_in_the_queue(client, village_a, village_b):
    mine = submitted_request(client, village_b)
    theirs = submitted_request(client, village_a)
    client.force_login(factories.operator_of(village_b))
    queue = client.get("/admin/layanan-surat/")
    assert queue.status_code == 200
    assert mine.tracking_code in queue.text and theirs.tracking_code not in queue.text
    assert "Siti Aminah" not in queue.text  # the list shows the masked name only
    assert mine.masked_name in queue.text


def test_a_district_editor_sees_only_what_awaits_the_camat(client, village_a):
    waiting = submitted_request(client, village_a, "tidak-mampu")
    plain = submitted_request(client, village_a, "domisili")
    approve(waiting, factories.operator_of(village_a), signer_name="S", signer_position="Kades")
    client.force_login(factories.district_editor_of(factories.tenant("35.23.02")))
    queue = client.get("/admin/layanan-surat/?status=semua")
    assert waiting.tracking_code in queue.text and plain.tracking_code not in queue.text
    assert client.get(f"/admin/layanan-surat/permohonan/{plain.pk}/").status_code == 404
    # The camat cannot act as the village.
    response = client.post(f"/admin/layanan-surat/permohonan/{waiting.pk}/tolak/", {"reason": "x"})
    assert refused(response)
    waiting.refresh_from_db()
    assert waiting.status == Status.AWAITING_CAMAT


def test_every_opening_is_logged(client, village_a):
    item, letter = issued(client, village_a)
    operator = factories.operator_of(village_a)
    client.force_login(operator)
    for url in admin_urls(item, letter):
        assert client.get(url).status_code == 200
    kinds = list(item.events.filter(actor=operator).values_list("kind", flat=True))
    assert kinds.count(EventKind.OPENED) == 1
    assert kinds.count(EventKind.FILE_OPENED) == item.attachments.count() + 1


def test_attachments_are_encrypted_private_and_served_only_as_what_they_are(
    client, village_a, private_media
):
    item = submitted_request(
        client, village_a, lampiran_ktp=upload("ktp.jpg", jpeg_with_gps(), "image/jpeg")
    )
    attachment = item.attachments.get(slug="ktp")
    assert attachment.content_type == "image/jpeg"
    stored = (private_media / attachment.file.name).read_bytes()
    assert b"JFIF" not in stored and b"KameraHP" not in stored  # encrypted at rest
    plain = decrypt_bytes(stored)
    with Image.open(io.BytesIO(plain)) as image:
        assert not image.getexif().get(0x8825) and not image.getexif().get(0x010F)  # no GPS
    client.force_login(factories.operator_of(village_a))
    response = client.get(f"/admin/layanan-surat/lampiran/{attachment.pk}/")
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    # Nothing of it is under the public media root.
    from django.conf import settings

    assert attachment.file.name not in str(list((settings.MEDIA_ROOT).rglob("*")))


@pytest.mark.parametrize(
    "name,data,content_type,message",
    [
        ("ktp.jpg", b"MZ\x90\x00" + b"\x00" * 2000, "image/jpeg", "Isi berkas bukan"),
        (
            "ktp.pdf",
            b"<html><script>alert(1)</script></html>",
            "application/pdf",
            "Isi berkas bukan",
        ),
        ("ktp.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png", "Isi berkas bukan"),
        ("ktp.gif", b"GIF89a" + b"\x00" * 100, "image/gif", "Isi berkas bukan"),
        ("ktp.png", b"", "image/png", "kosong"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_saved(
    client, village_a, name, data, content_type, message
):
    response = submit(client, village_a, lampiran_ktp=upload(name, data, content_type))
    assert response.status_code == 400
    assert message in response.text
    assert not LetterRequest.objects.filter(village=village_a.region).exists()
    assert not RequestAttachment.objects.exists()


@override_settings(PRIVATE_UPLOAD_MAX_BYTES=10_000)
def test_an_oversized_upload_is_refused(client, village_a):
    out = io.BytesIO()
    Image.frombytes("RGB", (400, 400), os.urandom(400 * 400 * 3)).save(out, format="PNG")
    assert len(out.getvalue()) > 10_000
    response = submit(client, village_a, lampiran_ktp=upload("ktp.png", out.getvalue()))
    assert response.status_code == 400 and "terlalu besar" in response.text
    assert not LetterRequest.objects.exists()


def test_a_pdf_attachment_is_accepted(client, village_a):
    item = submitted_request(
        client, village_a, lampiran_ktp=upload("ktp.pdf", pdf_bytes(), "application/pdf")
    )
    assert item.attachments.get(slug="ktp").content_type == "application/pdf"


@pytest.mark.parametrize(
    "nik,message",
    [
        ("352302410190000", "16 digit"),
        ("3523024101900000", "0000"),
        ("9923024101900001", "provinsi"),
        ("3599024101900001", "kabupaten"),
        ("3523023201900001", "bukan tanggal"),
        ("35230241019O0001", "hanya boleh berisi angka"),
    ],
)
def test_a_bad_nik_is_refused_with_what_is_wrong(client, village_a, nik, message):
    response = submit(client, village_a, nik=nik)
    assert response.status_code == 400 and message in response.text
    assert not LetterRequest.objects.exists()


def test_a_birth_date_that_contradicts_the_nik_is_refused(client, village_a):
    response = submit(client, village_a, tanggal_lahir="1990-02-01")
    assert response.status_code == 400 and "tidak sesuai dengan NIK" in response.text


def test_required_attachment_and_statement(client, village_a):
    response = submit(client, village_a, lampiran_ktp=None, pernyataan=None)
    assert response.status_code == 400
    assert "Foto KTP wajib dilampirkan." in response.text
    assert "Centang pernyataan" in response.text


def test_the_honeypot_stores_nothing(client, village_a):
    response = submit(client, village_a, **{"website-url": "http://spam.example"})
    assert response.status_code == 302
    assert not LetterRequest.objects.exists()


@override_settings(LETTER_REQUEST_RATE_LIMIT=2, LETTER_REQUEST_NIK_LIMIT=10)
def test_requests_per_client_address_are_limited(client, village_a):
    for _ in range(2):
        assert submit(client, village_a).status_code == 302
    response = submit(client, village_a)
    assert response.status_code == 429 and "terlalu banyak" in response.text.lower()
    assert LetterRequest.objects.count() == 2
    # Another address is not affected.
    assert submit(client, village_a, REMOTE_ADDR="10.9.8.7").status_code == 302


@override_settings(LETTER_REQUEST_RATE_LIMIT=100, LETTER_REQUEST_NIK_LIMIT=2)
def test_requests_per_nik_are_limited_across_addresses_and_villages(client, village_a, village_b):
    assert submit(client, village_a, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert submit(client, village_b, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert submit(client, village_a, REMOTE_ADDR="10.0.0.3").status_code == 429
    other = "3523020101900002"  # another resident, a man born 1 January 1990
    assert submit(client, village_a, REMOTE_ADDR="10.0.0.3", nik=other).status_code == 302
    # The limiter's keys hold the NIK's keyed hash, never the NIK.
    keys = list(getattr(cache, "_cache", {}).keys())
    assert keys and not any(NIK in str(key) for key in keys)


def test_hostile_input_is_text_everywhere(client, village_a):
    hostile = '<script>alert("x")</script>{{ settings.SECRET_KEY }}{% debug %}'
    item = submitted_request(client, village_a, nama=f"Siti {hostile}", keperluan=hostile)
    operator = factories.operator_of(village_a)
    client.force_login(operator)
    detail = client.get(f"/admin/layanan-surat/permohonan/{item.pk}/")
    assert "<script>alert" not in detail.text and "&lt;script&gt;" in detail.text
    letter = approve(item, operator, signer_name="Suparno", signer_position="Kepala Desa")
    from letters.issuing import letter_pdf
    from tests.letters import pdfs

    text = pdfs.text(letter_pdf(letter))
    assert "{{ settings.SECRET_KEY }}" in text  # printed as typed, never evaluated
    from django.conf import settings

    assert settings.SECRET_KEY not in text


def test_the_raw_rows_hold_no_personal_data(client, village_a):
    item = submitted_request(client, village_a)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM letters_letterrequest WHERE id = %s", [item.pk])
        row = " ".join(str(v) for v in cursor.fetchone())
        cursor.execute("SELECT * FROM letters_requestevent WHERE request_id = %s", [item.pk])
        events = " ".join(str(v) for r in cursor.fetchall() for v in r)
    for secret in (NIK, "Siti Aminah", "Krajan", "3523020101080007", "siti@contoh.test"):
        assert secret not in row and secret not in events


def test_the_public_form_and_status_pages_are_never_cached(client, village_a):
    for url in ("/layanan/", "/layanan/domisili/", "/layanan/status/"):
        response = client.get(url, HTTP_HOST=village_a.host)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_form_keeps_what_was_typed_after_an_error(client, village_a):
    data = form_data(nik="123")
    response = client.post("/layanan/domisili/", data, HTTP_HOST=village_a.host)
    assert response.status_code == 400
    assert 'value="Siti Aminah"' in response.text


HOSTILE = [
    '"><script>alert(1)</script>',
    "{{ settings.SECRET_KEY }}{% load static %}",
    "'; DROP TABLE letters_letterrequest; --",
    "\u202eKTP\u200b palsu",
]


@pytest.mark.parametrize("letter_type", sorted(letter_types.standard_types()))
def test_hostile_input_in_every_field_is_stored_as_text_or_refused(
    client, village_a, letter_type, settings
):
    settings.LETTER_REQUEST_RATE_LIMIT = settings.LETTER_REQUEST_NIK_LIMIT = 100
    kind = letter_types.get_type(letter_type)
    text_fields = [f.name for f in kind.fields if f.kind in ("text", "textarea")]
    for hostile in HOSTILE:
        # The NIK and the KK number are digits only: hostile text there is refused.
        for digits_only in ("nik", "no_kk"):
            assert (
                submit(client, village_a, letter_type, **{digits_only: hostile}).status_code == 400
            )
        values = {name: f"Isi {hostile}" for name in text_fields if name not in ("nik", "no_kk")}
        response = submit(client, village_a, letter_type, **values)
        errors = re.findall(r"<ul class=\"errorlist[^>]*>(.*?)</ul>", response.text, re.S)
        assert response.status_code == 302, (hostile, errors)
    for name in text_fields:
        too_long = submit(client, village_a, letter_type, **{name: "x" * 5000})
        assert too_long.status_code == 400
        nul = submit(client, village_a, letter_type, **{name: "a\x00b"})
        assert nul.status_code == 400
    client.force_login(factories.operator_of(village_a))
    for item in LetterRequest.objects.filter(village=village_a.region, letter_type=letter_type):
        detail = client.get(f"/admin/layanan-surat/permohonan/{item.pk}/")
        assert detail.status_code == 200
        assert "<script>alert(1)" not in detail.text
    assert LetterRequest.objects.filter(letter_type=letter_type).count() == len(HOSTILE)


def test_a_truncated_photo_is_refused_even_after_a_letter_pdf(client, village_a):
    import weasyprint  # noqa: F401 (it turns on Pillow's LOAD_TRUNCATED_IMAGES)

    from tests.letters.service import png_bytes

    whole = png_bytes(size=(300, 300))
    response = submit(client, village_a, lampiran_ktp=upload("ktp.png", whole[: len(whole) // 2]))
    assert response.status_code == 400 and "Isi berkas bukan" in response.text
    assert not LetterRequest.objects.exists()
