"""Snippet viewsets for tenant-owned models: listings and choosers show the user's own.

Per-object views need nothing here: the admin object guard (``guard``) refuses another
region's ids, and the model's ``TenantPermissionPolicy`` answers per object. What remains
are the lists — the index and the chooser — which Wagtail fills from the whole table.
A section registers its snippets with ``TenantSnippetViewSet`` and gets both.
"""

from __future__ import annotations

from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .ownership import visible


class _OwnObjectsMixin:
    def get_object_list(self):
        return visible(super().get_object_list(), self.request.user)


class TenantChooseView(_OwnObjectsMixin, ChooseView):
    pass


class TenantChooseResultsView(_OwnObjectsMixin, ChooseResultsView):
    pass


class TenantSnippetChooserViewSet(SnippetChooserViewSet):
    choose_view_class = TenantChooseView
    choose_results_view_class = TenantChooseResultsView


class TenantSnippetViewSet(SnippetViewSet):
    chooser_viewset_class = TenantSnippetChooserViewSet
    # Related fields the listing shows, loaded with the objects.
    list_select_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        objects = visible(self.model._default_manager.all(), request.user)
        return objects.select_related(*self.list_select_related)
