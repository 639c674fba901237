"""Read the Kemendagri region list (``code,name`` CSV) and select one region's subtree."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models.regions import (
    KIND_BY_FIRST_DIGIT,
    Level,
    level_for_code,
    parent_code,
    validate_region_code,
)

MAX_NAME_LENGTH = 255


class WilayahError(Exception):
    """The CSV or the requested region cannot be imported; ``errors`` lists why."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    line: int

    @property
    def level(self) -> str:
        return level_for_code(self.code)

    @property
    def parent_code(self) -> str | None:
        return parent_code(self.code)

    @property
    def village_kind(self) -> str:
        if self.level != Level.VILLAGE:
            return ""
        return KIND_BY_FIRST_DIGIT[self.code.split(".")[3][0]]


@dataclass
class Selection:
    """The requested region, its ancestors and everything below it, parents first."""

    region_code: str
    rows: list[RegionRow] = field(default_factory=list)

    def by_level(self, level: str) -> list[RegionRow]:
        return [row for row in self.rows if row.level == level]

    @property
    def villages(self) -> list[RegionRow]:
        return self.by_level(Level.VILLAGE)


def read_selection(path: str | Path, region_code: str) -> Selection:
    """Parse ``path`` and return ``region_code`` with its ancestors and descendants.

    Every row is checked; all problems are reported together so a whole file can be fixed
    in one go. Nothing is written anywhere.
    """
    errors: list[str] = []
    try:
        validate_region_code(region_code)
    except ValidationError as exc:
        raise WilayahError(list(exc.messages)) from exc

    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115
    except OSError as exc:
        raise WilayahError(
            [
                _("Berkas %(path)s tidak dapat dibuka: %(error)s")
                % {"path": path, "error": exc.strerror}
            ]
        ) from exc

    rows: dict[str, RegionRow] = {}
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise WilayahError(
                [_("Berkas bukan CSV UTF-8 yang sah: %(error)s") % {"error": exc}]
            ) from exc
        if header is None or [h.strip().lower() for h in header] != ["code", "name"]:
            raise WilayahError([_('Baris 1: kepala kolom harus tepat "code,name".')])
        line = 1
        try:
            for record in reader:
                line += 1
                if not record or all(not cell.strip() for cell in record):
                    continue
                problem = _check_record(record)
                if problem:
                    errors.append(
                        _("Baris %(line)d: %(problem)s") % {"line": line, "problem": problem}
                    )
                    continue
                code, name = record[0].strip(), record[1].strip()
                if code in rows:
                    errors.append(
                        _("Baris %(line)d: kode %(code)s sudah ada di baris %(first)d.")
                        % {"line": line, "code": code, "first": rows[code].line}
                    )
                    continue
                rows[code] = RegionRow(code=code, name=name, line=line)
        except (csv.Error, UnicodeDecodeError) as exc:
            errors.append(
                _("Baris %(line)d: tidak dapat dibaca (%(error)s).")
                % {"line": line + 1, "error": exc}
            )

    if errors:
        raise WilayahError(errors)
    if region_code not in rows:
        raise WilayahError(
            [_("Kode wilayah %(code)s tidak ada dalam berkas.") % {"code": region_code}]
        )

    selected = [rows[code] for code in _ancestor_codes(region_code) if code in rows]
    missing_ancestors = [c for c in _ancestor_codes(region_code) if c not in rows]
    prefix = f"{region_code}."
    selected.append(rows[region_code])
    selected.extend(row for code, row in rows.items() if code.startswith(prefix))
    selected.sort(key=lambda row: row.code)

    present = {row.code for row in selected} | set(missing_ancestors)
    for row in selected:
        parent = row.parent_code
        if parent and parent not in present:
            errors.append(
                _("Baris %(line)d: wilayah induk %(parent)s untuk %(code)s tidak ada dalam berkas.")
                % {"line": row.line, "parent": parent, "code": row.code}
            )
    # Pages start at the regency: a regency (or a province's regencies) must be present.
    if len(region_code.split(".")) >= 2:
        regency = ".".join(region_code.split(".")[:2])
        if regency not in rows:
            errors.append(_("Kabupaten/kota %(code)s tidak ada dalam berkas.") % {"code": regency})
    if errors:
        raise WilayahError(errors)
    return Selection(region_code=region_code, rows=selected)


def _ancestor_codes(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _check_record(record: list[str]) -> str | None:
    if len(record) != 2:
        return _("harus berisi tepat 2 kolom (code,name), ditemukan %(count)d.") % {
            "count": len(record)
        }
    code, name = record[0].strip(), record[1].strip()
    try:
        validate_region_code(code)
    except ValidationError as exc:
        return " ".join(exc.messages)
    if not name:
        return _("nama wilayah untuk kode %(code)s kosong.") % {"code": code}
    if len(name) > MAX_NAME_LENGTH:
        return _("nama wilayah untuk kode %(code)s lebih dari %(max)d karakter.") % {
            "code": code,
            "max": MAX_NAME_LENGTH,
        }
    return None
