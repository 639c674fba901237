"""Health endpoints for supervisors and load balancers, answered before anything else.

``/healthz``: the process is alive. ``/readyz`` (and the older ``/_health/``): the database,
the cache and, when one is configured, the Celery broker answer.

They are answered by the first middleware of the stack, so a probe that asks by IP address
(not in ALLOWED_HOSTS), over plain HTTP behind the proxy (no SSL redirect), or for a host
that is no village still gets its answer, and no session, page cache or sign-in runs.
"""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

ALIVE_PATHS = frozenset({"/healthz"})
READY_PATHS = frozenset({"/readyz", "/_health/"})


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure is an unhealthy answer, not a 500
        return False
    return True


def _cache_answers() -> bool:
    try:
        token = secrets.token_hex(8)
        cache.set("_health", token, 10)
        return cache.get("_health") == token
    except Exception:
        return False


def broker_in_use() -> bool:
    """False in the demo and the tests: tasks run eagerly and no broker is asked."""
    return not settings.CELERY_TASK_ALWAYS_EAGER and not settings.CELERY_BROKER_URL.startswith(
        "memory://"
    )


def _broker_answers() -> bool:
    from kombu import Connection

    timeout = settings.HEALTH_BROKER_TIMEOUT_SECONDS
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=timeout) as broker:
            broker.ensure_connection(max_retries=1, timeout=timeout)
    except Exception:
        return False
    return True


def readiness() -> tuple[bool, dict[str, str]]:
    checks = {
        "database": "ok" if _database_answers() else "error",
        "cache": "ok" if _cache_answers() else "error",
    }
    if broker_in_use():
        checks["broker"] = "ok" if _broker_answers() else "error"
    return all(value == "ok" for value in checks.values()), checks


def alive_response() -> JsonResponse:
    response = JsonResponse({"status": "ok"})
    add_never_cache_headers(response)
    return response


def ready_response() -> JsonResponse:
    healthy, checks = readiness()
    response = JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """First in MIDDLEWARE: answers the health paths on any host, scheme and method."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path in ALIVE_PATHS:
            return alive_response()
        if path in READY_PATHS:
            return ready_response()
        return self.get_response(request)
