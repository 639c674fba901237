from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Konten desa")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from villages.sections import register_section

        from .sections import CONTACT, PROFILE

        register_section(PROFILE)
        register_section(CONTACT)
