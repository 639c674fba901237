from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "projects"
    verbose_name = _("Pembangunan desa")

    def ready(self):
        from villages.sections import register_section

        from .sections import PROJECTS

        register_section(PROJECTS)
