"""Uploaded images that are too large are made smaller, not refused.

A photo straight from a phone is often over Wagtail's byte limit (``WAGTAILIMAGES_MAX_UPLOAD_SIZE``,
10 MB) and always far larger in pixels than any page shows. Wagtail's image field refuses
the first; an operator on their own then gives up. Here the upload is reduced before
Wagtail's checks run: its longest side to ``ASSETS_IMAGE_MAX_SIDE`` pixels (2,560) and its
bytes under the limit, turned upright by its EXIF orientation, re-encoded in its own format
with its colour profile (the rest of its EXIF, GPS position included, is not copied).

Only what cannot be an image is refused: a file that Pillow and Willow cannot open, or
whose content is another format than its extension says (Wagtail's own check, with our
message). Wagtail's checks then run on the reduced file, unchanged.

``VillageImageField`` does this; ``assets.forms.VillageImageForm`` (the
``WAGTAILIMAGES_IMAGE_FORM_BASE``) puts it in every image form Wagtail builds: the add and
edit views, the multiple uploader, the chooser's upload tab and the API v3 image writes.
"""

from __future__ import annotations

import io
import os
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField

from PIL import Image as PILImage
from PIL import ImageOps, ImageSequence, UnidentifiedImageError

DEFAULT_MAX_SIDE = 2560
DEFAULT_MAX_INPUT_SIZE = 60 * 1024 * 1024
# Qualities tried in turn for lossy formats, then the sides shrink by this factor until the
# bytes fit (a detailed photo at 2,560 px is 1-4 MB in JPEG at 85, so this rarely loops).
LOSSY_QUALITIES = (85, 75, 65, 55)
SHRINK_FACTOR = 0.8
MAX_SHRINKS = 8
# Pillow's format name -> the one it is written back in (a phone's multi-picture JPEG, MPO,
# is a JPEG with extra frames nobody sees).
SAVE_FORMAT = {"MPO": "JPEG"}
LOSSY_FORMATS = {"JPEG", "WEBP", "AVIF"}


def max_side() -> int:
    return getattr(settings, "ASSETS_IMAGE_MAX_SIDE", DEFAULT_MAX_SIDE)


def max_stored_size() -> int | None:
    """Bytes an image may have once stored: Wagtail's own setting."""
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)


def max_input_size() -> int | None:
    """Bytes an upload may have before it is reduced (a bound on the work one request does)."""
    return getattr(settings, "ASSETS_IMAGE_MAX_INPUT_SIZE", DEFAULT_MAX_INPUT_SIZE)


class TooManyPixels(Exception):
    """The image is larger than Pillow will decode (a decompression bomb or a giant scan)."""


