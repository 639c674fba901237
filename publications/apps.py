from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publications"
    verbose_name = _("Dokumen publik")

    def ready(self):
        from villages.sections import register_section

        from .sections import DOCUMENTS

        register_section(DOCUMENTS)
