"""Configuration comes from the environment; production is locked down."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "DATABASE_ENGINE": settings.DATABASES["default"]["ENGINE"],
    "DATABASE_NAME": settings.DATABASES["default"]["NAME"],
    "CACHE_BACKEND": settings.CACHES["default"]["BACKEND"],
    "CACHE_LOCATION": settings.CACHES["default"].get("LOCATION"),
    "STORAGE": settings.STORAGES["default"]["BACKEND"],
    "SESSION_COOKIE_SECURE": getattr(settings, "SESSION_COOKIE_SECURE", False),
    "CSRF_COOKIE_SECURE": getattr(settings, "CSRF_COOKIE_SECURE", False),
    "SECURE_HSTS_SECONDS": getattr(settings, "SECURE_HSTS_SECONDS", 0),
    "SECURE_SSL_REDIRECT": getattr(settings, "SECURE_SSL_REDIRECT", False),
    "SECURE_CONTENT_TYPE_NOSNIFF": settings.SECURE_CONTENT_TYPE_NOSNIFF,
    "CORS_ALLOWED_ORIGINS": settings.CORS_ALLOWED_ORIGINS,
    "LANGUAGE_CODE": settings.LANGUAGE_CODE,
    "EMAIL": [settings.EMAIL_BACKEND, settings.OUTBOX_DELIVERY_BACKEND, settings.EMAIL_HOST,
              settings.EMAIL_PORT, settings.EMAIL_HOST_USER, settings.EMAIL_USE_TLS,
              settings.DEFAULT_FROM_EMAIL],
    "CELERY": [settings.CELERY_BROKER_URL, settings.CELERY_TASK_ALWAYS_EAGER],
    "CSP": getattr(settings, "CONTENT_SECURITY_POLICY", None),
    "CSP_REPORT_ONLY": getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None),
}, default=repr))
"""


def load_settings(module: str, **env) -> dict:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AWS_", "DATABASE_URL", "REDIS_URL", "CELERY_"))
    }
    clean.update({"DJANGO_SETTINGS_MODULE": module, **env})
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        return {"error": result.stderr}
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_a_secret_key():
    loaded = load_settings("cms.settings.production", SECRET_KEY="")
    assert "SECRET_KEY must be set" in loaded["error"]


def test_production_is_secure_by_default():
    loaded = load_settings("cms.settings.production", SECRET_KEY="x" * 50)
    assert loaded["DEBUG"] is False
    assert loaded["SESSION_COOKIE_SECURE"] is True
    assert loaded["CSRF_COOKIE_SECURE"] is True
    assert loaded["SECURE_HSTS_SECONDS"] >= 31536000
    assert loaded["SECURE_SSL_REDIRECT"] is True
    assert loaded["SECURE_CONTENT_TYPE_NOSNIFF"] is True


def test_configuration_comes_from_the_environment():
    loaded = load_settings(
        "cms.settings.production",
        SECRET_KEY="k" * 50,
        DATABASE_URL="postgres://desa:rahasia@db.internal:5432/desa",
        REDIS_URL="redis://cache.internal:6379/1",
        VILLAGES_BASE_DOMAIN="desa.tubankab.go.id",
        CORS_ALLOWED_ORIGINS="https://app.tubankab.go.id,https://data.tubankab.go.id",
    )
    assert loaded["SECRET_KEY"] == "k" * 50
    assert loaded["DATABASE_ENGINE"] == "django.db.backends.postgresql"
    assert loaded["DATABASE_NAME"] == "desa"
    assert loaded["CACHE_BACKEND"] == "django_redis.cache.RedisCache"
    assert loaded["CACHE_LOCATION"] == "redis://cache.internal:6379/1"
    # Every village is a subdomain of the base domain: Django's leading-dot wildcard.
    assert loaded["ALLOWED_HOSTS"] == ["desa.tubankab.go.id", ".desa.tubankab.go.id"]
    assert loaded["CORS_ALLOWED_ORIGINS"] == [
        "https://app.tubankab.go.id",
        "https://data.tubankab.go.id",
    ]


