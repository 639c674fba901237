"""The "Email keluar" admin page: the regency admin sees that mail flows, and sends a failed
email again. Addresses are masked and bodies are never shown (they may hold a resident's
details or a sign-in link)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from villages import scope
from villages.models.regions import Role

from . import services
from .models import OutboundEmail, Status

PER_PAGE = 50
# Who watches the mail of a region: the regency's admins (and superusers, for everything).
WATCHER_ROLES = [Role.REGENCY_ADMIN]


def can_watch(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or bool(scope.user_regions(user, WATCHER_ROLES))


def watched_emails(user) -> QuerySet:
    emails = OutboundEmail.objects.all()
    if user.is_superuser:
        return emails
    regions = scope.user_regions(user, WATCHER_ROLES)
    return emails.filter(scope.region_code_q(regions, "region__code"))


@method_decorator(never_cache, name="dispatch")
class OutboxView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "outbox/admin/list.html"
    page_title = gettext_lazy("Email keluar")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not can_watch(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        emails = watched_emails(self.request.user)
        counts = dict(emails.values_list("status").annotate(n=Count("pk")).order_by())
        status = self.request.GET.get("status", "")
        if status not in Status.values:
            status = ""
        listed = emails.filter(status=status) if status else emails
        page = Paginator(listed.select_related("region").order_by("-created_at", "-pk"), PER_PAGE)
        context.update(
            emails=page.get_page(self.request.GET.get("p")),
            status=status,
            statuses=[(value, label, counts.get(value, 0)) for value, label in Status.choices],
            total=sum(counts.values()),
        )
        return context


class SendAgainView(View):
    model = OutboundEmail  # for the tenancy's admin object guard

    def post(self, request, pk):
        if not can_watch(request.user):
            raise Http404
        email = watched_emails(request.user).filter(pk=pk).first()
        if email is None:
            raise Http404
        if services.send_again(email):
            messages.success(request, _("Email dimasukkan lagi ke antrean pengiriman."))
        else:
            messages.error(request, _("Hanya email yang gagal yang dapat dikirim ulang."))
        return HttpResponseRedirect(f"{reverse('outbox_list')}?status={Status.FAILED}")


class FailedPanel(Component):
    """On the admin home page of a regency admin: the emails of their regency that could not
    be delivered, when there are any (one query)."""

    name = "outbox"
    template_name = "outbox/admin/home_panel.html"
    order = 97

    def __init__(self, failed: int):
        self.failed = failed

    def get_context_data(self, parent_context):
        return {"failed": self.failed}


def failed_panel(user) -> FailedPanel | None:
    if not can_watch(user):
        return None
    failed = watched_emails(user).filter(status=Status.FAILED).count()
    return FailedPanel(failed) if failed else None