def _encode(image: PILImage.Image, fmt: str, quality: int, info: dict) -> bytes:
    buffer = io.BytesIO()
    options = {}
    if info.get("icc_profile"):
        options["icc_profile"] = info["icc_profile"]
    if fmt == "JPEG":
        options.update(quality=quality, optimize=True, progressive=True)
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
    elif fmt in ("WEBP", "AVIF"):
        options["quality"] = quality
    elif fmt == "PNG":
        options["optimize"] = True
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _encode_frames(frames, fmt: str, info: dict) -> bytes:
    buffer = io.BytesIO()
    first, *rest = frames
    options = {"save_all": True, "append_images": rest, "loop": info.get("loop", 0)}
    if "duration" in info:
        options["duration"] = info["duration"]
    first.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _fit(size: tuple[int, int], side: int) -> tuple[int, int]:
    width, height = size
    scale = min(1.0, side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def reduced(content, name: str, size: int) -> bytes | None:
    """The bytes of a reduced copy of the image in ``content``, or None to keep it as it is.

    None too when Pillow cannot read it: Wagtail's field then decides (Willow may read more
    formats; what neither reads is refused there). Raises ``TooManyPixels``.
    """
    side, limit = max_side(), max_stored_size()
    content.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            image = PILImage.open(content)
            image.size  # noqa: B018 (opening reads the header only)
    except PILImage.DecompressionBombError as error:
        raise TooManyPixels from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    finally:
        content.seek(0)

    too_many_bytes = limit is not None and size > limit
    if not too_many_bytes and max(image.size) <= side:
        return None
    fmt = SAVE_FORMAT.get(image.format, image.format)
    info = dict(image.info)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            if getattr(image, "is_animated", False) and fmt in ("GIF", "WEBP", "PNG"):
                return _reduced_animation(image, fmt, info, side, limit)
            if fmt == "JPEG":
                # Decode at 1/2, 1/4 or 1/8 scale when that still covers the target size: a
                # 24-megapixel photo then never needs its full 72 MB in memory.
                image.draft(image.mode, (side, side))
            upright = ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError):
        return None  # truncated or corrupt: let Wagtail's field judge it
    target = _fit(upright.size, side)
    for _attempt in range(MAX_SHRINKS):
        resized = upright.resize(target, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
        for quality in LOSSY_QUALITIES if fmt in LOSSY_FORMATS else (None,):
            data = _encode(resized, fmt, quality or 0, info)
            if limit is None or len(data) <= limit:
                return data
        target = _fit(target, int(max(target) * SHRINK_FACTOR))
    return data  # still too large: Wagtail's size check refuses it with our message


def _reduced_animation(image, fmt, info, side, limit) -> bytes:
    target = _fit(image.size, side)
    for _attempt in range(MAX_SHRINKS):
        frames = [
            frame.convert("RGBA").resize(target, PILImage.Resampling.LANCZOS)
            for frame in ImageSequence.Iterator(image)
        ]
        data = _encode_frames(frames, fmt, info)
        if limit is None or len(data) <= limit:
            return data
        target = _fit(target, int(max(target) * SHRINK_FACTOR))
    return data


class VillageImageField(WagtailImageField):
    """Wagtail's image field that reduces a too-large image instead of refusing it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_stored_size = max_stored_size()
        # Wagtail's multiple uploader refuses files over ``max_upload_size`` in the browser
        # before sending them: it is the bound on what is sent, not on what is stored.
        self.max_upload_size = max_input_size()
        self.max_upload_size_text = filesizeformat(self.max_upload_size)
        formats = self.supported_formats_text
        self.help_text = _(
            "Format: %(formats)s. Foto yang lebih besar dari %(side)s piksel atau "
            "%(size)s diperkecil otomatis."
        ) % {
            "formats": formats,
            "side": f"{max_side():,}".replace(",", "."),
            "size": filesizeformat(self.max_stored_size),
        }
        self.error_messages.update(
            invalid_image=_(
                "Berkas ini bukan gambar atau gambarnya rusak. Unggah foto atau gambar "
                "berformat %(formats)s."
            )
            % {"formats": formats},
            invalid_image_extension=_(
                "Format gambar ini tidak didukung. Format yang didukung: %(formats)s."
            )
            % {"formats": formats},
            invalid_image_known_format=_(
                "Isi berkas bukan gambar .%(extension)s (isinya %(image_format)s). Unggah "
                "berkas asli, bukan berkas lain yang diganti namanya."
            ),
            file_too_large=_(
                "Gambar ini tetap terlalu besar (%(file_size)s) setelah diperkecil. Ukuran "
                "maksimum %(max_filesize)s."
            ),
            file_too_many_pixels=_(
                "Gambar ini terlalu besar untuk diolah (%(num_pixels)s piksel). Maksimum "
                "%(max_pixels_count)s piksel."
            ),
            file_too_large_unknown_size=_(
                "Berkas ini terlalu besar untuk diunggah. Ukuran maksimum %(max_filesize)s."
            )
            % {"max_filesize": self.max_upload_size_text},
        )

    def check_image_file_size(self, f):
        # Runs on the reduced file: the bound is the stored size, Wagtail's setting.
        if self.max_stored_size is not None and f.size > self.max_stored_size:
            raise ValidationError(
                self.error_messages["file_too_large"]
                % {
                    "file_size": filesizeformat(f.size),
                    "max_filesize": filesizeformat(self.max_stored_size),
                },
                code="file_too_large",
            )

    def to_python(self, data):
        if data is None or not hasattr(data, "read") or not getattr(data, "name", None):
            return super().to_python(data)
        size = getattr(data, "size", None)
        if size is not None and self.max_upload_size is not None and size > self.max_upload_size:
            raise ValidationError(
                self.error_messages["file_too_large_unknown_size"], code="file_too_large"
            )
        extension = os.path.splitext(data.name)[1].lower().lstrip(".")
        if extension in self.allowed_image_extensions:
            try:
                smaller = reduced(data, data.name, size or 0)
            except TooManyPixels:
                raise ValidationError(
                    self.error_messages["file_too_many_pixels"]
                    % {
                        "num_pixels": _("lebih dari %(count)s") % {"count": _max_decoded()},
                        "max_pixels_count": _max_decoded(),
                    },
                    code="file_too_many_pixels",
                ) from None
            if smaller is not None:
                data = SimpleUploadedFile(data.name, smaller, content_type=data.content_type)
        return super().to_python(data)


def _max_decoded() -> str:
    return f"{PILImage.MAX_IMAGE_PIXELS * 2:,}".replace(",", ".")
