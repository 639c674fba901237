from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Agenda dan pengumuman")

    def ready(self):
        from villages.sections import register_section

        from .sections import AGENDA, ANNOUNCEMENTS

        register_section(ANNOUNCEMENTS)
        register_section(AGENDA)
