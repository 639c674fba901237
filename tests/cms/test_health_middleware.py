"""The health answers come before host validation and the SSL redirect, and readiness asks
the Celery broker when one is configured (a real Redis, a closed port)."""

import pytest

pytestmark = pytest.mark.django_db

PRODUCTION_LIKE = {
    "ALLOWED_HOSTS": [".desa.test"],
    "SECURE_SSL_REDIRECT": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
}


@pytest.fixture
def production_like(settings):
    for name, value in PRODUCTION_LIKE.items():
        setattr(settings, name, value)
    return settings


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/_health/"])
def test_a_probe_by_ip_over_plain_http_gets_its_answer(client, production_like, path):
    response = client.get(path, HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]
    # Answered before the request id, the CSP, the session: nothing else ran.
    assert "X-Request-ID" not in response
    assert "sessionid" not in response.cookies


def test_the_same_request_for_a_page_is_refused_or_redirected(client, production_like):
    # What the health paths escape: an IP is no allowed host, plain HTTP is redirected.
    assert client.get("/", HTTP_HOST="10.0.0.5:8000").status_code == 400
    response = client.get("/", HTTP_HOST="kebon.desa.test")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_a_head_probe_is_answered_too(client, production_like):
    assert client.head("/healthz", HTTP_HOST="10.0.0.5").status_code == 200


def test_readiness_asks_a_configured_broker(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"}


def test_readiness_fails_when_the_broker_does_not_answer(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    settings.HEALTH_BROKER_TIMEOUT_SECONDS = 1
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "ok",
        "cache": "ok",
        "broker": "error",
    }
    # Liveness never asks it.
    assert client.get("/healthz").status_code == 200


def test_without_a_broker_readiness_does_not_name_one(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert "broker" not in client.get("/readyz").json()
