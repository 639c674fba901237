from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "outbox"
    verbose_name = _("Email keluar")

    def ready(self):
        from villages.tenancy import Owner, register

        from .models import OutboundEmail

        register(OutboundEmail, Owner.REGION, field="region", noun=_("email"))
