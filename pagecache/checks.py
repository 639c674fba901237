from django.conf import settings
from django.core import checks
from django.core.cache import caches


@checks.register(checks.Tags.caches, deploy=True)
def page_cache_shared(app_configs, **kwargs):
    """In production several server processes must share the stamps, or one process would
    keep serving a page another one saw change."""
    if not settings.PAGE_CACHE_ENABLED:
        return []
    backend = type(caches[settings.PAGE_CACHE_ALIAS]).__module__
    if backend.startswith("django.core.cache.backends.locmem"):
        return [
            checks.Warning(
                "The page cache is in process memory (LocMemCache).",
                hint="Set REDIS_URL for an installation with more than one server process.",
                id="pagecache.W001",
            )
        ]
    return []
