"""The reference deployment (deploy/) is valid as shipped: nginx accepts its configuration,
systemd its units, and gunicorn started with its config and the production settings serves
health probes by IP and refuses unknown hosts."""

import datetime
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def _tool(name):
    """The tool, or a skip outside CI (CI installs it: a missing one fails there)."""
    path = shutil.which(name) or (
        f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None
    )
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run installs it")
        pytest.skip(f"{name} is not installed")
    return path


def _self_signed(folder: Path, names: list[str]):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), False)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True)
    (folder / "fullchain.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "privkey.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def _nginx_t(tmp_path, site_conf: str):
    """``nginx -t`` on the shipped site with its paths pointed into tmp_path."""
    nginx = _tool("nginx")
    certs = tmp_path / "letsencrypt"
    _self_signed(certs / "desa.example.go.id", ["desa.example.go.id", "*.desa.example.go.id"])
    _self_signed(certs / "kebonharjo.desa.id", ["kebonharjo.desa.id"])
    (tmp_path / "logs").mkdir()
    common = (DEPLOY / "nginx" / "desa-common.conf").read_text()
    common = common.replace("/var/log/nginx", str(tmp_path / "logs"))
    (tmp_path / "desa-common.conf").write_text(common)
    site = (
        site_conf.replace("/etc/letsencrypt/live", str(certs))
        .replace("/srv/desa/deploy/nginx/desa-common.conf", str(tmp_path / "desa-common.conf"))
        .replace("/var/log/nginx", str(tmp_path / "logs"))
    )
    (tmp_path / "desa.conf").write_text(site)
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\n"
        f"error_log {tmp_path}/logs/error.log;\n"
        "events {}\n"
        f"http {{\n  access_log {tmp_path}/logs/access.log;\n  include {tmp_path}/desa.conf;\n}}\n"
    )
    return subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(main)],
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_nginx_accepts_the_shipped_site(tmp_path):
    result = _nginx_t(tmp_path, (DEPLOY / "nginx" / "desa.conf").read_text())
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr


def test_nginx_check_would_catch_a_broken_site(tmp_path):
    broken = (DEPLOY / "nginx" / "desa.conf").read_text().replace("proxy_pass", "proxy_pas", 1)
    broken = broken.replace("server_name _;", "server_name _; bogus_directive on;")
    result = _nginx_t(tmp_path, broken)
    assert result.returncode != 0 and "bogus_directive" in result.stderr


def test_the_site_covers_every_village_and_forwards_what_django_needs():
    site = (DEPLOY / "nginx" / "desa.conf").read_text()
    common = (DEPLOY / "nginx" / "desa-common.conf").read_text()
    assert "server_name desa.example.go.id *.desa.example.go.id;" in site
    for header in ("Host $host", "X-Forwarded-Proto $scheme", "X-Request-ID $desa_request_id"):
        assert f"proxy_set_header {header};" in common


UNITS = sorted(path.name for path in (DEPLOY / "systemd").iterdir())


def _units_into(folder):
    """The shipped units, pointed at this checkout (its .venv has gunicorn and celery)."""
    for name in UNITS:
        text = (DEPLOY / "systemd" / name).read_text()
        text = text.replace("/srv/desa", str(ROOT)).replace("=desa\n", "=root\n")
        (folder / name).write_text(text)


def test_every_service_and_the_timer_are_shipped():
    assert {"desa-web.service", "desa-worker.service", "desa-beat.service"} <= set(UNITS)
    assert {"desa-backup.service", "desa-backup.timer"} <= set(UNITS)


@pytest.mark.parametrize("unit", UNITS)
def test_systemd_accepts_the_units(tmp_path, unit):
    analyze = _tool("systemd-analyze")
    _units_into(tmp_path)
    result = subprocess.run(
        [analyze, "verify", "--man=no", str(tmp_path / unit)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_systemd_check_would_catch_a_broken_unit(tmp_path):
    analyze = _tool("systemd-analyze")
    text = (DEPLOY / "systemd" / "desa-web.service").read_text()
    text = text.replace("/srv/desa", str(ROOT)).replace("=desa\n", "=root\n")
    path = tmp_path / "desa-web.service"
    path.write_text(text.replace("bin/gunicorn ", "bin/gunicorn-missing "))
    result = subprocess.run(
        [analyze, "verify", "--man=no", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and "gunicorn-missing" in result.stderr


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url, host=None):
    request = urllib.request.Request(url, headers={"Host": host} if host else {})  # noqa: S310
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def gunicorn(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "s" * 50,
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "VILLAGES_BASE_DOMAIN": "desa.example.go.id",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
    }
    for name in ("REDIS_URL", "CELERY_BROKER_URL", "LOG_FORMAT", "ALLOWED_HOSTS"):
        env.pop(name, None)
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            str(DEPLOY / "gunicorn.conf.py"),
            "cms.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "gunicorn.log", "w"),  # noqa: SIM115 (closed with the process)
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail((tmp_path / "gunicorn.log").read_text())
            time.sleep(0.25)
    yield base, tmp_path / "gunicorn.log"
    process.terminate()
    process.wait(timeout=30)


def test_gunicorn_with_production_settings_answers_probes_and_refuses_strangers(gunicorn):
    base, log = gunicorn
    # A load balancer probes the server by its IP, over plain HTTP.
    status, headers, body = _get(f"{base}/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"}), log.read_text()
    status, headers, body = _get(f"{base}/readyz")
    assert status == 200, body
    assert headers["Cache-Control"].startswith("no-store") or "no-cache" in headers["Cache-Control"]
    # Any other path on a host that is no village: refused (ALLOWED_HOSTS), not served.
    status, _, _ = _get(f"{base}/")
    assert status == 400
    status, _, _ = _get(f"{base}/", host="evil.example.com")
    assert status == 400
    # A village host over plain HTTP is sent to HTTPS.
    status, headers, _ = _get(f"{base}/", host="kebonharjo.desa.example.go.id")
    assert status == 301
    assert headers["Location"] == "https://kebonharjo.desa.example.go.id/"
    # The application's log is JSON lines with the request id.
    lines = [line for line in log.read_text().splitlines() if line.startswith("{")]
    assert any('"request_id"' in line for line in lines), log.read_text()[-2000:]
