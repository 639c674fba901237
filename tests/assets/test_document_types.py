"""Documents: only allowed types, and a file's bytes must match its extension (issue 9, finding 6).

Every way a document is saved is tried with a program: the admin add form, the multiple
uploader, the chooser's upload tab, the edit form's "replace file", API v3 and plain model
code. Each refuses it with an Indonesian error, and a real PDF goes through.
"""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import APIToken

import pytest
from PIL import Image as PILImage

from assets.file_types import CONTENT_RULES, allowed_extensions, check_document_file
from assets.models import VillageDocument
from tests.assets.helpers import admin_client, model_add_document, read
from villages.demo.media import pdf_bytes

# A Windows program's first bytes: the DOS stub every .exe starts with.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50
EXE += b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 200
PDF = pdf_bytes("Perdes 2026", "Peraturan Desa tentang APBDes")
EXTENSION_REFUSED = "tidak diizinkan"
CONTENT_REFUSED = "Isi berkas tidak sesuai"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (10, 120, 60)).save(buffer, format=fmt)
    return buffer.getvalue()


def ooxml(part: str) -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", f"{part}document.xml": b"<x/>"})


def odf(mimetype: str) -> bytes:
    return zipped({"mimetype": mimetype.encode(), "content.xml": b"<x/>"})


# -- the rule itself ---------------------------------------------------------------------------


GOOD_FILES = {
    "laporan.pdf": PDF,
    "LAPORAN.PDF": PDF,
    "foto.jpg": image_bytes("JPEG"),
    "foto.jpeg": image_bytes("JPEG"),
    "foto.png": image_bytes("PNG"),
    "foto.gif": image_bytes("GIF"),
    "foto.webp": image_bytes("WEBP"),
    "surat.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
    "anggaran.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
    "paparan.ppt": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
    "surat.docx": ooxml("word/"),
    "anggaran.xlsx": ooxml("xl/"),
    "paparan.pptx": ooxml("ppt/"),
    "surat.odt": odf("application/vnd.oasis.opendocument.text"),
    "anggaran.ods": odf("application/vnd.oasis.opendocument.spreadsheet"),
    "paparan.odp": odf("application/vnd.oasis.opendocument.presentation"),
    "catatan.txt": b"Pengumuman kerja bakti\nMinggu, 07.00 WIB\n",
    "data.csv": "nama;dusun\nSiti Aminah;Krajan\n".encode("utf-8-sig"),
    "data-windows.csv": "nama;keterangan\nJosé;café\n".encode("cp1252"),
    "unicode.txt": "Teks UTF-16\r\n".encode("utf-16"),
    "arsip.zip": zipped({"a.txt": b"isi"}),
}

BAD_FILES = {
    "program.exe": (EXE, EXTENSION_REFUSED),
    "skrip.js": (b"alert(1)", EXTENSION_REFUSED),
    "halaman.html": (b"<script>alert(1)</script>", EXTENSION_REFUSED),
    "gambar.svg": (b"<svg onload='alert(1)'/>", EXTENSION_REFUSED),
    "tanpa-ekstensi": (PDF, "tanpa ekstensi"),
    "laporan.pdf": (EXE, CONTENT_REFUSED),
    "foto.jpg": (image_bytes("PNG"), CONTENT_REFUSED),
    "surat.docx": (zipped({"a.txt": b"isi"}), CONTENT_REFUSED),
    "anggaran.xlsx": (ooxml("word/"), CONTENT_REFUSED),
    "surat.odt": (odf("application/vnd.oasis.opendocument.spreadsheet"), CONTENT_REFUSED),
    "surat.doc": (EXE, CONTENT_REFUSED),
    "arsip.zip": (EXE + zipped({"a.txt": b"isi"}), CONTENT_REFUSED),  # self-extracting
    "catatan.txt": (EXE, CONTENT_REFUSED),
    "data.csv": (PDF, CONTENT_REFUSED),
    "biner.txt": (b"abc\x00\x01\x02def", CONTENT_REFUSED),
}


def test_allowlist_is_the_agreed_one_and_every_type_has_a_content_rule():
    assert set(allowed_extensions()) == {
        *("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp"),
        *("jpg", "jpeg", "png", "gif", "webp", "txt", "csv", "zip"),
    }
    assert set(allowed_extensions()) <= set(CONTENT_RULES)


@pytest.mark.parametrize("name", GOOD_FILES)
def test_file_of_allowed_type_with_matching_content_is_accepted(name):
    check_document_file(ContentFile(GOOD_FILES[name], name=name))


@pytest.mark.parametrize("name", BAD_FILES)
def test_file_of_other_type_or_with_other_content_is_refused(name):
    content, message = BAD_FILES[name]
    with pytest.raises(ValidationError) as refused:
        check_document_file(ContentFile(content, name=name))
    assert message in " ".join(refused.value.messages)


def test_extension_listed_in_settings_without_a_content_rule_is_refused(settings):
    settings.WAGTAILDOCS_EXTENSIONS = [*settings.WAGTAILDOCS_EXTENSIONS, "exe"]
    with pytest.raises(ValidationError):
        check_document_file(ContentFile(EXE, name="program.exe"))


# -- every path that saves a document ----------------------------------------------------------


def assert_refused(text: str, message: str):
    assert message in text, text[:3000]


