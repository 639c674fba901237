"""The freshness dashboard: which villages of the user's districts or regency are alive.

A Wagtail report (sortable table, filter drawer, search, CSV export) over the rows of
``editorial.freshness``. Only district editors, regency admins and superusers reach it; the
rows are the villages below the user's own regions (a superuser picks one regency at a time).
Sorting, filtering and search happen on the computed rows, so the queries stay the same
whatever is asked.
"""

from __future__ import annotations

from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    NumberColumn,
    StatusTagColumn,
    Table,
    TitleColumn,
)
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import HeaderButton

import django_filters

from villages.models import Region

from .. import freshness
from ..freshness import Status

PAGE_SIZE = 100


class SiteColumn(Column):
    cell_template_name = "editorial/freshness/site_cell.html"


class LastPublishedColumn(Column):
    cell_template_name = "editorial/freshness/last_published_cell.html"


class OperatorsColumn(Column):
    cell_template_name = "editorial/freshness/operators_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["login_window_days"] = freshness.LOGIN_WINDOW_DAYS
        return context


class DataEnteredColumn(Column):
    """Whether this year's APBDes and this period's statistics were entered: one line each,
    "Ya" or "Belum" (the date in the cell's title and in the CSV). One column for both keeps
    the table within a laptop's width."""

    cell_template_name = "editorial/freshness/data_entered_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["budget_year"], (context["population_period"], _year) = freshness.data_periods()
        return context


class PublishedColumn(Column):
    """Pages published in the last 30 and 90 days, one line each: one column for both keeps
    the table within a laptop's width (the CSV has a column for each)."""

    cell_template_name = "editorial/freshness/published_cell.html"


class ReachColumn(Column):
    """The tag "Peninjau tanpa email" on a village with submissions nobody was emailed about."""

    cell_template_name = "editorial/freshness/reach_cell.html"


class HistoryColumn(Column):
    """A link to the village's history (audit), which the same people may read."""

    cell_template_name = "editorial/freshness/history_cell.html"

    def get_value(self, instance):
        return f"{reverse('audit_history')}?{urlencode({'wilayah': instance.code})}"


class LabelledCell:
    """A cell whose ``<td>`` names its column (``data-label``), for the phone's card layout."""

    def __init__(self, cell, label):
        self.cell, self.label = cell, label

    def render_html(self, parent_context):
        html = self.cell.render_html(parent_context)
        start = html.index("<td")
        end = html.index(">", start)  # the cell templates' attributes hold no ">"
        label = format_html(' data-label="{}"', self.label)
        return mark_safe(html[:end] + label + html[end:])  # noqa: S308 - escaped template output


class CardTable(Table):
    """Wagtail's listing table that becomes one card per row on a phone.

    The layout is ``villages/static/villages/admin/admin.css`` (``table-cards``). Wagtail's
    cell templates (title, status, date…) render their own ``<td>`` and take no attributes,
    so the column's label is added to the rendered cell here.
    """

    classname = "listing table-cards table-cards--dense"

    @property
    def rows(self):
        for index, instance in enumerate(self.data):
            yield CardTable.Row(self, instance, index)

    class Row(Table.Row):
        def __getitem__(self, key):
            column = self.columns[key]
            return LabelledCell(column.get_cell(self.instance), column.label)


def explorer_url(row) -> str | None:
    # Every row is a village below the user's own editor regions, where their page rights
    # reach: the explorer opens for them.
    return reverse("wagtailadmin_explore", args=[row.page_id]) if row.page_id else None


COLUMNS = [
    TitleColumn("name", label=_("Desa"), sort_key="name", get_url=explorer_url),
    Column("kind_label", label=_("Jenis"), sort_key="kind"),
    Column("district_name", label=_("Kecamatan"), sort_key="district"),
    SiteColumn("site_url", label=_("Situs"), sort_key="site"),
    LastPublishedColumn("last_published_at", label=_("Terakhir terbit"), sort_key="last_published"),
    PublishedColumn("published_30", label=_("Terbit"), sort_key="published"),
    NumberColumn("pending_moderation", label=_("Menunggu moderasi"), sort_key="pending"),
    NumberColumn("complaints_unanswered", label=_("Aduan terbuka"), sort_key="complaints"),
    OperatorsColumn("operators", label=_("Operator"), sort_key="operators"),
    StatusTagColumn(
        "status_label", label=_("Status"), sort_key="status", primary=lambda row: not row.inactive
    ),
    DataEnteredColumn("budget_entered_at", label=_("Data desa"), sort_key="data_entered"),
    ReachColumn("pending_unreached", label=_("Peringatan"), sort_key="unreached"),
    DateColumn("last_reminded_at", label=_("Pengingat terakhir"), sort_key="reminded"),
    HistoryColumn("history", label=_("Riwayat")),
]

# The CSV: the same rows, every figure in its own column, ISO dates on the village's clock.
CSV_HEADINGS = {
    "code": _("Kode"),
    "name": _("Desa"),
    "kind_label": _("Jenis"),
    "district_name": _("Kecamatan"),
    "regency_name": _("Kabupaten/kota"),
    "site_url": _("Situs"),
    "last_published_date": _("Terakhir terbit"),
    "published_30": _("Terbit 30 hari"),
    "published_90": _("Terbit 90 hari"),
    "pending_moderation": _("Menunggu moderasi"),
    "pending_unreached": _("Menunggu di peninjau tanpa email"),
    "complaints_unanswered": _("Pengaduan belum dijawab"),
    "operators": _("Operator aktif"),
    "operators_recent": _("Operator masuk 90 hari"),
    "status_label": _("Status"),
    "last_reminded_date": _("Pengingat terakhir"),
    "budget_entered_date": _("APBDes tahun ini diisi"),
    "population_entered_date": _("Statistik penduduk periode ini diisi"),
}


