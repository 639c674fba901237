from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernmentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "government"
    verbose_name = _("Pemerintahan desa")

    def ready(self):
        from villages.sections import register_section

        from . import signals
        from .sections import GOVERNMENT

        register_section(GOVERNMENT)
        signals.connect()
