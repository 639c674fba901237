"""Entry forms for a village's figures: population by category, APBDes, development indices.

``?desa=<code>&periode=<period>`` loads the current figures of that village and period into
the form; saving makes a new version through ``opendata.releases.publish``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from villages.tenancy.ownership import visible

from .. import datasets, indices
from ..forms import BudgetForm, IndexForm, PopulationForm
from ..models import Release, StatisticCategory
from ..models.releases import BUDGET, POPULATION, Source
from ..periods import parse_period
from ..permissions import writable_villages, writes_any_village
from ..releases import publish


def can_enter(user) -> bool:
    return writes_any_village(user)


class EntryView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "opendata/admin/entry.html"
    header_icon = "edit"

    def dispatch(self, request, *args, dataset, **kwargs):
        if not can_enter(request.user):
            raise PermissionDenied
        if dataset not in datasets.dataset_slugs():
            raise Http404
        self.dataset = dataset
        self.category = None
        self.categories = None
        if dataset == POPULATION:
            self.categories = visible(StatisticCategory.objects.all(), request.user).order_by(
                "order", "slug"
            )
            slug = request.GET.get("statistik") or request.POST.get("statistik")
            if slug:
                self.category = self.categories.filter(slug=slug).first()
                if self.category is None:
                    raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Isi %(dataset)s") % {"dataset": datasets.dataset_label(self.dataset)}

    def get_page_subtitle(self):
        return str(self.category.name) if self.category else ""

    def make_form(self, data=None, initial=None, release=None):
        kwargs = {"user": self.request.user, "initial": initial or {}}
        if self.dataset == POPULATION:
            form = PopulationForm(data, category=self.category, **kwargs)
            if data is None:
                form.initial.update(form.initial_from(release))
            return form
        if self.dataset == BUDGET:
            lines = BudgetForm.initial_lines(release) if data is None else None
            return BudgetForm(data, initial_lines=lines, **kwargs)
        kind = indices.get_index(self.dataset)
        form = IndexForm(data, kind=kind, **kwargs)
        if data is None:
            form.initial.update(form.initial_from(release))
        return form

    def _initial(self):
        """The village and period asked for in the querystring, with their current release."""
        villages = writable_villages(self.request.user)
        code = self.request.GET.get("desa", "")
        village = villages.filter(code=code).first() if code else None
        if village is None and villages.count() == 1:
            village = villages.first()
        initial = {"village": village.code if village else None}
        release = None
        period = self.request.GET.get("periode", "").strip()
        if period:
            initial["period"] = period
            try:
                parsed = parse_period(period, year_only=not datasets.by_semester(self.dataset))
            except ValidationError:
                parsed = None
            if village and parsed:
                release = Release.objects.filter(
                    village=village, dataset=self.dataset, period=str(parsed), is_current=True
                ).first()
        return initial, release

    def get(self, request, *args, **kwargs):
        form = None
        release = None
        if self.dataset != POPULATION or self.category:
            initial, release = self._initial()
            form = self.make_form(initial=initial, release=release)
        return self.render_to_response(self.get_context_data(form=form, current=release))

    def post(self, request, *args, **kwargs):
        if self.dataset == POPULATION and self.category is None:
            raise Http404
        form = self.make_form(request.POST)
        if not form.is_valid():
            messages.error(request, _("Data belum disimpan: perbaiki isian yang ditandai."))
            return self.render_to_response(self.get_context_data(form=form), status=200)
        release = publish(form.to_release(), source=Source.FORM, user=request.user)
        messages.success(
            request,
            _("%(dataset)s %(village)s %(period)s disimpan sebagai versi %(version)s.")
            % {
                "dataset": datasets.dataset_label(release.dataset),
                "village": release.village.name,
                "period": release.period,
                "version": release.version,
            },
        )
        return redirect(reverse("opendata_release", args=[release.pk]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            dataset=self.dataset,
            category=self.category,
            categories=self.categories,
            villages=writable_villages(self.request.user).order_by("code"),
        )
        return context


class EntryIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "opendata/admin/entry_index.html"
    page_title = gettext_lazy("Isi data desa")
    header_icon = "edit"

    def dispatch(self, request, *args, **kwargs):
        if not can_enter(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["choices"] = [
            (datasets.dataset_label(slug), reverse("opendata_entry", args=[slug]))
            for slug in datasets.dataset_slugs()
        ]
        return context
