from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    name = "villages"
    verbose_name = _("Wilayah dan desa")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import Site

        from . import signals  # noqa: F401
        from .routing import all_site_root_paths, clear_site_root_paths_cache

        # Wagtail builds its list of site root paths with one query per site and every
        # caller scans it whole. Route the remaining callers (admin chooser, redirects) to
        # the index, which builds in two queries and is invalidated in the same places.
        Site.get_site_root_paths = staticmethod(all_site_root_paths)
        Site.clear_site_root_paths_cache = staticmethod(clear_site_root_paths_cache)
