from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """Residents' complaints and aspirations, answered by the village, published with consent."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "complaints"
    verbose_name = _("Pengaduan warga")

    def ready(self):
        from villages.sections import register_section
        from villages.tenancy import Owner, register

        from .models import Complaint
        from .sections import COMPLAINTS

        register_section(COMPLAINTS)
        register(Complaint, Owner.REGION, field="village", noun=_("pengaduan"))
