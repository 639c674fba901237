"""Shortcuts for the complaint tests: the page, a complete submission, test files."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from PIL import Image

from complaints.models import Complaint, ComplaintPage
from home.forms import HONEYPOT_FIELD

COMPLAINT = {
    "kind": "pengaduan",
    "category": "infrastruktur",
    "message": "Jalan di Dusun Krajan berlubang besar di depan masjid sejak hujan deras.",
    "name": "Sri Wahyuni",
    "email": "sri.wahyuni@contoh.id",
    "phone": "0812-3456-7890",
    "may_publish": "on",
    HONEYPOT_FIELD: "",
}


def page_of(tenant) -> ComplaintPage:
    return ComplaintPage.objects.child_of(tenant.page).get()


def image_bytes(fmt: str = "JPEG", size=(32, 24), color="red", exif: bytes | None = None) -> bytes:
    out = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, color).save(out, format=fmt, **options)
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def send(client, tenant, data=None, *, photo=None, follow=False, **extra):
    """POST the complaint form of ``tenant``'s site."""
    payload = dict(COMPLAINT if data is None else data)
    if photo is not None:
        payload["photo"] = photo
    return client.post("/pengaduan/", payload, HTTP_HOST=tenant.host, follow=follow, **extra)


def sent_code(client, tenant) -> str:
    """The tracking code the confirmation page shows (once)."""
    text = client.get("/pengaduan/terkirim/", HTTP_HOST=tenant.host).text
    return text.split('<p class="tracking-code"><strong>', 1)[1].split("</strong>", 1)[0]


def make(tenant, **fields) -> Complaint:
    """A complaint of ``tenant``'s village, stored directly."""
    values = {
        "village": tenant.region,
        "category": "infrastruktur",
        "message": "Saluran air tersumbat di RT 01.",
        "name": "Budi Santoso",
        "email": "budi@contoh.id",
        **fields,
    }
    return Complaint.objects.create(**values)
