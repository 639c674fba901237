"""A request's way from the resident's form to the letter: every step in one place.

diajukan → diproses → (menunggu camat →) siap diambil → selesai, or ditolak with a reason.
Each step checks the status it starts from (under a row lock, so two operators acting at
once cannot both succeed), records a ``RequestEvent`` (the status page's timeline and the
access log) and, after the commit, tells the resident by email when they gave one. Emails
and events never hold personal data: the tracking code, the letter type, the status and a
link to the status page.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assets.private_uploads import check_private_upload, sanitised_bytes
from audit.models import Action
from audit.services import record
from outbox import services as outbox
from villages.models.regions import Role

from .issuing import issue_letter
from .letter_types import get_type
from .models import EventKind, LetterRequest, RequestAttachment, RequestEvent, Status
from .models.requests import CLOSED, OPEN
from .personal import encrypt_bytes

logger = logging.getLogger(__name__)

# Fields an operator may correct (the resident's typing errors), besides the type's own.
CORRECTABLE = {
    "nama": "name",
    "no_kk": "family_card",
    "tanggal_lahir": "birth_date",
    "alamat": "address",
    "email": "email",
    "phone": "phone",
}


def _actor(user):
    return user if getattr(user, "is_authenticated", False) else None


def event(request: LetterRequest, kind, *, user=None, status="", note="", detail="") -> None:
    RequestEvent.objects.create(
        request=request,
        village_id=request.village_id,
        kind=kind,
        status=status,
        public_note=note,
        detail=detail[:200],
        actor=_actor(user),
    )


def log_opening(request: LetterRequest, user, *, what: str = "") -> None:
    """Every opening of a request (its detail, an attachment, the PDF) is in its log."""
    event(
        request,
        EventKind.FILE_OPENED if what else EventKind.OPENED,
        user=user,
        detail=what,
    )


def status_path(request: LetterRequest) -> str:
    # The service page sits at /layanan/ below every village home page (the site's root).
    return f"/layanan/status/?kode={request.tracking_code}"


def status_url(request: LetterRequest) -> str:
    site = request.village.site
    path = status_path(request)
    return f"{site.root_url}{path}" if site else path


def status_message(request: LetterRequest) -> str:
    """The resident's notice (email, WhatsApp): no personal data, only the code and a link."""
    kind = get_type(request.letter_type)
    with translation.override("id"):
        return _(
            "Permohonan %(kind)s dengan kode %(code)s di %(village)s kini berstatus: "
            "%(status)s. Lihat rinciannya di %(url)s"
        ) % {
            "kind": kind.name if kind else request.letter_type,
            "code": request.tracking_code,
            "village": request.village.display_name,
            "status": Status(request.status).label,
            "url": status_url(request),
        }


def _notify(request: LetterRequest) -> None:
    if not request.email:
        return
    address = request.email
    with translation.override("id"):
        subject = _("Status permohonan surat %(code)s") % {"code": request.tracking_code}
    body = status_message(request)

    def send():
        try:
            with outbox.about(request.village_id):
                EmailMessage(subject, body, to=[address]).send()
        except Exception:  # the status changed; a mail server down must not undo it
            logger.warning("letters: the status email for a request could not be sent")

    transaction.on_commit(send)


def _notify_staff(request: LetterRequest, region, roles) -> None:
    """Tell the people who act next (the village's operators of a new request, the
    kecamatan's district editors of one awaiting the camat) that it waits for them: the
    type, the code and the admin link, never the resident."""
    from villages import scope

    if region is None:
        return
    addresses = sorted({u.email for u in scope.role_holders(region, roles, above=False) if u.email})
    if not addresses:
        return
    site = request.village.site
    link = f"{site.root_url}{admin_path(request)}" if site else admin_path(request)
    kind = get_type(request.letter_type)
    with translation.override("id"):
        subject = _("Permohonan surat %(code)s menunggu tindak lanjut") % {
            "code": request.tracking_code
        }
        body = _(
            "Permohonan %(kind)s dengan kode %(code)s dari %(village)s menunggu tindak lanjut "
            "Anda (%(status)s). Buka: %(link)s"
        ) % {
            "kind": kind.name if kind else request.letter_type,
            "code": request.tracking_code,
            "village": request.village.display_name,
            "status": Status(request.status).label,
            "link": link,
        }

    def send():
        try:
            with outbox.about(request.village_id):
                EmailMessage(subject, body, bcc=addresses).send()
        except Exception:
            logger.warning("letters: the staff notice for a request could not be sent")

    transaction.on_commit(send)


