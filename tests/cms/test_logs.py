"""Logs: each line of a request carries its id, host and village code; personal numbers are
masked; production writes JSON lines."""

import io
import json
import logging
import os
import subprocess
import sys

from django.conf import settings

import pytest

from cms.logs import JsonFormatter, RequestContextFilter, mask_personal_numbers

pytestmark = pytest.mark.django_db

NIK = "3523022001900001"


@pytest.fixture
def request_log():
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_every_response_carries_a_request_id(client, village_a):
    first = client.get("/", HTTP_HOST=village_a.host)["X-Request-ID"]
    second = client.get("/", HTTP_HOST=village_a.host)["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_the_proxys_request_id_is_kept_when_sane(client, village_a):
    response = client.get("/", HTTP_HOST=village_a.host, HTTP_X_REQUEST_ID="nginx-0f3a9c1d2e")
    assert response["X-Request-ID"] == "nginx-0f3a9c1d2e"
    response = client.get("/", HTTP_HOST=village_a.host, HTTP_X_REQUEST_ID="<script>\n")
    assert response["X-Request-ID"] != "<script>\n" and len(response["X-Request-ID"]) == 32


def test_a_logged_line_names_the_request_and_the_village(client, village_a, request_log):
    response = client.get(f"/surat/{NIK}/", HTTP_HOST=village_a.host)
    assert response.status_code == 404
    [line] = [line for line in request_log() if line["name"] == "django.request"]
    assert line["level"] == "WARNING"
    assert line["request_id"] == response["X-Request-ID"]
    assert line["host"] == village_a.site.hostname
    assert line["region"] == village_a.region.code
    assert NIK not in json.dumps(line)
    assert "/surat/[disamarkan]/" in line["message"]


def test_a_line_outside_a_request_has_no_request_fields(request_log):
    logging.getLogger("django.request").warning("tanpa permintaan")
    [line] = request_log()
    assert line["request_id"] is None and line["host"] is None


@pytest.mark.parametrize(
    "text",
    [NIK, "3523 0220 0190 0001".replace(" ", ""), "352302.200190.0001", "352302-200190-0001"],
)
def test_personal_numbers_are_masked_however_written(text):
    assert mask_personal_numbers(f"nik={text};") == "nik=[disamarkan];"


def test_shorter_or_longer_numbers_are_left_alone():
    assert mask_personal_numbers("id 123456789012345") == "id 123456789012345"
    assert mask_personal_numbers("x 12345678901234567") == "x 12345678901234567"


def test_production_settings_write_json_lines_with_masked_exceptions(tmp_path):
    script = (
        "import django, logging; django.setup()\n"
        "log = logging.getLogger('desa.test')\n"
        f"log.warning('surat untuk %s', '{NIK}')\n"
        "try:\n"
        f"    raise ValueError('NIK {NIK} tidak sah')\n"
        "except ValueError:\n"
        "    log.exception('gagal')\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "LOG_LEVEL": "INFO",
    }
    env.pop("LOG_FORMAT", None)
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    mine = [line for line in lines if line["name"] == "desa.test"]
    assert [line["message"] for line in mine] == ["surat untuk [disamarkan]", "gagal"]
    assert "ValueError: NIK [disamarkan] tidak sah" in mine[1]["exc_info"]
    assert NIK not in result.stderr
