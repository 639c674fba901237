"""Letter numbers: the village's format, and a sequence without duplicates or gaps.

The format is the regency's, e.g. ``{kode_klasifikasi}/{nomor:03}/{kode_desa}/{bulan_romawi}/
{tahun}`` → ``470/007/35.23.02.2001/XII/2026``. Only the placeholders of ``PLACEHOLDERS`` are
allowed, with no attribute or index access: a format typed in the admin can never reach
anything but these values.

``issue_number`` takes the next number inside the caller's transaction (the approval): it
locks the sequence row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite locks the whole
database for the write), so two operators approving at the same instant get consecutive
numbers, and an approval that fails rolls its number back with it: no gap. The unique
constraint on ``IssuedNumber`` stands behind the lock.
"""

from __future__ import annotations

import datetime
import string

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import IssuedNumber, LetterSequence, services

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
PLACEHOLDERS = {
    "kode_klasifikasi": str,
    "nomor": int,
    "kode_desa": str,
    "bulan_romawi": str,
    "bulan": int,
    "tahun": int,
}
DEFAULT_FORMAT = services.DEFAULT_FORMAT
MAX_LENGTH = 120


def _fields(template: str):
    try:
        return list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ValidationError(
            _("Format nomor tidak sah: kurung kurawal { } tidak berpasangan."), code="format"
        ) from exc


def validate_number_format(template: str) -> None:
    """A clear error for a format the admin cannot use; None when it is usable."""
    names = []
    for _literal, name, spec, conversion in _fields(template):
        if name is None:
            continue
        if name not in PLACEHOLDERS or conversion:
            raise ValidationError(
                _("Isian {%(name)s} tidak dikenal. Yang boleh: %(allowed)s.")
                % {"name": name, "allowed": ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)},
                code="placeholder",
            )
        if spec and not (PLACEHOLDERS[name] is int and spec.isdigit() and len(spec) <= 2):
            raise ValidationError(
                _(
                    "Isian {%(name)s:%(spec)s} tidak sah: hanya nomor yang boleh diberi "
                    "lebar, mis. {nomor:03}."
                )
                % {"name": name, "spec": spec},
                code="spec",
            )
        names.append(name)
    if "nomor" not in names:
        raise ValidationError(_("Format nomor harus memuat {nomor}."), code="no_number")


def format_number(
    template: str, *, number: int, classification: str, village_code: str, date: datetime.date
) -> str:
    validate_number_format(template)
    values = {
        "kode_klasifikasi": classification,
        "nomor": number,
        "kode_desa": village_code,
        "bulan_romawi": ROMAN_MONTHS[date.month - 1],
        "bulan": date.month,
        "tahun": date.year,
    }
    formatted = template.format_map(values)
    if len(formatted) > MAX_LENGTH:
        raise ValidationError(
            _("Nomor surat lebih dari %(max)s karakter.") % {"max": MAX_LENGTH}, code="length"
        )
    return formatted


def _locked_sequence(village, year: int, series: str) -> LetterSequence:
    sequences = LetterSequence.objects.select_for_update()
    try:
        return sequences.get(village=village, year=year, series=series)
    except LetterSequence.DoesNotExist:
        pass
    try:
        with transaction.atomic():  # a savepoint: another approval may create it first
            LetterSequence.objects.create(village=village, year=year, series=series)
    except IntegrityError:
        pass
    return sequences.get(village=village, year=year, series=series)


def issue_number(
    village,
    *,
    date: datetime.date,
    classification: str,
    template: str = DEFAULT_FORMAT,
    series: str = "",
) -> IssuedNumber:
    """The next number of the village's sequence for ``date``'s year, formatted. Call it
    inside the approval's transaction (it opens one when there is none)."""
    with transaction.atomic():
        sequence = _locked_sequence(village, date.year, series)
        number = sequence.last_number + 1
        formatted = format_number(
            template,
            number=number,
            classification=classification,
            village_code=village.code,
            date=date,
        )
        sequence.last_number = number
        sequence.save(update_fields=["last_number"])
        return IssuedNumber.objects.create(
            village=village, year=date.year, series=series, number=number, formatted=formatted
        )
