"""Operations: the health endpoint says whether the database and the cache answer, and
public pages travel compressed."""

import gzip

from django.core.cache import cache
from django.db import OperationalError

import pytest

pytestmark = pytest.mark.django_db


def test_health_is_ok_on_any_host_and_never_cached(client):
    response = client.get("/_health/", HTTP_HOST="monitor.internal")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/readyz", "/_health/"])
def test_readiness_checks_the_database_and_the_cache(client, path, settings):
    settings.PAGE_CACHE_ENABLED = True
    for _ in range(2):  # never from the page cache either
        response = client.get(path, HTTP_HOST="monitor.internal")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
        assert "no-cache" in response["Cache-Control"]
        assert "X-Page-Cache" not in response


def test_liveness_asks_nothing_of_the_services(client, monkeypatch, village_a):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "set", broken)
    monkeypatch.setattr(cache, "get", broken)
    for host in ("monitor.internal", village_a.host):
        response = client.get("/healthz", HTTP_HOST=host)
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}
        assert "no-cache" in response["Cache-Control"]
    assert client.get("/readyz").status_code == 503


def test_health_says_which_service_failed(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/_health/")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}


def test_health_reports_a_database_that_does_not_answer(client, monkeypatch):
    class Refusing:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("cms.health.connection", Refusing())
    response = client.get("/_health/")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_public_pages_are_sent_compressed(client, village_a, regency):
    for host in (village_a.host, regency.host):
        plain = client.get("/", HTTP_HOST=host)
        packed = client.get("/", HTTP_HOST=host, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert packed["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in packed["Vary"]
        unpacked = gzip.decompress(packed.content)
        assert len(unpacked) == len(plain.content)
        # Django pads each compressed response with random bytes against BREACH: even a
        # small test page shrinks to well under two thirds.
        assert len(packed.content) < len(unpacked) * 0.6
