from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """The admin's Indonesian: our completion of Wagtail's catalogues, and the tools to keep it."""

    name = "translations"
    verbose_name = _("Terjemahan antarmuka")
