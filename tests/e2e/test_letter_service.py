"""A resident asks for a letter from a cheap phone (360 px, Chromium): the service page, the
form with a photo of the KTP, the tracking code, the status page. Nothing overflows the
screen and nothing is fetched from another host."""

from __future__ import annotations

import re

import pytest

from letters.models import Letter, LetterRequest, RequestAttachment, Status
from letters.storage import PrivateFileSystemStorage
from tests.letters.service import BIRTH, NIK, png_bytes

pytestmark = pytest.mark.e2e

VILLAGE_A = "kebonharjo.tuban.test"


@pytest.fixture
def private_media(monkeypatch, tmp_path):
    storage = PrivateFileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(Letter._meta.get_field("pdf"), "storage", storage)
    monkeypatch.setattr(RequestAttachment._meta.get_field("file"), "storage", storage)


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_resident_requests_a_letter_on_a_phone(
    page, site_server, traffic, server_sees_test_data, private_media, tmp_path
):
    page.goto(site_server.url(VILLAGE_A, "/layanan/"))
    assert "Surat yang dilayani" in page.locator("main").inner_text()
    assert fits_the_screen(page)
    page.get_by_role("link", name="Surat Keterangan Domisili").click()
    page.wait_for_url(re.compile(r"/layanan/domisili/$"))
    assert fits_the_screen(page)

    page.get_by_label("Nama lengkap").fill("Siti Aminah")
    page.get_by_label("NIK").fill(NIK)
    page.get_by_label("Tempat lahir").fill("Tuban")
    page.get_by_label("Tanggal lahir").fill(BIRTH)
    page.get_by_label("Alamat").fill("Dusun Krajan RT 02 RW 01")
    page.get_by_label("Sudah tinggal sejak (tahun)").fill("2010")
    page.get_by_label("Keperluan").fill("Melamar pekerjaan")
    photo = tmp_path / "ktp.png"
    photo.write_bytes(png_bytes())
    page.get_by_label("Foto KTP").set_input_files(str(photo))
    page.get_by_label(re.compile("Saya menyatakan data di atas benar")).check()
    page.get_by_role("button", name="Kirim permohonan").click()

    page.wait_for_url(re.compile(r"/layanan/status/\?kode="))
    item = LetterRequest.objects.get()
    main = page.locator("main").inner_text()
    assert "Permohonan Anda sudah terkirim." in main
    assert item.tracking_code in main and str(Status.SUBMITTED.label) in main
    assert NIK not in page.content() and "Siti Aminah" not in page.content()
    assert item.attachments.get().content_type == "image/png"
    assert fits_the_screen(page)
    whatsapp = page.get_by_role("link", name="Simpan tautan status ke WhatsApp")
    assert whatsapp.get_attribute("href").startswith("https://wa.me/?text=")
    assert traffic.blocked == []
