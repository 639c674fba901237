"""News categories in the admin: each village's editors see and pick only their own."""

from django.http import Http404

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    InspectView,
    SnippetViewSet,
    UsageView,
)

from .models import NewsCategory, categories_for_user


class OwnCategoryMixin:
    """Another village's category answers 404, as if it did not exist."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not categories_for_user(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


class CategoryEditView(OwnCategoryMixin, EditView):
    pass


class CategoryDeleteView(OwnCategoryMixin, DeleteView):
    pass


class CategoryUsageView(OwnCategoryMixin, UsageView):
    pass


class CategoryHistoryView(OwnCategoryMixin, HistoryView):
    pass


class CategoryInspectView(OwnCategoryMixin, InspectView):
    pass


class OwnCategoriesChooserMixin:
    def get_object_list(self):
        return categories_for_user(self.request.user)


class CategoryChooseView(OwnCategoriesChooserMixin, ChooseView):
    pass


class CategoryChooseResultsView(OwnCategoriesChooserMixin, ChooseResultsView):
    pass


class CategoryChooserViewSet(SnippetChooserViewSet):
    choose_view_class = CategoryChooseView
    choose_results_view_class = CategoryChooseResultsView


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "slug", "region"]
    search_fields = ["name"]
    edit_view_class = CategoryEditView
    delete_view_class = CategoryDeleteView
    usage_view_class = CategoryUsageView
    history_view_class = CategoryHistoryView
    inspect_view_class = CategoryInspectView
    chooser_viewset_class = CategoryChooserViewSet

    def get_queryset(self, request):
        return categories_for_user(request.user).select_related("region")


register_snippet(NewsCategoryViewSet)
