"""wagtail-localize's translations report lists only the user's own pages' translations.

Replaces ``wagtail_localize.views.report.TranslationsReportView.get_queryset`` (checked
against wagtail-localize 1.14.5 on Wagtail 8.0.1). It lists every translation of the
installation to any editor, and leaves them unordered, which makes its pagination unstable.
wagtail-localize has no hook for it.
"""

from wagtail.models import Page
from wagtail_localize.views.report import TranslationsReportView

from .. import scope
from .base import Patch


def get_queryset(self):
    translations = PATCH.call_original(self).order_by("-created_at", "-pk")
    if self.request.user.is_superuser:
        return translations
    pages = scope.filter_pages(Page.objects.all(), self.request.user)
    return translations.filter(source__object__translation_key__in=pages.values("translation_key"))


PATCH = Patch(TranslationsReportView, "get_queryset", get_queryset, "(self)")
