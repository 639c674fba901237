"""Approving a request: the letter's number, its PDF with the QR code, and revocation.

``issue_letter`` runs in one transaction: the request is locked (two operators approving it
at once get one letter), the number is taken from the village's sequence (gapless, see
``letters.numbering``), the PDF is rendered, fingerprinted (SHA-256 of the PDF as issued, for
comparing a printed copy) and stored encrypted in private storage. Anything failing leaves
no letter, no number and no file behind.
"""

from __future__ import annotations

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record

from .letter_types import PERSONAL_FIELDS, get_type
from .models import Letter, LetterRequest, Status
from .models.requests import CLOSED
from .numbering import DEFAULT_FORMAT, issue_number
from .pdf import render_pdf
from .personal import decrypt_bytes, encrypt_bytes
from .qr import qr_data_uri

TEMPLATE = "letters/pdf/letter.html"


def verification_url(letter: Letter) -> str:
    site = letter.village.site
    path = reverse("letter_verify", args=[letter.token])
    return f"{site.root_url}{path}" if site else path


def letter_context(letter: Letter, request: LetterRequest, kind) -> dict:
    village = letter.village
    url = verification_url(letter)
    answers = request.answer_values
    details = [
        (field.label, answers.get(field.name, ""))
        for field in kind.fields
        if field.name not in (*PERSONAL_FIELDS, "nama") and answers.get(field.name)
    ]
    return {
        "letter": letter,
        "kind": kind,
        "request": request,
        "details": details,
        "village": village,
        "district": village.parent,
        "regency": village.regency(),
        "qr": qr_data_uri(url),
        "verification_url": url,
    }


def issue_letter(
    request: LetterRequest,
    *,
    user,
    signer_name: str,
    signer_position: str,
    today: datetime.date | None = None,
    number_format: str = DEFAULT_FORMAT,
    paper: str = "A4",
) -> Letter:
    kind = get_type(request.letter_type)
    if kind is None:
        raise ValidationError(_("Jenis surat ini tidak dikenal."), code="letter_type")
    today = today or timezone.localdate()
    stored = None
    try:
        with transaction.atomic():
            locked = LetterRequest.objects.select_for_update().get(pk=request.pk)
            if locked.status in CLOSED or Letter.objects.filter(request=locked).exists():
                raise ValidationError(_("Permohonan ini sudah ditutup."), code="closed")
            number = issue_number(
                locked.village,
                date=today,
                classification=kind.classification,
                template=number_format,
            )
            letter = Letter(
                request=locked,
                village=locked.village,
                number=number,
                letter_type=kind.slug,
                issued_on=today,
                valid_until=today + datetime.timedelta(days=kind.validity_days),
                signer_name=signer_name,
                signer_position=signer_position,
                holder_masked=locked.masked_name,
                issued_by=user if getattr(user, "is_authenticated", False) else None,
            )
            with translation.override("id"):  # an official letter: always in Indonesian
                html = render_to_string(TEMPLATE, letter_context(letter, locked, kind))
            pdf = render_pdf(html, paper=paper)
            letter.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
            letter.pdf.save("surat.pdf.enc", ContentFile(encrypt_bytes(pdf)), save=False)
            stored = letter.pdf.name
            letter.save()
            locked.status = Status.READY
            locked.save(update_fields=["status", "updated_at"])
            record(
                locked.village,
                Action.LETTER_ISSUE,
                actor=letter.issued_by,
                label=f"{kind.name} {number.formatted}",  # never the resident's name
                data={"number": number.formatted, "letter_type": kind.slug},
            )
            return letter
    except BaseException:
        if stored:
            Letter._meta.get_field("pdf").storage.delete(stored)
        raise


def letter_pdf(letter: Letter) -> bytes:
    """The issued PDF, decrypted (for the screens of the people entitled to it)."""
    with letter.pdf.open("rb") as handle:
        return decrypt_bytes(handle.read())


def revoke(letter: Letter, *, user, reason: str) -> Letter:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tuliskan alasan pencabutan."), code="reason")
    if letter.revoked_at:
        raise ValidationError(_("Surat ini sudah dicabut."), code="revoked")
    letter.revoked_at = timezone.now()
    letter.revoked_reason = reason
    letter.revoked_by = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        letter.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
        kind = get_type(letter.letter_type)
        record(
            letter.village,
            Action.LETTER_REVOKE,
            actor=letter.revoked_by,
            label=f"{kind.name if kind else letter.letter_type} {letter.number.formatted}",
            data={"number": letter.number.formatted, "reason": reason[:500]},
        )
    return letter
