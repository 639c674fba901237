"""The "Riwayat desa" admin report: each region's history, for those who may read it."""

from __future__ import annotations

import datetime

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

import django_filters

from villages import scope
from villages.models.regions import Region
from villages.timezones import WIB

from . import services
from .models import Kind, RegionLogEntry

# The history is read in Western Indonesia Time, the regency offices' own.
HISTORY_TIMEZONE = WIB
TIME_FORMAT = "j M Y, H:i"
REGION_PARAM = "wilayah"


def history_url(region: Region) -> str:
    """The history of one region (and the regions below it), e.g. for the freshness
    dashboard."""
    return f"{reverse('audit_history')}?{urlencode({REGION_PARAM: region.code})}"


def history_time(value: datetime.datetime) -> str:
    """A history timestamp as the reader sees it: "2 Des 2026, 14:05 WIB"."""
    local = timezone.localtime(value, HISTORY_TIMEZONE)
    return f"{formats.date_format(local, TIME_FORMAT)} WIB"


class HistoryFilterSet(WagtailFilterSet):
    wilayah = django_filters.ChoiceFilter(
        label=_("Wilayah"), method="filter_region", empty_label=_("Semua wilayah")
    )
    jenis = django_filters.ChoiceFilter(
        label=_("Jenis tindakan"),
        choices=Kind.choices,
        method="filter_kind",
        empty_label=_("Semua tindakan"),
    )
    tanggal = django_filters.DateFromToRangeFilter(
        label=_("Tanggal"), method="filter_dates", widget=DateRangePickerWidget
    )

    class Meta:
        model = RegionLogEntry
        fields = []

    def __init__(self, *args, region: Region | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.filters["wilayah"].extra["choices"] = services.region_filter_choices(
            self.request.user, selected=region
        )

    def filter_region(self, queryset, name, value):
        # The view resolved (and scoped) the code before the filter runs.
        return services.filter_by_region(queryset, self.region) if self.region else queryset

    def filter_kind(self, queryset, name, value):
        return services.filter_by_kind(queryset, value)

    def filter_dates(self, queryset, name, value):
        # Whole days in Western Indonesia Time, whatever zone the admin runs in.
        if value.start is not None:
            start = datetime.datetime.combine(value.start.date(), datetime.time.min)
            queryset = queryset.filter(timestamp__gte=start.replace(tzinfo=HISTORY_TIMEZONE))
        if value.stop is not None:
            end = datetime.datetime.combine(value.stop.date(), datetime.time.min)
            end = end.replace(tzinfo=HISTORY_TIMEZONE) + datetime.timedelta(days=1)
            queryset = queryset.filter(timestamp__lt=end)
        return queryset


class ObjectColumn(TitleColumn):
    """The page title (a link to its editor when it still exists and the reader may edit
    it), or the setting or person the entry is about."""

    def __init__(self, editable_page_ids, **kwargs):
        super().__init__("object_label", label=_("Objek"), **kwargs)
        self.editable_page_ids = editable_page_ids

    def get_link_url(self, instance, parent_context):
        if instance.page_id is not None and instance.page_id in self.editable_page_ids():
            return reverse("wagtailadmin_pages:edit", args=[instance.page_id])
        return None


class HistoryView(ReportView):
    page_title = _("Riwayat desa")
    verbose_name = _("catatan riwayat")
    verbose_name_plural = _("catatan riwayat")
    header_icon = "history"
    index_url_name = "audit_history"
    index_results_url_name = "audit_history_results"
    filterset_class = HistoryFilterSet
    paginate_by = 50
    export_filename = "riwayat-desa"

    @property
    def no_results_message(self):
        # Wagtail builds this from the plural name in English ("There are no … to display").
        if self.is_searching or self.is_filtering:
            return _("Tidak ada catatan yang cocok dengan saringan ini.")
        return _("Belum ada catatan riwayat di wilayah Anda.")

    list_export = [
        "timestamp",
        "actor_display",
        "action_label",
        "object_label",
        "region.name",
        "region.code",
        "page_id",
    ]
    export_headings = {
        "timestamp": _("Waktu (WIB)"),
        "actor_display": _("Pelaku"),
        "action_label": _("Tindakan"),
        "object_label": _("Objek"),
        "region.name": _("Wilayah"),
        "region.code": _("Kode wilayah"),
        "page_id": _("ID halaman"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not services.can_read_history(request.user):
            # A page that says why, with a real 403 (Wagtail would turn PermissionDenied
            # into a redirect to the dashboard).
            return TemplateResponse(request, "audit/refused.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def region(self) -> Region | None:
        """The region asked for with ``?wilayah=<code>``; not found unless the user reads it
        (so a code outside their reach says nothing about that region)."""
        code = self.request.GET.get(REGION_PARAM)
        if not code:
            return None
        region = services.readable_regions(self.request.user).filter(code=code).first()
        if region is None:
            raise Http404
        return region

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "region": self.region}

    def get_queryset(self):
        return (
            services.entries_for_user(self.request.user)
            .select_related("region")
            .order_by("-timestamp", "-pk")
        )

    def filter_queryset(self, queryset):
        # Wagtail lists everything when a filter is invalid (a mistyped date); the history
        # shows the error and nothing, rather than entries the reader did not ask for.
        if self.filters and not self.filters.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)

    @cached_property
    def columns(self):
        return [
            Column("timestamp", label=_("Waktu"), accessor=lambda e: history_time(e.timestamp)),
            Column("actor_display", label=_("Pelaku")),
            Column("action_label", label=_("Tindakan")),
            ObjectColumn(lambda: self.editable_page_ids),
            Column("region", label=_("Wilayah"), accessor=lambda e: e.region.display_name),
        ]

    def get_table(self, object_list):
        # Evaluated once here: the object column needs the page ids of the listed entries.
        self.entries_on_page = list(object_list)
        return super().get_table(self.entries_on_page)

    @cached_property
    def editable_page_ids(self) -> set[int]:
        """Pages of the listed entries that still exist and the reader may edit."""
        ids = {e.page_id for e in self.entries_on_page if e.page_id is not None}
        if not ids:
            return set()
        user = self.request.user
        pages = page_permission_policy.instances_user_has_permission_for(user, "change")
        pages = scope.filter_pages(pages.filter(pk__in=ids), user)
        return set(pages.values_list("pk", flat=True))

    def get_page_subtitle(self):
        return self.region.display_name if self.region else ""

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate(timezone=HISTORY_TIMEZONE)}"

    def preprocess_field_value(self, field, value, export_format):
        # Cells that would run as formulas are neutralised for every admin export by
        # villages.patches.spreadsheet_formulas.
        if field == "timestamp":
            return timezone.localtime(value, HISTORY_TIMEZONE).strftime("%Y-%m-%d %H:%M:%S")
        return super().preprocess_field_value(field, value, export_format)
