from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = _("Cache halaman")

    def ready(self):
        from . import checks, invalidation  # noqa: F401  (registers the check)

        invalidation.connect_all()
