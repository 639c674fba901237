"""Approving a request: the letter's number, its PDF with the QR code, and revocation.

``issue_letter`` runs in one transaction: the request is locked (two operators approving it
at once get one letter), the number is taken from the village's sequence (gapless, see
``letters.numbering``), the PDF is rendered, fingerprinted (SHA-256 of the PDF as issued, for
comparing a printed copy) and stored encrypted in private storage. Anything failing leaves
no letter, no number and no file behind.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record

from .configuration import regency_of, regency_settings, village_service, wording_for
from .letter_types import PERSONAL_FIELDS, get_type
from .models import Letter, LetterRequest, Status
from .models.requests import CLOSED
from .numbering import issue_number
from .pdf import render_pdf
from .personal import decrypt_bytes, encrypt_bytes
from .qr import qr_data_uri
from .wording import display_value, render_inline, render_lines, render_paragraphs

logger = logging.getLogger(__name__)

TEMPLATE = "letters/pdf/letter.html"


def verification_url(letter: Letter) -> str:
    site = letter.village.site
    path = reverse("letter_verify", args=[letter.token])
    return f"{site.root_url}{path}" if site else path


def _logo_data_uri(regency) -> str:
    """The regency's logo (its site's identity) as a data URI: the PDF fetches nothing."""
    site = getattr(regency, "site", None) if regency is not None else None
    if site is None:
        return ""
    from villages.models import VillageIdentity

    logo = VillageIdentity.for_site(site).logo
    if logo is None:
        return ""
    try:
        rendition = logo.get_rendition("max-240x240|format-png")
        with rendition.file.open("rb") as handle:
            data = handle.read()
    except Exception:  # a missing file leaves the letterhead without a logo, never no letter
        logger.warning("letters: the logo of regency %s cannot be read", regency.code)
        return ""
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def placeholder_values(letter: Letter, request: LetterRequest) -> dict:
    village = letter.village
    district = village.parent
    regency = regency_of(village)
    values = dict(request.answer_values)
    values.update(
        nama=request.name,
        nik=request.nik,
        no_kk=request.family_card,
        tanggal_lahir=request.birth_date,
        alamat=request.address,
        desa=village.name,
        sebutan_desa=village.get_village_kind_display() if village.village_kind else "Desa",
        kecamatan=district.name if district else "",
        kabupaten=regency.name if regency else "",
        jabatan=letter.signer_position,
        penanda_tangan=letter.signer_name,
        nomor=letter.number.formatted,
        tanggal=letter.issued_on,
        berlaku_sampai=letter.valid_until,
    )
    return values


def letter_context(letter: Letter, request: LetterRequest, kind, *, wording=None) -> dict:
    """What the letter's template shows; ``wording`` (anything with ``title``, ``opening``,
    ``statement`` and ``closing``) replaces the regency's own, for a preview."""
    village = letter.village
    regency = regency_of(village)
    url = verification_url(letter)
    answers = request.answer_values
    details = [
        (field.label, display_value(answers.get(field.name, "")))
        for field in kind.fields
        if field.name not in (*PERSONAL_FIELDS, "nama") and answers.get(field.name)
    ]
    values = placeholder_values(letter, request)
    wording = wording or wording_for(regency, kind)
    settings = regency_settings(regency)
    return {
        "letter": letter,
        "kind": kind,
        "request": request,
        "details": details,
        "village": village,
        "district": village.parent,
        "regency": regency,
        "title": render_inline(wording.title, values),
        "opening": render_paragraphs(wording.opening, values),
        "statement": render_paragraphs(wording.statement, values),
        "closing": render_paragraphs(wording.closing, values),
        "letterhead": render_lines(settings.letterhead, values),
        "signature": render_lines(settings.signature_block, values),
        "logo": _logo_data_uri(regency),
        "qr": qr_data_uri(url),
        "verification_url": url,
    }


def issue_letter(
    request: LetterRequest,
    *,
    user,
    signer_name: str | None = None,
    signer_position: str | None = None,
    today: datetime.date | None = None,
) -> Letter:
    """Number, render and store the letter of ``request``, in the regency's format and on
    its paper; the signer is the one given, else the one the village approved with, else
    the village's own; an endorsement already given (``letters.processing.endorse``) is
    printed with it."""
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
            settings = regency_settings(regency_of(locked.village))
            service = village_service(locked.village)
            signer_name = signer_name or locked.signer_name or service.signer_name
            signer_position = signer_position or locked.signer_position or service.signer_position
            if not signer_name:
                raise ValidationError(
                    _("Isi nama penanda tangan di pengaturan layanan surat desa."), code="signer"
                )
            number = issue_number(
                locked.village,
                date=today,
                classification=kind.classification,
                template=settings.number_format,
                series=kind.slug if settings.number_per_type else "",
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
                endorser_name=locked.endorser_name,
                endorser_position=locked.endorser_position,
                endorsed_on=timezone.localdate(locked.endorsed_at) if locked.endorsed_at else None,
                issued_by=user if getattr(user, "is_authenticated", False) else None,
            )
            with translation.override("id"):  # an official letter: always in Indonesian
                html = render_to_string(TEMPLATE, letter_context(letter, locked, kind))
            pdf = render_pdf(html, paper=settings.paper or "A4")
            letter.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
            letter.pdf.save("surat.pdf.enc", ContentFile(encrypt_bytes(pdf)), save=False)
            stored = letter.pdf.name
            letter.save()
            locked.status = Status.READY
            locked.signer_name, locked.signer_position = signer_name, signer_position
            locked.missing_attachments = []
            locked.save(
                update_fields=[
                    "status",
                    "signer_name",
                    "signer_position",
                    "missing_attachments",
                    "updated_at",
                ]
            )
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
