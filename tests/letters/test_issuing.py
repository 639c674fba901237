"""A letter from approval to verification: its number in the PDF text, the QR code decoded
from the rendered page giving the verification URL, the page on the village's own host
(never another's), revocation, and a PDF stored encrypted outside any public URL."""

import datetime
import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

import pytest

from letters import letter_types
from letters.issuing import issue_letter, letter_pdf, revoke
from letters.models import IssuedNumber, Letter, LetterRequest, Status
from letters.storage import PrivateFileSystemStorage
from tests import factories
from tests.letters import pdfs
from tests.letters.test_requests import NIK, PERSONAL, make_request

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 4)


@pytest.fixture(autouse=True)
def private_media(monkeypatch, tmp_path):
    """The letters' private storage in a temporary folder (the field holds its storage)."""
    folder = tmp_path / "private"
    storage = PrivateFileSystemStorage(location=folder)
    monkeypatch.setattr(Letter._meta.get_field("pdf"), "storage", storage)
    return folder


def approve(village, letter_type="domisili", **kwargs):
    request = make_request(village, letter_type=letter_type)
    operator = factories.operator_of(village)
    letter = issue_letter(
        request,
        user=operator,
        signer_name="H. Suparno, S.Pd.",
        signer_position="Kepala Desa",
        today=DAY,
        **kwargs,
    )
    return request, letter


def verification_page(client, url):
    parts = urlsplit(url)
    return client.get(parts.path, HTTP_HOST=parts.hostname)


@pytest.mark.parametrize("letter_type", sorted(letter_types.standard_types()))
def test_each_standard_letter_from_approval_to_verification(client, village_a, letter_type):
    request, letter = approve(village_a, letter_type)
    kind = letter_types.get_type(letter_type)
    pdf = letter_pdf(letter)
    text = pdfs.text(pdf)
    assert letter.number.formatted in text
    assert re.fullmatch(
        rf"{re.escape(kind.classification)}/001/35\.23\.02\.2001/XII/2026", letter.number.formatted
    )
    assert kind.name.upper() in text.upper() and "Siti Aminah" in text and NIK in text
    [url] = pdfs.qr_codes(pdf)
    assert url == f"http://kebonharjo.tuban.test/verifikasi/{letter.token}/"
    assert letter.valid_until == DAY + datetime.timedelta(days=kind.validity_days)
    assert LetterRequest.objects.get(pk=request.pk).status == Status.READY

    page = verification_page(client, url)
    assert page.status_code == 200
    html = page.content.decode()
    assert letter.number.formatted in html and kind.name in html
    assert "S**i A****h" in html and letter.pdf_sha256 in html
    for secret in (NIK, "Siti Aminah", PERSONAL["address"], "1990", PERSONAL["family_card"]):
        assert secret not in html
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]


def test_the_page_says_valid_then_revoked_with_the_reason(client, village_a):
    _request, letter = approve(village_a)
    url = f"/verifikasi/{letter.token}/"
    host = village_a.host
    # The validity is today's: the fixed issue date lies in the past or the future.
    Letter.objects.filter(pk=letter.pk).update(valid_until=datetime.date(2999, 1, 1))
    assert ">Berlaku<" in client.get(url, HTTP_HOST=host).content.decode()
    with pytest.raises(ValidationError):
        revoke(letter, user=None, reason="  ")
    revoke(letter, user=None, reason="Data pemohon keliru")
    html = client.get(url, HTTP_HOST=host).content.decode()
    assert ">Dicabut<" in html and "Data pemohon keliru" in html
    with pytest.raises(ValidationError):
        revoke(letter, user=None, reason="lagi")
    Letter.objects.filter(pk=letter.pk).update(revoked_at=None, valid_until=DAY)
    if datetime.date.today() > DAY:
        assert ">Kedaluwarsa<" in client.get(url, HTTP_HOST=host).content.decode()


def test_an_unknown_token_or_another_villages_letter_is_a_plain_404(client, village_a, village_b):
    _request, letter = approve(village_a)
    assert client.get(f"/verifikasi/{letter.token}/", HTTP_HOST=village_b.host).status_code == 404
    unknown = "A" * 43
    assert client.get(f"/verifikasi/{unknown}/", HTTP_HOST=village_a.host).status_code == 404
    assert client.get(f"/verifikasi/{letter.pk}/", HTTP_HOST=village_a.host).status_code == 404


def test_the_pdf_is_stored_encrypted_and_has_no_url(village_a, private_media):
    _request, letter = approve(village_a)
    stored = (private_media / letter.pdf.name).read_bytes()
    assert not stored.startswith(b"%PDF") and NIK.encode() not in stored
    assert letter_pdf(letter).startswith(b"%PDF")
    assert letter.pdf.name.startswith("surat/35.23.02.2001/2026/")
    with pytest.raises(ValueError):
        letter.pdf.url  # noqa: B018 - asking for a URL must fail


def test_a_request_is_approved_once_and_a_failure_leaves_nothing(village_a, private_media):
    request, _letter = approve(village_a)
    with pytest.raises(ValidationError):
        issue_letter(request, user=None, signer_name="x", signer_position="y", today=DAY)
    broken = make_request(village_a)
    with pytest.raises(Exception):  # noqa: B017 - any rendering failure
        issue_letter(broken, user=None, signer_name="x", signer_position="y", paper="Letter")
    assert IssuedNumber.objects.filter(village=village_a.region).count() == 1
    assert Letter.objects.count() == 1
    assert len(list((private_media / "surat").rglob("*.enc"))) == 1
    assert LetterRequest.objects.get(pk=broken.pk).status == Status.SUBMITTED


def test_numbers_issued_and_revoked_are_in_the_village_history(village_a, village_b):
    from audit.models import Action, RegionLogEntry

    _request, letter = approve(village_a)
    revoke(letter, user=None, reason="Salah ketik nama")
    entries = RegionLogEntry.objects.filter(region=village_a.region, action__startswith="letter.")
    assert [(e.action, e.object_label) for e in entries.order_by("pk")] == [
        (Action.LETTER_ISSUE, f"Surat Keterangan Domisili {letter.number.formatted}"),
        (Action.LETTER_REVOKE, f"Surat Keterangan Domisili {letter.number.formatted}"),
    ]
    everything = " ".join(f"{e.object_label} {e.data}" for e in RegionLogEntry.objects.all())
    assert NIK not in everything and "Siti" not in everything
    assert not RegionLogEntry.objects.filter(region=village_b.region, action__startswith="letter.")
