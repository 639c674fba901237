"""Which files may become documents: an allowlist of extensions, each checked against content.

A document is served to the public under its own name, so its extension decides how a
browser or an office program opens it. An extension alone proves nothing (an ``.exe``
renamed ``laporan.pdf`` is still a program), so every allowed extension has a content rule
here: the file's first bytes are sniffed with ``filetype`` (a maintained, pure-Python
signature library), office containers are opened with ``zipfile`` to find the parts that
make them Word, Excel or PowerPoint files, and text must decode as text.

``WAGTAILDOCS_EXTENSIONS`` (cms/settings/base.py) is the allowlist; an extension listed
there without a rule below is refused (fail closed). ``check_document_file`` raises a
``ValidationError`` with an Indonesian message; ``VillageDocument.clean()`` and ``save()``
call it for every new file, so every form, upload view and API write goes through it.
"""

from __future__ import annotations

import codecs
import os
import unicodedata
import zipfile
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

import filetype

# Bytes read for sniffing and for the text check: filetype looks at the first 8 KiB; text
# is judged on its first 64 KiB (a binary file shows itself long before that).
SNIFF_BYTES = 64 * 1024
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 compound file

OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}


def _sniffed(head: bytes) -> str | None:
    kind = filetype.guess(head)
    return kind.extension if kind is not None else None


def _signature(*kinds: str) -> Callable[[bytes, object], bool]:
    def matches(head: bytes, file) -> bool:
        return _sniffed(head) in kinds

    return matches


def _legacy_office(head: bytes, file) -> bool:
    # Word, Excel and PowerPoint 97-2003 share one container; which program wrote it is a
    # guess even for libmagic, so any of the three is accepted for any of their extensions.
    return head.startswith(OLE2_MAGIC) or _sniffed(head) in {"doc", "xls", "ppt"}


def _zip_names(file) -> list[str] | None:
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _zip(head: bytes, file) -> bool:
    # Starting with a local header rules out self-extracting programs (which start "MZ").
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06")) and _zip_names(file) is not None


def _ooxml(extension: str) -> Callable[[bytes, object], bool]:
    def matches(head: bytes, file) -> bool:
        names = _zip_names(file) if head.startswith(b"PK\x03\x04") else None
        if names is None:
            return False
        part = OOXML_PARTS[extension]
        return "[Content_Types].xml" in names and any(n.startswith(part) for n in names)

    return matches


def _odf(extension: str) -> Callable[[bytes, object], bool]:
    def matches(head: bytes, file) -> bool:
        if not head.startswith(b"PK\x03\x04") or _zip_names(file) is None:
            return False
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            try:
                mimetype = archive.read("mimetype")
            except KeyError:
                return False
        return mimetype.strip() == ODF_MIMETYPES[extension]

    return matches


def _decoded_text(head: bytes) -> str | None:
    """``head`` as text (UTF-8, UTF-16 with its BOM, or Windows-1252), None if not text."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            try:
                return codecs.getincrementaldecoder(encoding)().decode(head[len(bom) :])
            except UnicodeDecodeError:
                return None
    try:
        # Incremental: a character cut at the end of ``head`` is not an error.
        return codecs.getincrementaldecoder("utf-8-sig")().decode(head)
    except UnicodeDecodeError:
        pass
    try:
        return head.decode("cp1252")  # spreadsheets saved as CSV on Windows
    except UnicodeDecodeError:
        return None


def _text(head: bytes, file) -> bool:
    if _sniffed(head) is not None:
        return False  # a known binary format (a PDF, a program…) named .txt or .csv
    text = _decoded_text(head)
    if text is None:
        return False
    return not any(unicodedata.category(char) == "Cc" and char not in "\t\n\r\f" for char in text)


CONTENT_RULES: dict[str, Callable[[bytes, object], bool]] = {
    "pdf": _signature("pdf"),
    "jpg": _signature("jpg"),
    "jpeg": _signature("jpg"),
    "png": _signature("png", "apng"),
    "gif": _signature("gif"),
    "webp": _signature("webp"),
    "doc": _legacy_office,
    "xls": _legacy_office,
    "ppt": _legacy_office,
    "docx": _ooxml("docx"),
    "xlsx": _ooxml("xlsx"),
    "pptx": _ooxml("pptx"),
    "odt": _odf("odt"),
    "ods": _odf("ods"),
    "odp": _odf("odp"),
    "txt": _text,
    "csv": _text,
    "zip": _zip,
}


def allowed_extensions() -> list[str]:
    """The document extensions this installation accepts, lower case."""
    return [ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []]


def extension_of(name: str) -> str:
    return os.path.splitext(name or "")[1].lstrip(".").lower()


def check_document_file(file) -> None:
    """Refuse ``file`` unless its extension is allowed and its bytes are of that type.

    ``file`` is a Django ``File`` (an upload or a ``FieldFile``); it is read from the start
    and left at the start.
    """
    extension = extension_of(file.name)
    allowed = allowed_extensions()
    if extension not in allowed or extension not in CONTENT_RULES:
        raise ValidationError(
            _("Jenis berkas “.%(extension)s” tidak diizinkan. Jenis yang diizinkan: %(allowed)s.")
            if extension
            else _("Berkas tanpa ekstensi tidak diizinkan. Jenis yang diizinkan: %(allowed)s."),
            code="invalid_extension",
            params={"extension": extension, "allowed": ", ".join(allowed)},
        )
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    try:
        matches = CONTENT_RULES[extension](head, file)
    finally:
        file.seek(0)
    if not matches:
        raise ValidationError(
            _(
                "Isi berkas tidak sesuai dengan jenis “.%(extension)s”. Unggah berkas asli, "
                "bukan berkas lain yang diganti namanya."
            ),
            code="content_mismatch",
            params={"extension": extension},
        )
