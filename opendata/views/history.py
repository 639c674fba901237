"""The village data history: every release a user may see, and the figures of each version."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from villages import scope
from villages.models import Region
from villages.models.regions import Level
from villages.tenancy.ownership import visible

from .. import datasets, indices
from ..models import Release
from ..models.releases import BUDGET, POPULATION

PER_PAGE = 50


def visible_villages(user) -> QuerySet:
    """The villages whose history ``user`` may read (any role on them or above them)."""
    villages = Region.objects.filter(level=Level.VILLAGE)
    if user.is_superuser:
        return villages
    regions = scope.user_regions(user)
    return villages.filter(scope.region_code_q(regions)) if regions else villages.none()


def visible_releases(user) -> QuerySet:
    return visible(Release.objects.all(), user)


def can_view_history(user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(scope.user_regions(user)))


class HistoryView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "opendata/admin/history.html"
    page_title = _("Riwayat data desa")
    header_icon = "history"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_history(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        villages = list(visible_villages(user).order_by("code").only("pk", "code", "name"))
        releases = visible_releases(user).select_related("village", "created_by")
        chosen = {
            "desa": self.request.GET.get("desa", ""),
            "data": self.request.GET.get("data", ""),
            "periode": self.request.GET.get("periode", "").strip(),
        }
        if chosen["desa"]:
            releases = releases.filter(village__code=chosen["desa"])
        if chosen["data"]:
            releases = releases.filter(dataset=chosen["data"])
        if chosen["periode"]:
            releases = releases.filter(period=chosen["periode"])
        page = Paginator(releases.order_by("-created_at", "-pk"), PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        for release in page:
            release.dataset_label = datasets.dataset_label(release.dataset)
        context.update(
            villages=villages if len(villages) <= 500 else [],
            dataset_choices=[(s, datasets.dataset_label(s)) for s in datasets.dataset_slugs()],
            chosen=chosen,
            page_obj=page,
            releases=page.object_list,
        )
        return context


class ReleaseDetailView(WagtailAdminTemplateMixin, DetailView):
    """The figures of one version. Another region's release is a 404 (the tenancy guard, and
    the queryset below)."""

    model = Release
    template_name = "opendata/admin/release_detail.html"
    context_object_name = "release"
    header_icon = "history"

    def get_queryset(self):
        return visible_releases(self.request.user).select_related("village", "created_by")

    def get_page_title(self):
        return _("Versi data desa")

    def get_page_subtitle(self):
        release = self.object
        label = datasets.dataset_label(release.dataset)
        return f"{release.village.name} · {label} · {release.period} · v{release.version}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        release = self.object
        context["dataset_label"] = datasets.dataset_label(release.dataset)
        context["kind"] = release.dataset
        if release.dataset == POPULATION:
            context["population"] = release.population.select_related("category", "group").order_by(
                "category__order", "category__slug", "group__order", "group__pk", "hamlet"
            )
        elif release.dataset == BUDGET:
            context["budget_lines"] = release.budget_lines.select_related("account").order_by(
                "account__order", "description"
            )
        else:
            kind = indices.get_index(release.dataset)
            values = {v.dimension: v.value for v in release.index_values.all()}
            names = {d.slug: d.name for d in kind.dimensions} if kind else {}
            names[indices.SCORE] = _("Skor")
            order = kind.value_slugs if kind else sorted(values)
            context["index_values"] = [
                (names.get(slug, slug), values[slug]) for slug in order if slug in values
            ]
            band = kind.status(values.get(indices.SCORE)) if kind else None
            context["index_status"] = band.name if band else ""
        context["versions"] = (
            Release.objects.filter(
                village=release.village, dataset=release.dataset, period=release.period
            )
            .select_related("created_by")
            .order_by("-version")
        )
        return context
