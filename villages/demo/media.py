"""Pictures and documents generated on the fly for demo content (no files in the repo)."""

from __future__ import annotations

import hashlib
import io

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from PIL import Image, ImageDraw

# Earthy colours of rice fields, teak, sea and batik: one is picked per title.
PALETTE = [
    ((31, 111, 67), (242, 183, 5)),
    ((120, 72, 40), (230, 200, 150)),
    ((20, 90, 140), (160, 210, 230)),
    ((150, 30, 50), (240, 180, 120)),
    ((70, 100, 40), (200, 220, 120)),
]


def _colours(title: str):
    digest = hashlib.sha256(title.encode()).digest()
    return PALETTE[digest[0] % len(PALETTE)]


def picture_bytes(title: str, width: int = 1200, height: int = 800) -> bytes:
    """A JPEG with a gradient and simple shapes, so demo pages look like real photos."""
    top, bottom = _colours(title)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        ratio = y / height
        colour = tuple(int(top[i] * (1 - ratio) + bottom[i] * ratio) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    # A hill line and a sun, varied by title.
    seed = int.from_bytes(hashlib.sha256(title.encode()).digest()[:4], "big")
    sun_x = width // 5 + seed % (width // 2)
    draw.ellipse([sun_x, height // 8, sun_x + height // 6, height // 8 + height // 6], fill=bottom)
    points = [
        (x, int(height * 0.65 + (seed >> (x % 16)) % (height // 10)))
        for x in range(0, width + 1, width // 12)
    ]
    draw.polygon([(0, height), *points, (width, height)], fill=tuple(c // 2 for c in top))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def demo_image(collection, title: str, **fields):
    """The image ``title`` of ``collection``, created with a generated picture if missing."""
    model = get_image_model()
    image = model.objects.filter(collection=collection, title=title).first()
    if image is None:
        slug = hashlib.sha1(title.encode()).hexdigest()[:10]  # noqa: S324 (file name only)
        image = model(
            title=title,
            collection=collection,
            file=ContentFile(picture_bytes(title), name=f"demo-{slug}.jpg"),
            **fields,
        )
        image.save()
    return image


def pdf_bytes(title: str, text: str) -> bytes:
    """A one-page A4 PDF with the title and text, drawn by Pillow (no PDF library needed)."""
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    draw.text((100, 100), title, fill="black", font_size=40)
    y = 200
    for line in text.splitlines() or [""]:
        draw.text((100, y), line, fill="black", font_size=28)
        y += 40
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=150)
    return buffer.getvalue()


def demo_document(collection, title: str, text: str):
    """The document ``title`` of ``collection``: a one-page PDF, created if missing."""
    model = get_document_model()
    document = model.objects.filter(collection=collection, title=title).first()
    if document is None:
        slug = hashlib.sha1(title.encode()).hexdigest()[:10]  # noqa: S324 (file name only)
        document = model(
            title=title,
            collection=collection,
            file=ContentFile(pdf_bytes(title, text), name=f"demo-{slug}.pdf"),
        )
        document.save()
    return document
