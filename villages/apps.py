from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    name = "villages"
    verbose_name = _("Wilayah dan desa")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import restrictions, routing, signals  # noqa: F401

        routing.install()
        restrictions.install()