def _iso(value) -> str:
    return value.isoformat() if value else ""


class FreshnessFilterSet(WagtailFilterSet):
    """Regency (when the user oversees more than one, or is a superuser), district, status."""

    regency = django_filters.ChoiceFilter(label=_("Kabupaten/kota"))
    district = django_filters.ChoiceFilter(label=_("Kecamatan"), empty_label=_("Semua"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Status.CHOICES,
        empty_label=_("Semua"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Region
        fields = []

    def __init__(self, data=None, *, request, regencies, districts, regency_required):
        super().__init__(data, Region.objects.none(), request=request)
        if len(regencies) > 1 or regency_required:
            regency = self.filters["regency"]
            regency.extra["choices"] = [(r.code, r.name) for r in regencies]
            # A superuser always looks at one regency: no "all" choice.
            regency.extra["empty_label"] = None if regency_required else _("Semua")
        else:
            del self.filters["regency"]
        self.filters["district"].extra["choices"] = [(d.code, d.name) for d in districts]

    def value(self, name: str) -> str:
        """The valid value of a filter, '' when absent or not one of its choices."""
        self.is_valid()  # cleans the form; an invalid field is left out of cleaned_data
        return self.form.cleaned_data.get(name) or ""


class FreshnessDashboardView(ReportView):
    template_name = "editorial/freshness/index.html"
    results_template_name = "editorial/freshness/results.html"
    page_title = _("Keaktifan situs desa")
    header_icon = "time"
    index_url_name = "editorial_freshness"
    index_results_url_name = "editorial_freshness_results"
    columns = COLUMNS
    table_class = CardTable
    default_ordering = "name"
    paginate_by = PAGE_SIZE
    is_searchable = True
    filterset_class = FreshnessFilterSet
    FORMATS = (ReportView.FORMAT_CSV,)
    list_export = list(CSV_HEADINGS)
    export_headings = CSV_HEADINGS
    custom_field_preprocess = {
        "last_published_date": {ReportView.FORMAT_CSV: _iso},
        "last_reminded_date": {ReportView.FORMAT_CSV: _iso},
        "budget_entered_date": {ReportView.FORMAT_CSV: _iso},
        "population_entered_date": {ReportView.FORMAT_CSV: _iso},
    }

    @property
    def no_results_message(self):
        return _("Tidak ada desa yang cocok.")

    def dispatch(self, request, *args, **kwargs):
        # Not found rather than refused: the page does not exist for operators and others.
        if not freshness.can_view_dashboard(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    # -- scope ------------------------------------------------------------------------------

    @cached_property
    def regencies(self) -> list[Region]:
        return list(freshness.regencies_for_user(self.request.user))

    @cached_property
    def regency(self) -> Region | None:
        """The regency the rows are narrowed to (always one for superusers)."""
        code = self.request.GET.get("regency", "")
        chosen = next((r for r in self.regencies if r.code == code), None)
        if chosen is None and self.request.user.is_superuser and self.regencies:
            return self.regencies[0]
        return chosen

    @cached_property
    def regions(self) -> list[Region]:
        if self.request.user.is_superuser and self.regency is None:
            return []  # an installation without regencies yet
        return freshness.dashboard_regions(self.request.user, self.regency)

    @cached_property
    def all_rows(self) -> list[freshness.VillageFreshness]:
        return freshness.village_freshness(self.regions)

    def get_filterset_kwargs(self):
        return {
            **super().get_filterset_kwargs(),
            "regencies": self.regencies,
            "districts": list(freshness.districts_in(self.regions)),
            "regency_required": self.request.user.is_superuser,
        }

    # -- rows -------------------------------------------------------------------------------

    def get_queryset(self):
        rows = self.all_rows
        if self.filters:
            rows = freshness.filter_rows(
                rows,
                district=self.filters.value("district"),
                status=self.filters.value("status"),
                query=self.search_query,
            )
        else:
            rows = freshness.filter_rows(rows, query=self.search_query)
        return freshness.sort_rows(rows, self.ordering or self.default_ordering)

    def filter_queryset(self, queryset):
        return queryset  # done on the rows in get_queryset()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = self.object_list
        context["totals"] = {
            "villages": len(rows),
            "inactive": sum(row.inactive for row in rows),
            "pending": sum(row.pending_moderation for row in rows),
            "complaints": sum(row.complaints_unanswered for row in rows),
        }
        context["regency"] = self.regency
        context["policy_days"] = sorted({row.inactive_after_days for row in self.all_rows})
        context["login_window_days"] = freshness.LOGIN_WINDOW_DAYS
        return context

    # -- header and export -------------------------------------------------------------------

    def get_page_subtitle(self):
        return self.regency.name if self.regency is not None else ""

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(_("Unduh CSV"), url=self.csv_export_url, icon_name="download"),
        ]

    @cached_property
    def header_more_buttons(self):
        return []  # the CSV has its own button; Wagtail's menu would offer XLSX too

    def get_export_url(self, format):
        params = self.request.GET.copy()
        params.pop("p", None)  # the export holds every row, not one page of them
        params["export"] = format
        if self.regency is not None:
            params["regency"] = self.regency.code
        return reverse(self.index_url_name) + "?" + params.urlencode()

    def get_filename(self):
        today = timezone.localdate().isoformat()
        return f"keaktifan-desa-{self.regency.code if self.regency else 'semua'}-{today}"

    def stream_csv(self, queryset):
        # A byte-order mark first, or Excel reads the UTF-8 names as ANSI.
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response
