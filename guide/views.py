from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .sections import SECTIONS


class OperatorGuideView(WagtailAdminTemplateMixin, TemplateView):
    """The operator's guide, for everyone who may use the admin (it holds no one's data)."""

    template_name = "guide/operator_guide.html"
    page_title = gettext_lazy("Panduan operator")
    header_icon = "help"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "sections": SECTIONS}
