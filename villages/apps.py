from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    name = "villages"
    verbose_name = _("Wilayah dan desa")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import APIToken
        from wagtail.permissions import register_permission_policy

        from . import patches, signals  # noqa: F401
        from .tenancy import checks  # noqa: F401  (registers the system checks)
        from .tenancy.builtins import register_builtins
        from .tenancy.policies import OwnTokenPermissionPolicy

        patches.install()
        register_builtins()
        register_permission_policy(APIToken, OwnTokenPermissionPolicy(APIToken))
