from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People and access: roles in the admin, invitations, passwords, login throttling."""

    name = "accounts"
    verbose_name = _("Akun dan peran")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects the receivers that audit lockouts and clear them on a new password.
        from . import throttling  # noqa: F401
