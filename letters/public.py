"""The resident's side of the letter service, below ``/layanan/`` on the village's site.

- ``index``: the letters the village serves, what to bring and how long each takes.
- ``request_form``: one letter's form. A valid request is saved with its attachments in one
  transaction (nothing half-saved), then the browser is sent to the status page with the
  tracking code (post/redirect/get).
- ``status``: the request found by its tracking code: its type, status, timeline and the
  note for the resident, an upload for attachments the operators asked for, and ready-made
  WhatsApp links. Never the NIK, the name or any other personal field.

Every response here is private and uncached: forms carry CSRF tokens, the status belongs
to whoever holds the code. Rate limits (``home.ratelimit``): requests per client address and
per NIK (by its keyed hash), and status look-ups per client address.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from home.ratelimit import RateLimit, client_key
from villages.models import VillageIdentity
from villages.phone import whatsapp_url

from . import processing
from .configuration import served_types, serves
from .forms import MissingAttachmentsForm, RequestForm, StatusForm
from .letter_types import get_type
from .models import LetterRequest, Status
from .personal import keyed_hash

STEPS = (Status.SUBMITTED, Status.IN_PROGRESS, Status.READY, Status.DONE)


def mark_sensitive(request) -> None:
    """Every field posted here is personal: Django's error reports show none of them (what
    ``sensitive_post_parameters`` does, for views that are page routes)."""
    request.sensitive_post_parameters = "__ALL__"


def _private(response):
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    response["X-Robots-Tag"] = "noindex"
    return response


def request_limit(request, village) -> RateLimit:
    return RateLimit(
        f"letters:request:{village.pk}:{client_key(request)}",
        getattr(settings, "LETTER_REQUEST_RATE_LIMIT", 5),
        getattr(settings, "LETTER_REQUEST_RATE_WINDOW", 3600),
    )


def nik_limit(nik_hash: str) -> RateLimit:
    # Across the installation: one NIK cannot flood every village either.
    return RateLimit(
        f"letters:nik:{nik_hash[:32]}",
        getattr(settings, "LETTER_REQUEST_NIK_LIMIT", 3),
        getattr(settings, "LETTER_REQUEST_NIK_WINDOW", 86400),
    )


def lookup_limit(request) -> RateLimit:
    return RateLimit(
        f"letters:lookup:{client_key(request)}",
        getattr(settings, "LETTER_STATUS_LOOKUP_LIMIT", 30),
        getattr(settings, "LETTER_STATUS_LOOKUP_WINDOW", 3600),
    )


def _identity(request):
    site = request.site if hasattr(request, "site") else None
    from wagtail.models import Site

    site = site or Site.find_for_request(request)
    return VillageIdentity.for_site(site) if site else None


def index(page, request):
    village = page.region
    kinds = served_types(village)
    response = page.render(
        request,
        context_overrides={"kinds": kinds, "status_form": StatusForm(), "village": village},
    )
    return _private(response)


def _rendered_form(page, request, kind, form, *, rate_limited=False, status=200):
    response = page.render(
        request,
        template="letters/request_form.html",
        context_overrides={"kind": kind, "form": form, "rate_limited": rate_limited},
    )
    response.status_code = status
    return _private(response)


def request_form(page, request, letter_type: str):
    village = page.region
    kind = serves(village, letter_type)
    if kind is None:
        raise Http404
    if request.method not in ("GET", "HEAD", "POST"):
        raise Http404
    if request.method != "POST":
        return _rendered_form(page, request, kind, RequestForm(kind))
    mark_sensitive(request)
    form = RequestForm(kind, request.POST, request.FILES)
    limit = request_limit(request, village)
    if limit.exceeded():
        return _rendered_form(page, request, kind, form, rate_limited=True, status=429)
    if not form.is_valid():
        return _rendered_form(page, request, kind, form, status=400)
    if form.is_spam():
        # Bots get what looks like success and nothing is stored.
        return _private(HttpResponseRedirect(page.get_url(request) + "status/"))
    limit.consume()
    data = form.cleaned_data
    per_nik = nik_limit(keyed_hash(data["nik"]))
    if not per_nik.consume():
        return _rendered_form(page, request, kind, form, rate_limited=True, status=429)
    try:
        with transaction.atomic():
            letter_request = LetterRequest(
                village=village,
                letter_type=kind.slug,
                name=data["nama"],
                nik=data["nik"],
                family_card=data.get("no_kk", ""),
                birth_date=data.get("tanggal_lahir"),
                address=data.get("alamat", ""),
                email=data.get("email", ""),
                phone=data.get("phone", ""),
            )
            letter_request.answer_values = form.answers()
            letter_request.save()
            for slug, upload in form.attachments().items():
                processing.store_attachment(letter_request, slug, upload)
            processing.submitted(letter_request)
    except ValidationError as error:  # an attachment that fails when re-read
        form.add_error(None, error)
        return _rendered_form(page, request, kind, form, status=400)
    return _private(
        HttpResponseRedirect(
            f"{page.get_url(request)}status/?kode={letter_request.tracking_code}&baru=1"
        )
    )


def _whatsapp_links(request, page, letter_request):
    identity = _identity(request)
    office = whatsapp_url(identity.whatsapp) if identity and identity.whatsapp else ""
    kind = get_type(letter_request.letter_type)
    text = _("Permohonan %(kind)s, kode %(code)s") % {
        "kind": _(kind.name) if kind else letter_request.letter_type,
        "code": letter_request.tracking_code,
    }
    status_link = request.build_absolute_uri(
        f"{page.get_url(request)}status/?kode={letter_request.tracking_code}"
    )
    return {
        # Ask the village office about the request (the code, nothing personal).
        "office": f"{office}?text={quote(text)}" if office else "",
        # Keep the status link in one's own chat (or send it to a relative).
        "share": f"https://wa.me/?text={quote(text + ': ' + status_link)}",
    }


def status(page, request):
    village = page.region
    form = StatusForm(request.GET or None)
    context = {"status_form": form, "found": None, "not_found": False, "rate_limited": False}
    letter_request = None
    if form.is_bound and form.is_valid():
        letter_request = (
            LetterRequest.objects.filter(tracking_code=form.cleaned_data["kode"], village=village)
            .select_related("village")
            .first()
        )
        if letter_request is None:
            limit = lookup_limit(request)
            if not limit.consume():
                context["rate_limited"] = True
            else:
                context["not_found"] = True
    upload_form = None
    if letter_request is not None:
        kind = get_type(letter_request.letter_type)
        wanted = list(letter_request.missing_attachments or [])
        if request.method == "POST" and wanted:
            mark_sensitive(request)
            upload_form = MissingAttachmentsForm(kind, wanted, request.POST, request.FILES)
            if upload_form.is_valid():
                try:
                    processing.add_missing_attachments(letter_request, upload_form.cleaned_data)
                except ValidationError as error:
                    upload_form.add_error(None, error)
                else:
                    return _private(
                        HttpResponseRedirect(
                            f"{page.get_url(request)}status/?kode={letter_request.tracking_code}&terkirim=1"
                        )
                    )
        elif wanted:
            upload_form = MissingAttachmentsForm(kind, wanted)
        context.update(
            found=letter_request,
            kind=kind,
            timeline=list(processing.public_timeline(letter_request)),
            steps=_steps(letter_request.status),
            status_label=Status(letter_request.status).label,
            upload_form=upload_form,
            whatsapp=_whatsapp_links(request, page, letter_request),
            just_sent=request.GET.get("baru") == "1",
            attachments_sent=request.GET.get("terkirim") == "1",
            letter=getattr(letter_request, "letter", None)
            if letter_request.status in (Status.READY, Status.DONE)
            else None,
        )
    elif request.method == "POST":
        raise Http404
    response = page.render(request, template="letters/status_page.html", context_overrides=context)
    if context["not_found"] or context["rate_limited"]:
        response.status_code = 429 if context["rate_limited"] else 404
    if upload_form is not None and upload_form.is_bound and upload_form.errors:
        response.status_code = 400
    return _private(response)


def _steps(current: str) -> list[dict]:
    if current == Status.REJECTED:
        return [
            {"label": Status.SUBMITTED.label, "done": True},
            {"label": Status.REJECTED.label, "done": True, "current": True},
        ]
    order = list(STEPS)
    if current == Status.AWAITING_CAMAT:
        order.insert(2, Status.AWAITING_CAMAT)
    reached = order.index(current) if current in order else 0
    return [
        {"label": step.label, "done": i <= reached, "current": i == reached}
        for i, step in enumerate(order)
    ]
