from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Each region's history: who published, approved, changed settings or people."""

    name = "audit"
    verbose_name = _("Riwayat wilayah")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from villages.tenancy import Owner, register

        from . import signals  # noqa: F401
        from .models import RegionLogEntry

        register(RegionLogEntry, Owner.REGION, field="region", noun=_("riwayat"))