@pytest.mark.parametrize(
    "name,content,message",
    [("program.exe", EXE, EXTENSION_REFUSED), ("laporan.pdf", EXE, CONTENT_REFUSED)],
)
def test_admin_add_form_refuses_program(village_a, operator_a, name, content, message):
    response = admin_client(operator_a).post(
        reverse("wagtaildocs:add"),
        {"title": "Berbahaya", "file": upload(name, content)},
        HTTP_HOST=village_a.host,
    )
    assert response.status_code == 200
    assert_refused(response.content.decode(), message)
    assert not VillageDocument.objects.filter(title="Berbahaya").exists()


def test_admin_add_form_accepts_real_pdf(village_a, operator_a):
    response = admin_client(operator_a).post(
        reverse("wagtaildocs:add"),
        {"title": "Perdes", "file": upload("perdes.pdf", PDF)},
        HTTP_HOST=village_a.host,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = VillageDocument.objects.get(title="Perdes")
    assert read(document.file) == PDF


@pytest.mark.parametrize(
    "name,content,message",
    [("program.exe", EXE, EXTENSION_REFUSED), ("laporan.pdf", EXE, CONTENT_REFUSED)],
)
def test_multiple_upload_refuses_program(village_a, operator_a, name, content, message):
    response = admin_client(operator_a).post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload(name, content)},
        HTTP_HOST=village_a.host,
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert_refused(data["error_message"], message)
    assert not VillageDocument.objects.exists()


def test_multiple_upload_accepts_real_pdf(village_a, operator_a):
    response = admin_client(operator_a).post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload("perdes.pdf", PDF)},
        HTTP_HOST=village_a.host,
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.json()["success"] is True
    assert read(VillageDocument.objects.get(pk=response.json()["doc_id"]).file) == PDF


def test_chooser_upload_refuses_program_renamed_pdf(village_a, operator_a):
    response = admin_client(operator_a).post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "Berbahaya",
            "document-chooser-upload-file": upload("laporan.pdf", EXE),
        },
        HTTP_HOST=village_a.host,
    )
    assert_refused(response.content.decode(), CONTENT_REFUSED)
    assert not VillageDocument.objects.filter(title="Berbahaya").exists()


@pytest.mark.parametrize(
    "name,content,message",
    [("program.exe", EXE, EXTENSION_REFUSED), ("laporan.pdf", EXE, CONTENT_REFUSED)],
)
def test_edit_form_refuses_replacing_file_with_program(
    village_a, operator_a, name, content, message
):
    document = model_add_document(village_a.collection, "perdes.pdf", PDF, title="Perdes")
    stored = document.file.name
    response = admin_client(operator_a).post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "Perdes",
            "collection": village_a.collection.pk,
            "file": upload(name, content),
            "tags": "",
        },
        HTTP_HOST=village_a.host,
    )
    assert response.status_code == 200
    assert_refused(response.content.decode(), message)
    document.refresh_from_db()
    assert document.file.name == stored
    assert read(document.file) == PDF


def test_edit_form_replaces_file_with_real_pdf(village_a, operator_a):
    document = model_add_document(village_a.collection, "lama.pdf", PDF, title="Perdes")
    newer = pdf_bytes("Perdes 2027", "Perubahan")
    response = admin_client(operator_a).post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "Perdes",
            "collection": village_a.collection.pk,
            "file": upload("baru.pdf", newer),
            "tags": "",
        },
        HTTP_HOST=village_a.host,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    assert read(document.file) == newer


def bearer(user) -> dict:
    _token, plaintext = APIToken.create_token(user=user, name="uji")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


@pytest.mark.parametrize(
    "name,content,message",
    [("program.exe", EXE, EXTENSION_REFUSED), ("laporan.pdf", EXE, CONTENT_REFUSED)],
)
def test_api_v3_upload_refuses_program(client, village_a, operator_a, name, content, message):
    response = client.post(
        "/api/v3/documents/",
        {"file": upload(name, content), "title": "Berbahaya"},
        HTTP_HOST=village_a.host,
        **bearer(operator_a),
    )
    assert response.status_code == 422, response.content
    assert_refused(response.content.decode(), message)
    assert not VillageDocument.objects.filter(title="Berbahaya").exists()


def test_api_v3_upload_accepts_real_pdf(client, village_a, operator_a):
    response = client.post(
        "/api/v3/documents/",
        {"file": upload("perdes.pdf", PDF), "title": "Perdes"},
        HTTP_HOST=village_a.host,
        **bearer(operator_a),
    )
    assert response.status_code == 201, response.content
    assert read(VillageDocument.objects.get(pk=response.json()["id"]).file) == PDF


def test_model_code_cannot_save_program_as_document(village_a):
    with pytest.raises(ValidationError):
        model_add_document(village_a.collection, "laporan.pdf", EXE)
    assert not VillageDocument.objects.exists()


def test_editing_title_of_stored_document_does_not_recheck_its_file(village_a, operator_a):
    document = model_add_document(village_a.collection, "perdes.pdf", PDF, title="Perdes")
    response = admin_client(operator_a).post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": "Perdes Baru", "collection": village_a.collection.pk, "tags": ""},
        HTTP_HOST=village_a.host,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    assert document.title == "Perdes Baru"
