"""Helpers for the letter service through its real surfaces: the public form on the
village's own host, the status page, and the admin queue."""

from __future__ import annotations

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile

from PIL import Image

from letters import letter_types
from letters.models import LetterRequest

NIK = "3523024101900001"  # a woman born on 1 January 1990, registered in Jatirogo (Tuban)
BIRTH = "1990-01-01"

SAMPLE_VALUES = {
    "text": "Isian contoh",
    "textarea": "Isian contoh yang lebih panjang",
    "date": "2020-05-17",
}


def png_bytes(size=(120, 80), color=(200, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    """A JPEG carrying EXIF with a GPS block (as a phone photo does)."""
    image = Image.new("RGB", (64, 48), (10, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "KameraHP"  # Make
    exif[0x8825] = {1: "S", 2: (7.0, 0.0, 0.0), 3: "E", 4: (112.0, 0.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def pdf_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (50, 50), (255, 255, 255)).save(out, format="PDF")
    return out.getvalue()


def upload(name="ktp.png", data=None, content_type="image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes() if data is None else data, content_type)


def form_data(letter_type="domisili", **overrides) -> dict:
    """A complete, valid request of ``letter_type`` with every attachment."""
    kind = letter_types.get_type(letter_type)
    data = {}
    for spec in kind.fields:
        if spec.kind == "choice":
            data[spec.name] = spec.choices[0]
        else:
            data[spec.name] = SAMPLE_VALUES[spec.kind]
    data.update(
        nama="Siti Aminah",
        nik=NIK,
        no_kk="3523020101080007",
        tempat_lahir="Tuban",
        tanggal_lahir=BIRTH,
        alamat="Dusun Krajan RT 02 RW 01",
        email="siti@contoh.test",
        phone="081234567890",
        pernyataan="on",
    )
    for attachment in kind.attachments:
        data[f"lampiran_{attachment.slug}"] = upload(f"{attachment.slug}.png")
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def submit(client, tenant, letter_type="domisili", *, REMOTE_ADDR="127.0.0.1", **overrides):  # noqa: N803
    return client.post(
        f"/layanan/{letter_type}/",
        form_data(letter_type, **overrides),
        HTTP_HOST=tenant.host,
        REMOTE_ADDR=REMOTE_ADDR,
    )


def submitted_request(client, tenant, letter_type="domisili", **overrides) -> LetterRequest:
    response = submit(client, tenant, letter_type, **overrides)
    assert response.status_code == 302, response.content.decode()[:3000]
    code = re.search(r"kode=([A-Z0-9-]+)", response["Location"]).group(1)
    return LetterRequest.objects.get(tracking_code=code)
