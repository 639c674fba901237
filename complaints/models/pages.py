"""The complaints page (/pengaduan/): the form, the published answers and the status page.

- ``/pengaduan/``: the form, and the answered complaints the senders allowed and an operator
  published (newest first, with how long the village took to answer);
- ``/pengaduan/terkirim/``: after sending (post/redirect/get), the tracking code, once;
- ``/pengaduan/status/``: the holder of a tracking code sees its status and the answer, even
  when it is not published; never the sender's name, contact details or photo.

Every response carries a form, so none is kept by a shared cache (``never_cache``). A honeypot
field and per-client rate limits (sending, looking up codes) keep bots out.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from villages.models import PlatformPage

PER_PAGE = 10
SENT_SESSION_KEY = "complaints:sent"


class ComplaintPage(RoutablePageMixin, PlatformPage):
    """A village's complaints and aspirations: send one, follow it, read the answers."""

    intro = models.TextField(_("pengantar"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*PlatformPage.search_fields, index.SearchField("intro")]
    # The complaints themselves are never in the API: only the page's own text.
    api_fields = [APIField("intro")]

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("halaman pengaduan")
        verbose_name_plural = _("halaman pengaduan")

    # -- helpers -------------------------------------------------------------------------------

    def village(self):
        from villages.models import VillageHomePage

        home = (
            VillageHomePage.objects.ancestor_of(self)
            .select_related("region")
            .only("region")
            .first()
        )
        return home.region if home is not None else None

    def _render(self, request, template, context, *, status=200):
        response = TemplateResponse(
            request, template, {**self.get_context(request), **context}, status=status
        )
        add_never_cache_headers(response)
        return response

    def _published(self, request, village):
        from ..services import duration_label, published_for_village

        items = published_for_village(village.pk if village else None)
        page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)
        for complaint in page.object_list:
            complaint.delay_label = duration_label(complaint.answer_delay)
        return page

    def _index(self, request, form, *, status=200, rate_limited=False):
        from ..services import rate_window

        response = self._render(
            request,
            "complaints/complaint_page.html",
            {
                "form": form,
                "rate_limited": rate_limited,
                "complaints": self._published(request, self.village()),
                "status_url": self.get_url(request) + self.reverse_subpage("status"),
            },
            status=status,
        )
        if rate_limited:
            response["Retry-After"] = str(rate_window())
        return response

    # -- routes --------------------------------------------------------------------------------

    @path("", name="index")
    def index(self, request):
        from ..forms import ComplaintForm
        from ..services import notify_operators, submit, submit_limit

        if request.method != "POST":
            return self._index(request, ComplaintForm())
        form = ComplaintForm(request.POST, request.FILES)
        limit = submit_limit(self, request)
        if limit.exceeded():
            return self._index(request, form, status=429, rate_limited=True)
        if not form.is_valid():
            return self._index(request, form)
        # Counted only for complete submissions, so a resident fixing typos is not locked out.
        if not limit.consume():
            return self._index(request, form, status=429, rate_limited=True)
        if form.is_spam():
            # The bot sees the usual confirmation, with a code that matches nothing.
            from letters.codes import tracking_code

            request.session[SENT_SESSION_KEY] = tracking_code()
        else:
            village = self.village()
            complaint = submit(
                village,
                form.cleaned_data,
                photo=form.cleaned_data.get("photo"),
                photo_type=form.photo_type,
            )
            notify_operators(complaint)
            request.session[SENT_SESSION_KEY] = complaint.tracking_code
        return HttpResponseRedirect(self.get_url(request) + self.reverse_subpage("sent"))

    @path("terkirim/", name="sent")
    def sent(self, request):
        # Shown once: on a shared computer the next visitor does not find the code.
        code = request.session.pop(SENT_SESSION_KEY, None)
        return self._render(
            request,
            "complaints/complaint_sent.html",
            {
                "tracking_code": code,
                "status_url": self.get_url(request) + self.reverse_subpage("status"),
            },
        )

    @path("status/", name="status")
    def status(self, request):
        from ..forms import TrackingForm
        from ..models import Complaint
        from ..services import lookup_limit, rate_window

        context = {"complaint": None, "searched": False, "rate_limited": False}
        if request.method != "POST":
            context["form"] = TrackingForm()
            return self._render(request, "complaints/complaint_status.html", context)
        form = TrackingForm(request.POST)
        context["form"] = form
        limit = lookup_limit(self, request)
        if not limit.consume():
            context["rate_limited"] = True
            response = self._render(
                request, "complaints/complaint_status.html", context, status=429
            )
            response["Retry-After"] = str(rate_window())
            return response
        if form.is_valid():
            context["searched"] = True
            village = self.village()
            context["complaint"] = (
                Complaint.objects.filter(village=village, tracking_code=form.cleaned_data["code"])
                .defer("name", "email", "phone")
                .first()
                if village is not None
                else None
            )
        return self._render(request, "complaints/complaint_status.html", context)
