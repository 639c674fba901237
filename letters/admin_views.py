"""The letter queue in the Wagtail admin: the list, one request, its actions and its files.

Who may open what is ``letters.permissions``; every opening of a request, an attachment or a
letter's PDF is written to the request's log (``processing.log_opening``). The list shows the
masked name only: the full personal data is on the request's own page, whose opening is
logged.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from villages.phone import whatsapp_url

from . import processing
from .configuration import village_service
from .issuing import letter_pdf, revoke
from .letter_types import get_type
from .models import EventKind, Letter, LetterRequest, RequestAttachment, Status
from .models.requests import OPEN
from .permissions import can_endorse, can_process, can_use_queue, requests_for
from .personal import decrypt_bytes

PER_PAGE = 50
FILTERS = {
    "terbuka": (*OPEN, Status.AWAITING_CAMAT),
    "camat": (Status.AWAITING_CAMAT,),
    "siap": (Status.READY,),
    "selesai": (Status.DONE,),
    "ditolak": (Status.REJECTED,),
}
FILTER_LABELS = {
    "terbuka": gettext_lazy("Perlu ditindaklanjuti"),
    "camat": gettext_lazy("Menunggu camat"),
    "siap": gettext_lazy("Siap diambil"),
    "selesai": gettext_lazy("Selesai"),
    "ditolak": gettext_lazy("Ditolak"),
    "semua": gettext_lazy("Semua"),
}


def _no_store(response):
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    return response


class QueueMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_use_queue(request.user):
            raise PermissionDenied
        return _no_store(super().dispatch(request, *args, **kwargs))


class QueueView(QueueMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "letters/admin/queue.html"
    page_title = gettext_lazy("Permohonan surat")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = self.request.GET.get("status", "terbuka")
        if chosen not in FILTER_LABELS:
            chosen = "terbuka"
        requests = requests_for(self.request.user).select_related("village")
        if chosen in FILTERS:
            requests = requests.filter(status__in=FILTERS[chosen])
        code = (self.request.GET.get("kode") or "").strip().upper()
        if code:
            requests = requests.filter(tracking_code__icontains=code[:14])
        ordering = ["created_at", "pk"] if chosen in ("terbuka", "camat") else ["-created_at"]
        page = Paginator(requests.order_by(*ordering), PER_PAGE).get_page(self.request.GET.get("p"))
        now = timezone.now()
        rows = []
        for item in page:
            kind = get_type(item.letter_type)
            rows.append(
                {
                    "request": item,
                    "kind_name": kind.name if kind else item.letter_type,
                    "status_label": Status(item.status).label,
                    "age_days": (now - item.created_at).days,
                }
            )
        context.update(
            rows=rows,
            page_obj=page,
            chosen=chosen,
            code=code,
            filters=list(FILTER_LABELS.items()),
        )
        return context


class SignerForm(forms.Form):
    signer_name = forms.CharField(label=gettext_lazy("Nama penanda tangan"), max_length=200)
    signer_position = forms.CharField(label=gettext_lazy("Jabatan"), max_length=200)


class EndorseForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nama camat"), max_length=200)
    position = forms.CharField(
        label=gettext_lazy("Jabatan"), max_length=200, initial=gettext_lazy("Camat")
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": gettext_lazy("tuliskan alasannya.")},
    )


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(label=gettext_lazy("Isian"))
    value = forms.CharField(label=gettext_lazy("Nilai yang benar"), max_length=1000)

    def __init__(self, kind, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (name, spec.label)
            for name in [f.name for f in kind.fields]
            if name != "nik"
            for spec in [kind.field(name)]
        ]
        choices += [("email", _("Email")), ("phone", _("Nomor WhatsApp"))]
        self.fields["field"].choices = choices
        self.kind = kind

    def clean(self):
        cleaned = super().clean()
        name, value = cleaned.get("field"), (cleaned.get("value") or "").strip()
        spec = self.kind.field(name) if name else None
        if spec is not None and spec.kind == "date" and value:
            try:
                cleaned["value"] = datetime.date.fromisoformat(value)
            except ValueError:
                self.add_error("value", _("Tulis tanggal sebagai TTTT-BB-HH, mis. 1990-01-31."))
        if spec is not None and spec.kind == "choice" and value not in spec.choices:
            self.add_error(
                "value",
                _("Pilihan yang boleh: %(choices)s.") % {"choices": ", ".join(spec.choices)},
            )
        return cleaned


class AttachmentRequestForm(forms.Form):
    slugs = forms.MultipleChoiceField(
        label=gettext_lazy("Lampiran yang diminta"), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=gettext_lazy("Pesan untuk pemohon"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, kind, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slugs"].choices = [(a.slug, a.label) for a in kind.attachments]


def _visible_request(user, pk) -> LetterRequest:
    return get_object_or_404(requests_for(user).select_related("village", "village__site"), pk=pk)


class RequestView(QueueMixin, WagtailAdminTemplateMixin, TemplateView):
    """One request with all its data (decrypted) for the people entitled to it."""

    model = LetterRequest  # the admin object guard checks ``pk`` against it
    template_name = "letters/admin/request.html"
    header_icon = "mail"

    def get_page_title(self):
        return _("Permohonan %(code)s") % {"code": self.object.tracking_code}

    def get(self, request, *args, **kwargs):
        self.object = _visible_request(request.user, kwargs["pk"])
        processing.log_opening(self.object, request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        kind = get_type(item.letter_type)
        user = self.request.user
        service = village_service(item.village)
        answers = item.answer_values
        own_fields = [
            (f.label, answers.get(f.name, ""))
            for f in kind.fields
            if f.name not in ("nama", "nik", "no_kk", "tanggal_lahir", "alamat")
        ]
        letter = Letter.objects.filter(request=item).select_related("number").first()
        processing_allowed = can_process(user, item)
        attachments = list(item.attachments.all())
        labels = {a.slug: a.label for a in kind.attachments}
        for attachment in attachments:
            attachment.label = labels.get(attachment.slug, attachment.slug)
        phone_link = ""
        if item.phone and processing_allowed:
            base = whatsapp_url(item.phone)
            if base:
                from urllib.parse import quote

                phone_link = f"{base}?text={quote(processing.status_message(item))}"
        context.update(
            item=item,
            kind=kind,
            status_label=Status(item.status).label,
            own_fields=own_fields,
            attachments=attachments,
            missing=[labels.get(s, s) for s in item.missing_attachments or []],
            events=list(item.events.select_related("actor").order_by("-created_at", "-pk")[:100]),
            letter=letter,
            letter_validity=letter.validity() if letter else "",
            can_process=processing_allowed,
            can_endorse=can_endorse(user, item),
            is_open=item.status in OPEN,
            signer_form=SignerForm(
                initial={
                    "signer_name": service.signer_name,
                    "signer_position": service.signer_position,
                }
            ),
            endorse_form=EndorseForm(
                initial={"name": user.get_full_name(), "position": _("Camat")}
            ),
            reason_form=ReasonForm(),
            correction_form=CorrectionForm(kind),
            attachment_form=AttachmentRequestForm(kind),
            whatsapp_link=phone_link,
        )
        return context


ACTIONS = {
    "proses",
    "koreksi",
    "minta-lampiran",
    "setujui",
    "tolak",
    "serahkan",
    "cabut",
    "setujui-camat",
    "kembalikan",
}


class ActionView(QueueMixin, View):
    model = LetterRequest
    http_method_names = ["post"]

    def post(self, request, pk, step):
        action = step
        request.sensitive_post_parameters = "__ALL__"  # corrections carry personal data
        if action not in ACTIONS:
            raise Http404
        item = _visible_request(request.user, pk)
        user = request.user
        kind = get_type(item.letter_type)
        target = reverse("letters_request", args=[item.pk])
        camat_action = action in ("setujui-camat", "kembalikan")
        if camat_action and not can_endorse(user, item):
            raise PermissionDenied
        if not camat_action and not can_process(user, item):
            raise PermissionDenied
        try:
            done = self._act(action, item, user, kind, request.POST)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return HttpResponseRedirect(target)

    def _form(self, form):
        if not form.is_valid():
            raise ValidationError(
                [
                    f"{form.fields[n].label}: {e}" if n in form.fields else str(e)
                    for n, errors in form.errors.items()
                    for e in errors
                ]
            )
        return form.cleaned_data

    def _act(self, action, item, user, kind, data) -> str:
        if action == "proses":
            processing.start(item, user)
            return _("Permohonan sedang diproses.")
        if action == "koreksi":
            cleaned = self._form(CorrectionForm(kind, data))
            processing.correct(item, user, cleaned["field"], cleaned["value"])
            return _("Isian sudah dikoreksi.")
        if action == "minta-lampiran":
            cleaned = self._form(AttachmentRequestForm(kind, data))
            processing.ask_for_attachment(item, user, cleaned["slugs"], cleaned["note"])
            return _("Pemohon diminta melengkapi lampiran.")
        if action == "setujui":
            cleaned = self._form(SignerForm(data))
            letter = processing.approve(
                item,
                user,
                signer_name=cleaned["signer_name"],
                signer_position=cleaned["signer_position"],
            )
            if letter is None:
                return _("Permohonan disetujui desa dan diteruskan ke camat.")
            return _("Surat %(number)s sudah terbit.") % {"number": letter.number.formatted}
        if action == "tolak":
            processing.reject(item, user, self._form(ReasonForm(data))["reason"])
            return _("Permohonan ditolak.")
        if action == "serahkan":
            processing.hand_over(item, user)
            return _("Surat sudah diserahkan; permohonan selesai.")
        if action == "cabut":
            letter = Letter.objects.filter(request=item).first()
            if letter is None:
                raise ValidationError(_("Belum ada surat untuk permohonan ini."))
            revoke(letter, user=user, reason=self._form(ReasonForm(data))["reason"])
            return _("Surat sudah dicabut. Halaman verifikasinya kini menyatakan dicabut.")
        if action == "setujui-camat":
            cleaned = self._form(EndorseForm(data))
            letter = processing.endorse(
                item, user, name=cleaned["name"], position=cleaned["position"]
            )
            return _("Disetujui camat. Surat %(number)s sudah terbit.") % {
                "number": letter.number.formatted
            }
        processing.send_back(item, user, self._form(ReasonForm(data))["reason"])
        return _("Permohonan dikembalikan ke desa.")


def _file_response(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return _no_store(response)


class AttachmentView(QueueMixin, View):
    model = RequestAttachment
    http_method_names = ["get"]

    def get(self, request, pk):
        attachment = get_object_or_404(
            RequestAttachment.objects.filter(request__in=requests_for(request.user)), pk=pk
        )
        with attachment.file.open("rb") as handle:
            data = decrypt_bytes(handle.read())
        processing.log_opening(attachment.request, request.user, what=attachment.slug)
        extension = "pdf" if attachment.content_type == "application/pdf" else "img"
        return _file_response(data, attachment.content_type, f"lampiran.{extension}")


class LetterPdfView(QueueMixin, View):
    model = Letter
    http_method_names = ["get"]

    def get(self, request, pk):
        letter = get_object_or_404(
            Letter.objects.filter(request__in=requests_for(request.user)).select_related("number"),
            pk=pk,
        )
        data = letter_pdf(letter)
        processing.log_opening(letter.request, request.user, what=EventKind.FILE_OPENED.label)
        safe = letter.number.formatted.replace("/", "-")
        return _file_response(data, "application/pdf", f"surat-{safe}.pdf")


class QueuePanel(Component):
    """On the admin home page: how many requests wait for this user, linking to the queue.
    Two counts in one query."""

    name = "letters"
    template_name = "letters/admin/home_panel.html"
    order = 95

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        counts = requests_for(user).aggregate(
            open=Count("pk", filter=Q(status__in=OPEN)),
            camat=Count("pk", filter=Q(status=Status.AWAITING_CAMAT)),
        )
        context.update(counts)
        return context
