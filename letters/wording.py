"""A letter's wording with placeholders: ``{{ nama }}``, ``{{ desa }}``, ``{{ keperluan }}``.

A regency admin edits the wording of each letter type and the letterhead in the admin. That
text is never a Django template and never code: the only thing it can hold besides plain
text is a ``{{ name }}`` from a fixed list (the common ones below, plus the letter type's own
fields), replaced by the value HTML-escaped. ``{%``, ``{#``, filters, attributes, indexes and
unknown names are refused when the text is saved (``validate_wording``), with a message that
lists what is allowed; rendering re-checks and leaves anything unknown as it was typed.

Paragraphs are separated by an empty line; a single line break stays a line break.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import formats, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .letter_types import LetterType

NAME = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")
ANY_TAG = re.compile(r"\{\{(.*?)\}\}|\{%|%\}|\{#|#\}", re.S)

# Placeholders every letter's wording may use (beside the letter type's own fields).
LETTER_PLACEHOLDERS = {
    "nama": "Nama lengkap pemohon",
    "nik": "NIK",
    "no_kk": "Nomor KK",
    "tempat_lahir": "Tempat lahir",
    "tanggal_lahir": "Tanggal lahir",
    "alamat": "Alamat",
    "desa": "Nama desa",
    "sebutan_desa": "Desa atau Kelurahan",
    "kecamatan": "Nama kecamatan",
    "kabupaten": "Nama kabupaten",
    "jabatan": "Jabatan penanda tangan",
    "penanda_tangan": "Nama penanda tangan",
    "nomor": "Nomor surat",
    "tanggal": "Tanggal surat",
    "berlaku_sampai": "Berlaku sampai",
}
LETTERHEAD_PLACEHOLDERS = ("kabupaten", "kecamatan", "desa", "sebutan_desa")
SIGNATURE_PLACEHOLDERS = (*LETTERHEAD_PLACEHOLDERS, "tanggal", "jabatan")

DEFAULT_OPENING = (
    "Yang bertanda tangan di bawah ini, {{ jabatan }} {{ sebutan_desa }} {{ desa }}, "
    "Kecamatan {{ kecamatan }}, {{ kabupaten }}, menerangkan bahwa:"
)
DEFAULT_CLOSING = (
    "Demikian surat ini dibuat untuk dipergunakan sebagaimana mestinya, dan berlaku sampai "
    "{{ berlaku_sampai }}."
)


def allowed_names(kind: LetterType | None) -> list[str]:
    names = list(LETTER_PLACEHOLDERS)
    if kind is not None:
        names += [f.name for f in kind.fields if f.name not in LETTER_PLACEHOLDERS]
    return names


def validate_wording(text: str, allowed) -> None:
    """A clear error for wording that holds anything but text and allowed placeholders."""
    allowed = list(allowed)
    for match in ANY_TAG.finditer(text or ""):
        whole = match.group(0)
        name = NAME.fullmatch(whole)
        if name is None:
            raise ValidationError(
                _(
                    "“%(tag)s” tidak boleh dipakai: templat hanya boleh berisi teks dan isian "
                    "seperti {{ nama }}."
                ),
                code="tag",
                params={"tag": whole[:40]},
            )
        if name.group(1) not in allowed:
            raise ValidationError(
                _("Isian {{ %(name)s }} tidak dikenal. Yang boleh: %(allowed)s."),
                code="placeholder",
                params={
                    "name": name.group(1),
                    "allowed": ", ".join(f"{{{{ {n} }}}}" for n in allowed),
                },
            )
    rest = ANY_TAG.sub("", text or "")
    if "{{" in rest or "}}" in rest:
        raise ValidationError(_("Kurung kurawal {{ }} tidak berpasangan."), code="braces")


def display_value(value) -> str:
    """A value as a letter shows it: dates in words, in Indonesian."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime.date):
        with translation.override("id"):
            return formats.date_format(value, "j F Y")
    return "" if value is None else str(value)


def render_inline(text: str, values: dict) -> SafeString:
    """``text`` with its placeholders replaced by escaped values; the rest escaped too."""
    out = []
    position = 0
    for match in NAME.finditer(text or ""):
        out.append(escape(text[position : match.start()]))
        name = match.group(1)
        out.append(escape(display_value(values[name])) if name in values else escape(match[0]))
        position = match.end()
    out.append(escape((text or "")[position:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece is escaped above)


def render_paragraphs(text: str, values: dict) -> list[SafeString]:
    """The paragraphs of ``text`` (split on empty lines), each rendered inline, with single
    line breaks as ``<br>``."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        if block.strip():
            lines = [render_inline(line, values) for line in block.split("\n")]
            paragraphs.append(mark_safe("<br>".join(lines)))  # noqa: S308 (escaped lines)
    return paragraphs


def render_lines(text: str, values: dict) -> list[SafeString]:
    """One rendered entry per non-empty line (the letterhead)."""
    return [render_inline(line.strip(), values) for line in (text or "").splitlines() if line]