def _locked(request: LetterRequest, allowed) -> LetterRequest:
    locked = LetterRequest.objects.select_for_update().select_related("village").get(pk=request.pk)
    if locked.status not in allowed:
        raise ValidationError(
            _("Permohonan ini berstatus “%(status)s”; langkah ini tidak dapat dilakukan."),
            code="status",
            params={"status": Status(locked.status).label},
        )
    return locked


def _set_status(locked, status, *, user, note="", fields=()):
    locked.status = status
    if status in CLOSED:
        locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at", "updated_at", *fields])
    event(locked, EventKind.STATUS, user=user, status=status, note=note)
    _notify(locked)


@transaction.atomic
def start(request: LetterRequest, user) -> LetterRequest:
    locked = _locked(request, (Status.SUBMITTED,))
    _set_status(locked, Status.IN_PROGRESS, user=user)
    return locked


@transaction.atomic
def correct(request: LetterRequest, user, field_name: str, value) -> LetterRequest:
    """Correct one field the resident typed. The event names the field, never the value."""
    locked = _locked(request, OPEN)
    kind = get_type(locked.letter_type)
    if field_name in CORRECTABLE:
        setattr(locked, CORRECTABLE[field_name], value)
        if field_name == "nama":
            locked.answer_values = {**locked.answer_values, "nama": value}
    elif kind is not None and kind.field(field_name) is not None and field_name != "nik":
        locked.answer_values = {**locked.answer_values, field_name: value}
    else:
        raise ValidationError(_("Isian ini tidak dapat dikoreksi."), code="field")
    locked.save()
    event(locked, EventKind.CORRECTED, user=user, detail=field_name)
    return locked


@transaction.atomic
def ask_for_attachment(request: LetterRequest, user, slugs, note: str) -> LetterRequest:
    kind = get_type(request.letter_type)
    known = {a.slug for a in kind.attachments} if kind else set()
    slugs = [s for s in slugs if s in known]
    if not slugs:
        raise ValidationError(_("Pilih lampiran yang diminta."), code="attachment")
    locked = _locked(request, OPEN)
    locked.missing_attachments = slugs
    locked.public_note = (note or "").strip()
    if locked.status == Status.SUBMITTED:
        locked.status = Status.IN_PROGRESS
    locked.save(update_fields=["missing_attachments", "public_note", "status", "updated_at"])
    labels = ", ".join(a.label for a in kind.attachments if a.slug in slugs)
    event(
        locked,
        EventKind.ATTACHMENT_REQUESTED,
        user=user,
        status=locked.status,
        note=locked.public_note or _("Mohon lengkapi lampiran: %(labels)s.") % {"labels": labels},
        detail=",".join(slugs),
    )
    _notify(locked)
    return locked


def store_attachment(request: LetterRequest, slug: str, upload) -> RequestAttachment:
    """Check ``upload`` by its content, strip it, encrypt it, keep it privately."""
    mime = check_private_upload(upload)
    data = sanitised_bytes(upload, mime)
    attachment = RequestAttachment(
        request=request, village_id=request.village_id, slug=slug, content_type=mime
    )
    attachment.size = len(data)
    attachment.file.save("lampiran.enc", ContentFile(encrypt_bytes(data)), save=False)
    try:
        attachment.save()
    except BaseException:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def add_missing_attachments(request: LetterRequest, files: dict) -> LetterRequest:
    """The resident sends what was asked for, from the status page."""
    locked = _locked(request, OPEN)
    wanted = list(locked.missing_attachments or [])
    sent = [slug for slug in wanted if files.get(slug)]
    if not sent:
        raise ValidationError(_("Unggah lampiran yang diminta."), code="attachment")
    for slug in sent:
        store_attachment(locked, slug, files[slug])
    locked.missing_attachments = [slug for slug in wanted if slug not in sent]
    locked.save(update_fields=["missing_attachments", "updated_at"])
    event(locked, EventKind.ATTACHMENT_ADDED, detail=",".join(sent))
    return locked


