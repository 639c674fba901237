"""Listing filters offer only the people and sites of the user's own regions.

Replaces the ``queryset`` of these filters (checked against Wagtail 8.0.1):

- ``PageFilterSet`` (page explorer, page search, form pages, page-type usage): ``owner``,
  ``edited_by``, ``site``;
- ``LockedPagesReportFilterSet.locked_by`` and ``WorkflowReportFilterSet.requested_by``;

and ``SiteHistoryReportFilterSet.get_users_queryset``: Wagtail 8.0 defines
``get_user_choices()`` (the users of the log entries this user may view) but the base class
calls ``get_users_queryset()``, which lists every user of any page log.

Their choices would otherwise name every person who ever edited, locked or submitted a page
anywhere, and every site. These filter sets have no hook; what is shown is decided by
``villages.scope``.
"""

from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.views.reports.audit_logging import SiteHistoryReportFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet

from .. import scope
from .base import Patch


def _scoped_choices(filterset, name: str, restrict, signature: str) -> Patch:
    choice_filter = filterset.base_filters[name]

    def queryset(request):
        original = patch.original
        choices = original(request) if callable(original) else original.all()
        return restrict(choices, request.user)

    patch = Patch(
        choice_filter,
        "queryset",
        queryset,
        signature,
        label=f"{filterset.__module__}.{filterset.__name__}.base_filters[{name!r}].queryset",
    )
    return patch


def _site_history_users(self):
    return scope.filter_users(self.get_user_choices(), self.request.user)


PATCHES = [
    _scoped_choices(PageFilterSet, "owner", scope.filter_users, "(request)"),
    _scoped_choices(PageFilterSet, "edited_by", scope.filter_users, "(request)"),
    # Site.objects.all(): a queryset, not a function.
    _scoped_choices(PageFilterSet, "site", scope.filter_sites, ""),
    _scoped_choices(LockedPagesReportFilterSet, "locked_by", scope.filter_users, "(request)"),
    _scoped_choices(WorkflowReportFilterSet, "requested_by", scope.filter_users, "(request)"),
    Patch(SiteHistoryReportFilterSet, "get_users_queryset", _site_history_users, "(self)"),
]
