"""The regency's letter format and wording, and the village's choice of types, through the
admin: placeholders only (a template never runs code), the format checked before it is
saved, the wording and the number in the PDF, another regency's settings out of reach; and
the queue's query count, fixed whatever the number of requests."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

import pytest

from assets.models import VillageImage
from letters.configuration import served_types
from letters.issuing import letter_context, letter_pdf
from letters.letter_types import get_type, standard_types
from letters.models import (
    IssuedNumber,
    Letter,
    LetterTemplate,
    RegencyLetterSettings,
    RequestAttachment,
    VillageLetterService,
)
from letters.processing import approve
from letters.storage import PrivateFileSystemStorage
from letters.wording import allowed_names, validate_wording
from tests import factories
from tests.assets.helpers import png_upload
from tests.letters import pdfs
from tests.letters.service import submitted_request
from tests.letters.test_requests import make_request
from villages.models import VillageIdentity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(monkeypatch, tmp_path):
    storage = PrivateFileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(Letter._meta.get_field("pdf"), "storage", storage)
    monkeypatch.setattr(RequestAttachment._meta.get_field("file"), "storage", storage)


@pytest.fixture
def regency_admin(regency):
    return factories.make_user("regency_admin", regency.region)


def test_the_shipped_wording_uses_only_known_placeholders():
    for kind in standard_types().values():
        validate_wording(kind.statement, allowed_names(kind))


@pytest.mark.parametrize(
    "text,message",
    [
        ("{% load static %}", "tidak boleh dipakai"),
        ("{{ request.user.password }}", "tidak boleh dipakai"),
        ("{{ nama|upper }}", "tidak boleh dipakai"),
        ("{{ settings }}", "tidak dikenal"),
        ("{# komentar #}", "tidak boleh dipakai"),
        ("Nama {{ nama", "tidak berpasangan"),
    ],
)
def test_a_template_with_code_is_refused_in_the_admin(client, regency_admin, text, message):
    client.force_login(regency_admin)
    url = "/admin/layanan-surat/format-kabupaten/templat/domisili/"
    response = client.post(
        url,
        {
            "title": "Surat Keterangan Domisili",
            "opening": "Pembuka",
            "statement": text,
            "closing": "Penutup",
        },
    )
    assert response.status_code == 200 and message in response.text
    assert not LetterTemplate.objects.exists()


def test_the_regency_wording_format_and_paper_reach_the_pdf(client, regency_admin, village_a):
    client.force_login(regency_admin)
    response = client.post(
        "/admin/layanan-surat/format-kabupaten/",
        {
            "letterhead": "Pemerintah {{ kabupaten }}\nKecamatan {{ kecamatan }}\nKantor Kepala "
            "{{ sebutan_desa }} {{ desa }}",
            "number_format": "{kode_klasifikasi}/{nomor:04}/DS-{kode_desa}/{tahun}",
            "signature_block": "{{ desa }}, {{ tanggal }}\na.n. {{ jabatan }}",
            "paper": "F4",
            "number_per_type": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(
        "/admin/layanan-surat/format-kabupaten/templat/domisili/",
        {
            "title": "Surat Keterangan Tempat Tinggal",
            "opening": "Kami, {{ jabatan }} {{ desa }}, menerangkan:",
            "statement": "Benar tinggal di {{ desa }} sejak {{ lama_tinggal }}.",
            "closing": "Berlaku sampai {{ berlaku_sampai }}.",
        },
    )
    assert response.status_code == 302
    item = submitted_request(client, village_a)
    letter = approve(
        item, factories.operator_of(village_a), signer_name="Suparno", signer_position="Kepala Desa"
    )
    assert letter.number.formatted.startswith("470/0001/DS-35.23.02.2001/")
    assert letter.number.series == "domisili"
    pdf = letter_pdf(letter)
    text = " ".join(pdfs.text(pdf).split())
    assert "SURAT KETERANGAN TEMPAT TINGGAL" in text.upper()
    assert "Kami, Kepala Desa Kebonharjo, menerangkan:" in text
    assert "Benar tinggal di Kebonharjo sejak Isian contoh." in text
    assert "KANTOR KEPALA DESA KEBONHARJO" in text.upper()
    assert "a.n. Kepala Desa" in text
    assert pdfs.size_mm(pdf) == (215, 330)


def test_a_bad_number_format_is_refused_with_a_reason(client, regency_admin):
    client.force_login(regency_admin)
    for bad, message in [
        ("{kode_desa}/{tahun}", "harus memuat {nomor}"),
        ("{nomor.__class__}", "tidak dikenal"),
        ("{nomor:>999}", "tidak sah"),
        ("{nomor", "tidak berpasangan"),
    ]:
        response = client.post(
            "/admin/layanan-surat/format-kabupaten/",
            {
                "letterhead": "Desa {{ desa }}",
                "signature_block": "{{ jabatan }}",
                "number_format": bad,
                "paper": "A4",
            },
        )
        assert response.status_code == 200 and message in response.text, bad
    assert not RegencyLetterSettings.objects.exists()


def test_the_preview_renders_a_pdf_and_saves_nothing(client, regency_admin):
    client.force_login(regency_admin)
    response = client.post(
        "/admin/layanan-surat/format-kabupaten/templat/usaha/",
        {
            "title": "SKU",
            "opening": "Pembuka {{ desa }}",
            "statement": "Usaha {{ nama_usaha }}",
            "closing": "Penutup",
            "preview": "1",
        },
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Usaha [Nama usaha]" in " ".join(pdfs.text(response.content).split())
    assert not LetterTemplate.objects.exists()


def test_one_regency_cannot_touch_another_regencys_format(client, other_regency):
    client.force_login(factories.make_user("regency_admin", other_regency.region))
    response = client.get("/admin/layanan-surat/format-kabupaten/?kabupaten=35.23")
    assert response.status_code == 404
    response = client.post(
        "/admin/layanan-surat/format-kabupaten/templat/domisili/?kabupaten=35.23",
        {"title": "x", "opening": "x", "statement": "x", "closing": "x"},
    )
    assert response.status_code == 404
    assert not LetterTemplate.objects.filter(regency__code="35.23").exists()


def test_operators_do_not_configure_the_regency(client, village_a):
    client.force_login(factories.operator_of(village_a))
    response = client.get("/admin/layanan-surat/format-kabupaten/")
    assert response.status_code in (302, 403)


def test_a_new_village_serves_the_regency_default_set(client, regency_admin, village_c):
    assert [k.slug for k in served_types(village_c.region)] == list(standard_types())
    client.force_login(regency_admin)
    client.post(
        "/admin/layanan-surat/format-kabupaten/",
        {
            "letterhead": "Desa {{ desa }}",
            "signature_block": "{{ jabatan }}",
            "number_format": "{nomor}/{tahun}",
            "paper": "A4",
            "default_types": ["domisili", "usaha"],
        },
    )
    assert [k.slug for k in served_types(village_c.region)] == ["domisili", "usaha"]
    page = client.get("/layanan/", HTTP_HOST=village_c.host)
    assert "/layanan/usaha/" in page.text and "/layanan/pindah/" not in page.text


def test_the_operator_chooses_the_village_types_and_signer(client, village_a, village_b):
    client.force_login(factories.operator_of(village_a))
    response = client.post(
        "/admin/layanan-surat/pengaturan-desa/",
        {"enabled_types": ["pengantar"], "signer_name": "H. Suparno", "signer_position": "Kades"},
    )
    assert response.status_code == 302
    service = VillageLetterService.objects.get(village=village_a.region)
    assert service.enabled_types == ["pengantar"] and service.signer_name == "H. Suparno"
    # Another village is out of reach, by its code.
    response = client.get(f"/admin/layanan-surat/pengaturan-desa/?desa={village_b.region.code}")
    assert response.status_code == 404
    assert not VillageLetterService.objects.filter(village=village_b.region).exists()


@override_settings(LETTER_REQUEST_RATE_LIMIT=100, LETTER_REQUEST_NIK_LIMIT=100)
def test_the_queue_costs_the_same_for_few_and_many_requests(
    client, village_a, django_assert_max_num_queries
):
    operator = factories.operator_of(village_a)
    client.force_login(operator)
    submitted_request(client, village_a)
    client.force_login(operator)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/admin/layanan-surat/").status_code == 200
    few = len(few)
    assert 0 < few <= 30, few
    for _ in range(12):
        submitted_request(client, village_a)
    client.force_login(operator)
    with django_assert_max_num_queries(few):
        response = client.get("/admin/layanan-surat/")
    assert response.status_code == 200
    assert response.text.count("/admin/layanan-surat/permohonan/") >= 13


def test_the_regency_logo_is_in_the_letterhead_without_any_fetch(regency, village_a):
    identity = VillageIdentity.for_site(regency.site)
    identity.logo = VillageImage.objects.create(
        title="Logo Kabupaten", file=png_upload("logo.png", "red"), collection=regency.collection
    )
    identity.save()
    day = datetime.date(2026, 12, 4)
    letter = Letter(
        village=village_a.region,
        letter_type="domisili",
        number=IssuedNumber(formatted="470/001"),
        signer_position="Kepala Desa",
        issued_on=day,
        valid_until=day,
    )
    context = letter_context(letter, make_request(village_a), get_type("domisili"))
    # Inlined: the PDF renderer fetches nothing but data URIs.
    assert context["logo"].startswith("data:image/png;base64,")