def _signer(locked, signer_name, signer_position):
    from .configuration import village_service

    service = village_service(locked.village)
    name = (signer_name or service.signer_name or "").strip()
    position = (signer_position or service.signer_position or "").strip()
    if not name or not position:
        raise ValidationError(_("Isi nama dan jabatan penanda tangan."), code="signer")
    return name, position


def approve(request: LetterRequest, user, *, signer_name="", signer_position="", today=None):
    """The village approves. Types the camat endorses wait for the kecamatan (their number
    is taken at the endorsement, so a request sent back leaves no gap); the others get
    their number and PDF now. Returns the letter, or None while it waits for the camat."""
    kind = get_type(request.letter_type)
    with transaction.atomic():
        locked = _locked(request, OPEN)
        if locked.missing_attachments:
            raise ValidationError(
                _("Lampiran yang diminta belum dikirim pemohon."), code="missing_attachment"
            )
        locked.signer_name, locked.signer_position = _signer(locked, signer_name, signer_position)
        locked.approved_at = timezone.now()
        locked.approved_by = _actor(user)
        fields = ["signer_name", "signer_position", "approved_at", "approved_by"]
        if kind is not None and kind.needs_camat:
            _set_status(locked, Status.AWAITING_CAMAT, user=user, fields=fields)
            _notify_staff(locked, locked.village.parent, [Role.DISTRICT_EDITOR])
            return None
        locked.save(update_fields=[*fields, "updated_at"])
        letter = issue_letter(locked, user=user, today=today)
        locked.refresh_from_db()
        event(locked, EventKind.STATUS, user=user, status=Status.READY)
        _notify(locked)
        return letter


def endorse(request: LetterRequest, user, *, name: str, position: str, today=None):
    """The camat (a district editor of the village's kecamatan) endorses: the letter takes
    its number and is rendered with the endorsement."""
    name, position = (name or "").strip(), (position or "").strip()
    if not name or not position:
        raise ValidationError(_("Isi nama dan jabatan camat."), code="endorser")
    with transaction.atomic():
        locked = _locked(request, (Status.AWAITING_CAMAT,))
        locked.endorsed_at = timezone.now()
        locked.endorsed_by = _actor(user)
        locked.endorser_name, locked.endorser_position = name, position
        locked.save(
            update_fields=[
                "endorsed_at",
                "endorsed_by",
                "endorser_name",
                "endorser_position",
                "updated_at",
            ]
        )
        letter = issue_letter(locked, user=user, today=today)
        locked.refresh_from_db()
        event(locked, EventKind.STATUS, user=user, status=Status.READY)
        _notify(locked)
        return letter


@transaction.atomic
def send_back(request: LetterRequest, user, reason: str) -> LetterRequest:
    """The kecamatan sends the request back to the village with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tuliskan alasan pengembalian."), code="reason")
    locked = _locked(request, (Status.AWAITING_CAMAT,))
    locked.approved_at = None
    locked.approved_by = None
    locked.status = Status.IN_PROGRESS
    locked.save(update_fields=["approved_at", "approved_by", "status", "updated_at"])
    event(locked, EventKind.RETURNED, user=user, status=Status.IN_PROGRESS, detail=reason)
    record(
        locked.village,
        Action.LETTER_RETURN,
        actor=_actor(user),
        label=f"{get_type(locked.letter_type).name} {locked.tracking_code}",
        data={"reason": reason[:500]},
    )
    return locked


@transaction.atomic
def reject(request: LetterRequest, user, reason: str) -> LetterRequest:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tuliskan alasan penolakan."), code="reason")
    locked = _locked(request, (*OPEN, Status.AWAITING_CAMAT))
    locked.rejection_reason = reason
    _set_status(locked, Status.REJECTED, user=user, note=reason, fields=["rejection_reason"])
    return locked


@transaction.atomic
def hand_over(request: LetterRequest, user) -> LetterRequest:
    """The resident has the letter: the request is done (and purged in due time)."""
    locked = _locked(request, (Status.READY,))
    _set_status(locked, Status.DONE, user=user)
    return locked


def public_timeline(request: LetterRequest):
    return request.events.filter(kind__in=RequestEvent.PUBLIC_KINDS).order_by("created_at", "pk")


def submitted(request: LetterRequest) -> None:
    event(request, EventKind.SUBMITTED, status=Status.SUBMITTED)
    _notify_staff(request, request.village, [Role.OPERATOR])


def admin_path(request: LetterRequest) -> str:
    return reverse("letters_request", args=[request.pk])
