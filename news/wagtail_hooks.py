"""News categories in the admin: each village's editors see and pick only their own.

Scoping comes from the tenancy: the listing and chooser from ``TenantSnippetViewSet``, every
per-object view from the admin object guard, bulk actions from the category's permission
policy (registered in ``news.apps``).
"""

from wagtail.snippets.models import register_snippet

from villages.tenancy.viewsets import TenantSnippetViewSet

from .models import NewsCategory


class NewsCategoryViewSet(TenantSnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "slug", "region"]
    list_select_related = ("region",)
    search_fields = ["name"]


register_snippet(NewsCategoryViewSet)
