from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editorial side: moderation policy and notices, site freshness, onboarding."""

    name = "editorial"
    verbose_name = _("Redaksi")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from villages.tenancy import Owner, register

        from . import notifications
        from .models import RegencyPolicy, ReminderLog

        notifications.connect()
        register(RegencyPolicy, Owner.REGION, field="region", noun=_("kebijakan kabupaten"))
        register(ReminderLog, Owner.REGION, field="region", noun=_("catatan pengingat"))
