"""wagtail-localize's snippet API lists only the snippets the user may see.

Replaces ``wagtail_localize.views.snippets_api.SnippetViewSet.get_queryset`` (checked against
wagtail-localize 1.14.5 on Wagtail 8.0.1). Its listing and detail views
(``/admin/localize/api/snippets/<app>/<model>/[<pk>/]``) answer any admin user with every
object of the model, other villages' news categories included. wagtail-localize offers no
hook or setting for this queryset. The detail view is also refused by the admin object guard;
the listing has no id to guard, so the queryset is scoped here.
"""

from wagtail_localize.views import snippets_api

from ..tenancy import visible
from .base import Patch


def get_queryset(self):
    return visible(PATCH.call_original(self), self.request.user)


PATCH = Patch(snippets_api.SnippetViewSet, "get_queryset", get_queryset, "(self)")
