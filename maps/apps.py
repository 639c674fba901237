from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "maps"
    verbose_name = _("Peta desa")

    def ready(self):
        from villages.sections import register_section

        from .sections import MAP

        register_section(MAP)