def test_embedded_defaults_need_no_services():
    loaded = load_settings("cms.settings.dev")
    assert loaded["DATABASE_ENGINE"] == "django.db.backends.sqlite3"
    assert loaded["CACHE_BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert loaded["STORAGE"] == "django.core.files.storage.FileSystemStorage"
    assert loaded["LANGUAGE_CODE"] == "id"


def test_bad_boolean_in_environment_is_a_clear_error():
    loaded = load_settings("cms.settings.dev", DEBUG="kadang")
    assert "DEBUG must be a boolean" in loaded["error"]


def test_production_enforces_the_content_security_policy_by_default():
    loaded = load_settings("cms.settings.production", SECRET_KEY="x" * 50)
    directives = loaded["CSP"]["DIRECTIVES"]
    assert loaded["CSP_REPORT_ONLY"] is None
    assert directives["script-src"] == ["'self'", "csp.constants.NONCE"]
    assert directives["object-src"] == ["'none'"]
    assert "report-uri" not in directives


def test_csp_can_be_tried_in_report_only_mode_with_a_report_address():
    loaded = load_settings(
        "cms.settings.production",
        SECRET_KEY="x" * 50,
        CSP_REPORT_ONLY="true",
        CSP_REPORT_URI="https://laporan.tubankab.go.id/csp",
    )
    assert loaded["CSP"] is None
    directives = loaded["CSP_REPORT_ONLY"]["DIRECTIVES"]
    assert directives["script-src"] == ["'self'", "csp.constants.NONCE"]
    assert directives["report-uri"] == ["https://laporan.tubankab.go.id/csp"]


def test_production_sends_security_headers(client, village_a, settings):
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_CONTENT_TYPE_NOSNIFF = True
    settings.SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
    response = client.get("/", HTTP_HOST=village_a.host, secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")


@pytest.fixture
def redis_cache():
    """A real Redis cache (CI and this machine run Redis on 127.0.0.1:6379)."""

    from django_redis.cache import RedisCache

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    cache = RedisCache(url, {"KEY_PREFIX": f"test-{os.getpid()}"})
    try:
        cache.get("ping")
    except Exception:
        # CI (and any run given REDIS_URL) must have Redis: there the error stands. A
        # newcomer's laptop without Redis skips this one test, saying why.
        if os.environ.get("CI") or os.environ.get("REDIS_URL"):
            raise
        pytest.skip(f"Redis not reachable at {url}")
    yield cache
    cache.delete("villages:site-root-index:version")


def test_site_index_invalidation_reaches_other_processes_through_redis(
    redis_cache, village_a, monkeypatch
):
    """Two processes (two indexes) share the version stamp in Redis; a site edit in one is seen
    by the other on its next request."""
    from villages import routing

    monkeypatch.setattr(routing, "cache", redis_cache)
    web_worker, admin_worker = routing.SiteRootIndex(), routing.SiteRootIndex()
    path = village_a.page.url_path
    assert web_worker.for_cache_object(None).most_specific(path)[0].root_url == (
        "http://kebonharjo.tuban.test"
    )
    from wagtail.models import Site

    Site.objects.filter(pk=village_a.site.pk).update(hostname="kebonharjo.desa.id")
    admin_worker.invalidate()
    assert web_worker.for_cache_object(None).most_specific(path)[0].root_url == (
        "http://kebonharjo.desa.id"
    )


def test_email_server_comes_from_the_environment():
    loaded = load_settings(
        "cms.settings.production",
        SECRET_KEY="rahasia-produksi",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="smtp.tubankab.go.id",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="portal",
        EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="Portal Desa Tuban <portal@tubankab.go.id>",
    )
    # Django hands every email to the queue; the worker delivers it over SMTP.
    assert loaded["EMAIL"] == [
        "outbox.backends.QueuedEmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.tubankab.go.id",
        587,
        "portal",
        True,
        "Portal Desa Tuban <portal@tubankab.go.id>",
    ]


def test_tasks_run_eagerly_without_a_broker_and_queue_with_one():
    # The demo and the tests: no broker, every task runs in the process that asks for it.
    assert load_settings("cms.settings.dev")["CELERY"] == ["memory://", True]
    loaded = load_settings(
        "cms.settings.production",
        SECRET_KEY="rahasia-produksi",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/1",
    )
    assert loaded["CELERY"] == ["redis://127.0.0.1:6379/1", False]
