"""Every standard letter from the resident's form to the verification page, through the
real surfaces: the form on the village's own host, the status page, the admin queue and its
actions, the camat's endorsement, the PDF (its text and its QR code decoded from the page
image), the verification page, revocation."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core import mail

import pytest

from letters import letter_types
from letters.models import EventKind, Letter, LetterRequest, RequestEvent, Status
from letters.storage import PrivateFileSystemStorage
from tests import factories
from tests.letters import pdfs
from tests.letters.service import NIK, submit, submitted_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(monkeypatch, tmp_path):
    from letters.models import RequestAttachment

    storage = PrivateFileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(Letter._meta.get_field("pdf"), "storage", storage)
    monkeypatch.setattr(RequestAttachment._meta.get_field("file"), "storage", storage)
    return tmp_path / "private"


@pytest.fixture
def district_a(db):
    return factories.tenant("35.23.02")  # Jatirogo: villages A and B


def act(client, item, action, **data):
    return client.post(f"/admin/layanan-surat/permohonan/{item.pk}/{action}/", data)


def status_page(client, tenant, code):
    return client.get("/layanan/status/", {"kode": code}, HTTP_HOST=tenant.host)


@pytest.mark.parametrize("letter_type", sorted(letter_types.standard_types()))
def test_each_standard_letter_end_to_end(client, village_a, district_a, letter_type):
    kind = letter_types.get_type(letter_type)
    listing = client.get("/layanan/", HTTP_HOST=village_a.host)
    assert listing.status_code == 200
    assert f"/layanan/{letter_type}/" in listing.text
    assert client.get(f"/layanan/{letter_type}/", HTTP_HOST=village_a.host).status_code == 200

    item = submitted_request(client, village_a, letter_type)
    assert item.status == Status.SUBMITTED
    assert item.attachments.count() == len(kind.attachments)
    page = status_page(client, village_a, item.tracking_code)
    assert page.status_code == 200
    assert item.tracking_code in page.text and "Diajukan" in page.text
    assert NIK not in page.text and "Siti Aminah" not in page.text

    operator = factories.operator_of(village_a, first_name="Rina", last_name="Operator")
    client.force_login(operator)
    detail = client.get(f"/admin/layanan-surat/permohonan/{item.pk}/")
    assert detail.status_code == 200
    assert NIK in detail.text  # the operator sees what she processes
    assert RequestEvent.objects.filter(request=item, kind=EventKind.OPENED, actor=operator).exists()
    assert act(client, item, "proses").status_code == 302
    response = act(
        client, item, "setujui", signer_name="H. Suparno, S.Pd.", signer_position="Kepala Desa"
    )
    assert response.status_code == 302
    item.refresh_from_db()
    if kind.needs_camat:
        assert item.status == Status.AWAITING_CAMAT
        assert not Letter.objects.filter(request=item).exists()  # the number comes later
        camat = factories.district_editor_of(district_a, first_name="Drs. Bambang")
        client.force_login(camat)
        assert client.get(f"/admin/layanan-surat/permohonan/{item.pk}/").status_code == 200
        response = act(client, item, "setujui-camat", name="Drs. Bambang, M.Si.", position="Camat")
        assert response.status_code == 302
        item.refresh_from_db()
        client.force_login(operator)
    assert item.status == Status.READY
    letter = Letter.objects.select_related("number").get(request=item)

    pdf = client.get(f"/admin/layanan-surat/surat/{letter.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "no-store" in pdf["Cache-Control"]
    text = pdfs.text(pdf.content)
    squashed = re.sub(r"\s+", " ", text)
    assert letter.number.formatted in text
    assert "H. Suparno, S.Pd." in squashed
    assert kind.name.upper() in squashed.upper()
    if kind.needs_camat:
        assert "Drs. Bambang, M.Si." in squashed
    (url,) = pdfs.qr_codes(pdf.content)
    parts = urlsplit(url)
    assert parts.hostname == village_a.host
    verification = client.get(parts.path, HTTP_HOST=parts.hostname)
    assert verification.status_code == 200
    assert letter.number.formatted in verification.text
    assert "Berlaku" in verification.text
    assert NIK not in verification.text and "Siti Aminah" not in verification.text
    if kind.needs_camat:
        assert "Drs. Bambang, M.Si." in verification.text

    ready = status_page(client, village_a, item.tracking_code)
    assert "Siap diambil" in ready.text and letter.number.formatted in ready.text

    assert act(client, item, "cabut", reason="Data pemohon keliru").status_code == 302
    revoked = client.get(parts.path, HTTP_HOST=parts.hostname)
    assert "Dicabut" in revoked.text and "Data pemohon keliru" in revoked.text


def test_rejection_with_a_reason_reaches_the_status_page_and_the_email(
    client, village_a, django_capture_on_commit_callbacks
):
    item = submitted_request(client, village_a)
    client.force_login(factories.operator_of(village_a))
    mail.outbox.clear()
    # No reason, no rejection: the request stays open and the operator is told why.
    refused = act(client, item, "tolak", reason="")
    assert refused.status_code == 302
    shown = client.get(refused["Location"])
    assert "Alasan: tuliskan alasannya." in shown.text
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        act(client, item, "tolak", reason="Bukan warga desa ini")
    item.refresh_from_db()
    assert item.status == Status.REJECTED and item.closed_at is not None
    page = status_page(client, village_a, item.tracking_code)
    assert "Bukan warga desa ini" in page.text
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["siti@contoh.test"]
    assert item.tracking_code in message.body and "Ditolak" in message.body
    for secret in (NIK, "Siti Aminah", "Krajan", "3523020101080007"):
        assert secret not in message.body and secret not in message.subject


def test_asking_for_an_attachment_then_the_resident_sends_it(client, village_a):
    from tests.letters.service import upload

    item = submitted_request(client, village_a, lampiran_kk=None)
    assert set(item.attachments.values_list("slug", flat=True)) == {"ktp"}
    client.force_login(factories.operator_of(village_a))
    act(client, item, "minta-lampiran", slugs=["kk"], note="Mohon kirim foto KK yang jelas.")
    item.refresh_from_db()
    assert item.missing_attachments == ["kk"] and item.status == Status.IN_PROGRESS
    # Approval waits for what was asked.
    act(client, item, "setujui", signer_name="Suparno", signer_position="Kepala Desa")
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS
    client.logout()
    page = status_page(client, village_a, item.tracking_code)
    assert "Mohon kirim foto KK yang jelas." in page.text
    response = client.post(
        f"/layanan/status/?kode={item.tracking_code}",
        {"kk": upload("kk.png")},
        HTTP_HOST=village_a.host,
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.missing_attachments == []
    assert set(item.attachments.values_list("slug", flat=True)) == {"ktp", "kk"}


def test_the_operator_corrects_a_field_and_the_log_names_the_field_only(client, village_a):
    item = submitted_request(client, village_a)
    client.force_login(factories.operator_of(village_a))
    act(client, item, "koreksi", field="alamat", value="Dusun Krajan RT 03 RW 01")
    item.refresh_from_db()
    assert item.address == "Dusun Krajan RT 03 RW 01"
    corrected = RequestEvent.objects.get(request=item, kind=EventKind.CORRECTED)
    assert corrected.detail == "alamat" and "Krajan" not in corrected.public_note


def test_the_camat_sends_back_and_no_number_is_spent(client, village_a, district_a):
    item = submitted_request(client, village_a, "tidak-mampu")
    client.force_login(factories.operator_of(village_a))
    act(client, item, "setujui", signer_name="Suparno", signer_position="Kepala Desa")
    client.force_login(factories.district_editor_of(district_a))
    act(client, item, "kembalikan", reason="Lampiran pengantar RT tidak terbaca")
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS and item.approved_at is None
    assert not Letter.objects.filter(request=item).exists()
    from letters.models import IssuedNumber

    assert not IssuedNumber.objects.filter(village=village_a.region).exists()


def test_status_codes_are_per_village_and_unknown_ones_are_404(client, village_a, village_b):
    item = submitted_request(client, village_a)
    assert status_page(client, village_b, item.tracking_code).status_code == 404
    assert status_page(client, village_a, "ZZZZ-ZZZZ-ZZZZ").status_code == 404
    # Typing is forgiving: lower case and no dashes.
    relaxed = item.tracking_code.replace("-", "").lower()
    assert status_page(client, village_a, relaxed).status_code == 200


def test_a_type_the_village_does_not_serve_is_404(client, village_a):
    from letters.models import VillageLetterService

    VillageLetterService.objects.create(
        village=village_a.region, enabled_types=["domisili"], signer_name="Suparno"
    )
    listing = client.get("/layanan/", HTTP_HOST=village_a.host)
    assert "/layanan/domisili/" in listing.text and "/layanan/usaha/" not in listing.text
    assert client.get("/layanan/usaha/", HTTP_HOST=village_a.host).status_code == 404
    assert submit(client, village_a, "usaha").status_code == 404
    assert not LetterRequest.objects.filter(village=village_a.region).exists()


def test_the_next_people_to_act_are_told_without_the_residents_data(
    client, village_a, village_b, district_a, django_capture_on_commit_callbacks
):
    operator = factories.operator_of(village_a, email="rina@desa.test")
    factories.operator_of(village_b, email="bukan@desa.test")
    camat = factories.district_editor_of(district_a, email="camat@kecamatan.test")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item = submitted_request(client, village_a, "tidak-mampu", email="")
    assert [m.bcc for m in mail.outbox] == [["rina@desa.test"]]
    assert f"/admin/layanan-surat/permohonan/{item.pk}/" in mail.outbox[0].body
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, item, "setujui", signer_name="Suparno", signer_position="Kepala Desa")
    assert mail.outbox[-1].bcc == [camat.email]
    for message in mail.outbox:
        for secret in (NIK, "Siti Aminah", "Krajan"):
            assert secret not in message.body and secret not in message.subject


def test_the_admin_home_page_says_how_many_requests_wait(client, village_a, village_b):
    submitted_request(client, village_a)
    submitted_request(client, village_a, "usaha")
    submitted_request(client, village_b)
    client.force_login(factories.operator_of(village_a))
    home = client.get("/admin/")
    assert home.status_code == 200
    assert "2 permohonan perlu ditindaklanjuti" in home.text
    client.force_login(factories.contributor_of(village_a))
    assert "permohonan perlu ditindaklanjuti" not in client.get("/admin/").text


def test_the_english_site_shows_the_service_in_english(client, village_a):
    listing = client.get("/en/layanan/", HTTP_HOST=village_a.host)
    assert listing.status_code == 200
    form = client.get("/en/layanan/domisili/", HTTP_HOST=village_a.host)
    assert form.status_code == 200
    assert "Full name" in form.text and "Nama lengkap" not in form.text
    assert "Certificate of Domicile" in form.text
