"""The standard letter types, shipped with the project (``data/jenis_surat.json``): one
place for their fields, required attachments, validity, archive classification and whether
the camat endorses them. Read once and checked on load, so a broken file fails at start-up,
not in front of a resident.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TYPES_FILE = Path(__file__).parent / "data" / "jenis_surat.json"
# The personal fields every request holds, stored encrypted on ``LetterRequest`` itself.
PERSONAL_FIELDS = ("nik", "no_kk", "tanggal_lahir", "alamat")


@dataclass(frozen=True)
class LetterField:
    name: str
    label: str
    kind: str  # text, textarea, date, choice
    required: bool
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attachment:
    slug: str
    label: str
    required: bool


@dataclass(frozen=True)
class LetterType:
    slug: str
    name: str
    classification: str
    validity_days: int
    processing: str
    needs_camat: bool
    fields: tuple[LetterField, ...]  # the common fields first, then the type's own
    attachments: tuple[Attachment, ...]
    bring: str
    statement: str  # the standard wording after the holder's data (``letters.wording``)

    def field(self, name: str) -> LetterField | None:
        return next((f for f in self.fields if f.name == name), None)


def _fields(raw: list[dict], kinds: set[str], where: str) -> tuple[LetterField, ...]:
    fields = []
    for spec in raw:
        if spec["kind"] not in kinds:
            raise ImproperlyConfigured(f"{where}: unknown field kind {spec['kind']!r}")
        if spec["kind"] == "choice" and not spec.get("choices"):
            raise ImproperlyConfigured(f"{where}: choice field {spec['name']!r} has no choices")
        fields.append(
            LetterField(
                spec["name"],
                spec["label"],
                spec["kind"],
                bool(spec["required"]),
                tuple(spec.get("choices", ())),
            )
        )
    return tuple(fields)


@cache
def standard_types() -> dict[str, LetterType]:
    data = json.loads(TYPES_FILE.read_text(encoding="utf-8"))
    kinds = set(data["field_kinds"])
    common = _fields(data["common_fields"], kinds, "common_fields")
    found: dict[str, LetterType] = {}
    for spec in data["types"]:
        slug = spec["slug"]
        if slug in found:
            raise ImproperlyConfigured(f"letter type {slug!r} is listed twice")
        own = _fields(spec["fields"], kinds, slug)
        names = [f.name for f in (*common, *own)]
        if len(set(names)) != len(names):
            raise ImproperlyConfigured(f"letter type {slug!r} repeats a field name")
        found[slug] = LetterType(
            slug=slug,
            name=spec["name"],
            classification=spec["classification"],
            validity_days=int(spec["validity_days"]),
            processing=spec["processing"],
            needs_camat=bool(spec["needs_camat"]),
            fields=(*common, *own),
            attachments=tuple(
                Attachment(a["slug"], a["label"], bool(a["required"])) for a in spec["attachments"]
            ),
            bring=spec["bring"],
            statement=spec["statement"],
        )
    return found


def get_type(slug: str) -> LetterType | None:
    return standard_types().get(slug)
