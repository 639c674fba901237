"""Files residents send with a request or a complaint: a photo of a KTP or KK, a scan, a PDF.

They are personal data, stored encrypted in private storage and opened only by the people
entitled to them, so they are judged by their bytes, never by their name or by the browser's
``Content-Type``:

- the first bytes are sniffed with ``filetype`` (the library the documents check uses): a
  program renamed ``ktp.jpg`` is refused;
- an image must also open and decode with Pillow (a truncated or crafted file is refused),
  and must not be a decompression bomb;
- a PDF must start with ``%PDF-`` and end with an ``%%EOF`` marker near its end;
- every file has a size limit (``PRIVATE_UPLOAD_MAX_BYTES``, 5 MB by default).

``sanitised_bytes`` then gives what is stored: images are re-encoded without their EXIF (a
phone photo carries the GPS position of the resident's house), PDFs as they came.
"""

from __future__ import annotations

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

import filetype
from PIL import Image as PILImage
from PIL import ImageFile, ImageOps, UnidentifiedImageError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; more is refused as a bomb
SNIFF_BYTES = 8 * 1024

MIME_TYPES = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "pdf": "application/pdf",
}
PILLOW_FORMATS = {"jpeg": {"JPEG", "MPO"}, "png": {"PNG"}, "webp": {"WEBP"}}
KIND_LABELS = {"jpeg": "JPG", "png": "PNG", "webp": "WebP", "pdf": "PDF"}
# filetype's extension for a detected type -> our kind.
SNIFFED_KINDS = {"jpg": "jpeg", "jpeg": "jpeg", "png": "png", "webp": "webp", "pdf": "pdf"}


def max_bytes_setting() -> int:
    return getattr(settings, "PRIVATE_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def _allowed_label(kinds) -> str:
    return ", ".join(KIND_LABELS[k] for k in kinds)


def _refuse(kinds) -> ValidationError:
    return ValidationError(
        _(
            "Isi berkas bukan %(allowed)s. Unggah foto atau pindaian asli, bukan berkas lain "
            "yang diganti namanya."
        ),
        code="content_mismatch",
        params={"allowed": _allowed_label(kinds)},
    )


def _check_image(file, kind: str, kinds) -> None:
    # WeasyPrint (the letters' PDFs) turns this on process-wide when it is imported; an
    # upload must be whole whatever was imported before.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(file) as image:
                if image.format not in PILLOW_FORMATS[kind]:
                    raise _refuse(kinds)
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        _("Gambar terlalu besar (%(width)s × %(height)s piksel)."),
                        code="too_many_pixels",
                        params={"width": width, "height": height},
                    )
                image.load()  # decodes every byte: a truncated file fails here
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        PILImage.DecompressionBombError,
        PILImage.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as exc:
        raise _refuse(kinds) from exc
    finally:
        file.seek(0)


def _check_pdf(file, size: int, kinds) -> None:
    file.seek(0)
    head = file.read(1024)
    file.seek(max(0, size - 2048))
    tail = file.read()
    file.seek(0)
    if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise _refuse(kinds)


def check_private_upload(file, *, kinds=("jpeg", "png", "webp", "pdf"), max_bytes=None) -> str:
    """The MIME type of ``file`` judged by its content, or a ``ValidationError`` saying in
    Indonesian what is wrong. ``file`` is read from the start and left at the start."""
    limit = max_bytes if max_bytes is not None else max_bytes_setting()
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
    if size == 0:
        raise ValidationError(_("Berkas kosong."), code="empty")
    if size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s). Paling besar %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    sniffed = filetype.guess(head)
    kind = SNIFFED_KINDS.get(sniffed.extension) if sniffed is not None else None
    if kind not in kinds:
        raise _refuse(kinds)
    if kind == "pdf":
        _check_pdf(file, size, kinds)
    else:
        _check_image(file, kind, kinds)
    return MIME_TYPES[kind]


def sanitised_bytes(file, mime: str) -> bytes:
    """What is stored of a checked file: an image re-encoded upright and without EXIF (its
    GPS position, camera and time), a PDF unchanged."""
    file.seek(0)
    if mime == "application/pdf":
        data = file.read()
        file.seek(0)
        return data
    with PILImage.open(file) as image:
        upright = ImageOps.exif_transpose(image)
        out = io.BytesIO()
        fmt = "JPEG" if image.format in ("JPEG", "MPO") else image.format
        if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        options = {"quality": 88} if fmt in ("JPEG", "WEBP") else {}
        upright.save(out, format=fmt, **options)
    file.seek(0)
    return out.getvalue()
