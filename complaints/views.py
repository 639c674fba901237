"""The admin's complaints: the village's queue, one complaint with its answer and actions,
its photo, and the district editors' list of overdue complaints.

Who sees what is decided by ``complaints.permissions`` (and, before any view runs, by the
tenancy's admin object guard: another region's complaint is a 404). To everyone else the
views do not exist (404, like the freshness dashboard): contributors, the editors above a
village (but for the overdue list) and other villages' operators learn nothing. Each list
costs a fixed number of queries per page.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView, View

from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .forms import AnswerForm, PublishForm
from .models import OPEN, Category, Complaint, Kind, NameShown, Status
from .permissions import (
    can_handle,
    can_view_overdue,
    handled_complaints,
    handled_villages,
    overseen_regions,
)

PER_PAGE = 50
OPEN_FILTER = "terbuka"


def _with_labels(complaints, now) -> list[Complaint]:
    complaints = list(complaints)
    for complaint in complaints:
        complaint.age_label = services.duration_label(complaint.age(now))
        complaint.delay_label = services.duration_label(complaint.answer_delay)
    return complaints


@method_decorator(never_cache, name="dispatch")
class QueueView(WagtailAdminTemplateMixin, TemplateView):
    """The complaints of the operator's villages: waiting ones first, the oldest on top."""

    template_name = "complaints/admin/queue.html"
    page_title = _("Pengaduan warga")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not can_handle(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        villages = list(handled_villages(user).order_by("code").only("pk", "code", "name")[:501])
        chosen = {
            "status": self.request.GET.get("status", OPEN_FILTER),
            "desa": self.request.GET.get("desa", ""),
        }
        complaints = handled_complaints(user).select_related("village")
        if chosen["status"] == OPEN_FILTER:
            complaints = complaints.filter(status__in=OPEN)
        elif chosen["status"] in Status.values:
            complaints = complaints.filter(status=chosen["status"])
        else:
            chosen["status"] = ""
        if chosen["desa"]:
            complaints = complaints.filter(village__code=chosen["desa"])
        waiting = Case(
            When(status__in=OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        complaints = complaints.defer(*services.PERSONAL_COLUMNS).order_by(
            waiting,
            Case(When(status__in=OPEN, then=F("created_at"))).asc(),
            "-created_at",
            "-pk",
        )
        page = Paginator(complaints, PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            villages=villages if 1 < len(villages) <= 500 else [],
            status_choices=[(OPEN_FILTER, _("Belum dijawab")), *Status.choices],
            chosen=chosen,
            page_obj=page,
            complaints=_with_labels(page.object_list, timezone.now()),
            overdue_days=services.overdue_days(),
        )
        return context


@method_decorator(never_cache, name="dispatch")
class DetailView(WagtailAdminTemplateMixin, TemplateView):
    """One complaint with its sender (for the operators only), its answer and its actions."""

    model = Complaint  # for the tenancy's admin object guard
    template_name = "complaints/admin/detail.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not can_handle(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def complaint(self) -> Complaint:
        complaint = (
            handled_complaints(self.request.user)
            .select_related("village", "answered_by")
            .filter(pk=self.kwargs["pk"])
            .first()
        )
        if complaint is None:
            raise Http404
        return complaint

    def get_page_title(self):
        return str(self.complaint)

    def get_page_subtitle(self):
        return self.complaint.village.display_name

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("complaints_queue"), "label": _("Pengaduan warga")},
            {"url": "", "label": str(self.complaint)},
        ]

    def get_context_data(self, answer_form=None, publish_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        complaint = self.complaint
        now = timezone.now()
        context.update(
            complaint=complaint,
            age_label=services.duration_label(complaint.age(now)),
            delay_label=services.duration_label(complaint.answer_delay),
            answer_form=answer_form or AnswerForm(initial={"answer": complaint.answer}),
            publish_form=publish_form or PublishForm(initial={"name_shown": complaint.name_shown}),
            photo_url=reverse("complaints_photo", args=[complaint.pk]) if complaint.photo else "",
            status_url=services.complaint_page_url(complaint.village),
            name_choices=NameShown,
        )
        return context

    def post(self, request, *args, **kwargs):
        complaint = self.complaint
        action = request.POST.get("action", "")
        user = request.user
        if action == "progress":
            services.mark_in_progress(complaint, user=user)
            messages.success(request, _("Pengaduan ditandai sedang diproses."))
        elif action == "answer":
            form = AnswerForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(answer_form=form))
            first = complaint.answered_at is None
            services.answer(
                complaint,
                form.cleaned_data["answer"],
                user=user,
                status_url=services.complaint_page_url(complaint.village),
            )
            if first and complaint.email:
                messages.success(request, _("Jawaban tersimpan. Pengirim diberi tahu lewat email."))
            else:
                messages.success(request, _("Jawaban tersimpan."))
        elif action == "publish":
            form = PublishForm(request.POST)
            if not complaint.can_be_published:
                messages.error(
                    request,
                    _(
                        "Pengaduan ini tidak dapat ditampilkan: pengirim tidak mengizinkannya, "
                        "atau belum dijawab."
                    ),
                )
            elif not form.is_valid():
                return self.render_to_response(self.get_context_data(publish_form=form))
            else:
                services.publish(complaint, user=user, name_shown=form.cleaned_data["name_shown"])
                messages.success(request, _("Pengaduan dan jawabannya tampil di situs desa."))
        elif action == "private":
            services.keep_private(complaint, user=user)
            messages.success(request, _("Pengaduan ini privat: tidak tampil di situs desa."))
        else:
            return HttpResponse(status=400)
        return HttpResponseRedirect(reverse("complaints_detail", args=[complaint.pk]))


@method_decorator(never_cache, name="dispatch")
class PhotoView(View):
    """The sender's photo, decrypted, for the village's operators only (never a media URL)."""

    model = Complaint  # for the tenancy's admin object guard

    def get(self, request, pk):
        if not can_handle(request.user):
            raise Http404
        complaint = handled_complaints(request.user).filter(pk=pk).first()
        if complaint is None or not complaint.photo:
            raise Http404
        response = HttpResponse(services.photo_bytes(complaint), content_type=complaint.photo_type)
        extension = complaint.photo_type.rpartition("/")[2]
        response["Content-Disposition"] = f'inline; filename="foto-pengaduan.{extension}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


@method_decorator(never_cache, name="dispatch")
class OverdueView(WagtailAdminTemplateMixin, TemplateView):
    """The complaints of the editor's villages waiting longer than the overdue days: what
    they are about and how long they wait, never who sent them."""

    template_name = "complaints/admin/overdue.html"
    page_title = _("Pengaduan terlambat dijawab")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_overdue(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        regions = overseen_regions(self.request.user)
        page = Paginator(services.overdue_in(regions, now), PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        context.update(
            page_obj=page,
            complaints=_with_labels(page.object_list, now),
            overdue_days=services.overdue_days(),
            kinds=Kind,
            categories=Category,
        )
        return context


class HomePanel(Component):
    """On the admin home page: the operator's complaints waiting for an answer (and how many
    of them are overdue), or the editor's overdue ones; one query."""

    name = "complaints"
    template_name = "complaints/admin/home_panel.html"
    order = 96

    def __init__(self, *, handles: bool, oversees: bool):
        self.handles = handles
        self.oversees = oversees

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        since = timezone.now() - datetime.timedelta(days=services.overdue_days())
        overdue = Q(created_at__lt=since)
        if self.handles:
            counts = (
                handled_complaints(user)
                .filter(status__in=OPEN)
                .aggregate(waiting=Count("pk"), overdue=Count("pk", filter=overdue))
            )
        else:
            counts = {
                "waiting": None,
                "overdue": services.overdue_in(overseen_regions(user)).count(),
            }
        context.update(counts, handles=self.handles, overdue_days=services.overdue_days())
        return context
