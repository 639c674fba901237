"""Error reports (sentry-sdk): a real report sent over HTTP to a local collector carries the
error, the village host and the request id, and none of the personal data around it."""

import gzip
import http.server
import json
import secrets
import threading

import brotli
import pytest
import sentry_sdk

from cms.errors import init_sentry

pytestmark = pytest.mark.django_db

# Made at run time: the source lines Sentry sends as context cannot hold them.
NIK = "3523" + "".join(secrets.choice("0123456789") for _ in range(12))
EMAIL = f"warga.{secrets.token_hex(4)}@example.org"
SESSION = secrets.token_hex(16)
NAME = f"Siti {secrets.token_hex(4)}"


class _Collector(http.server.BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            body = brotli.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def collector():
    _Collector.received = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    init_sentry(
        f"http://publickey@127.0.0.1:{server.server_address[1]}/1",
        environment="test",
        release="test",
        traces_sample_rate=0,
    )
    yield _Collector.received
    sentry_sdk.init()  # no DSN: reporting off again for the rest of the run
    server.shutdown()
    server.server_close()


def _events(received):
    events = []
    for envelope in received:
        for line in envelope.split(b"\n"):
            if line.startswith(b"{"):
                item = json.loads(line)
                if "exception" in item:
                    events.append(item)
    return events


def test_a_crash_is_reported_without_personal_data(client, village_a, collector, monkeypatch):
    def broken(request):
        raise RuntimeError(f"permohonan NIK {NIK} dari {EMAIL} gagal")

    monkeypatch.setattr("villages.middleware.find_site_for_host", broken)
    client.raise_request_exception = False
    client.cookies["sessionid"] = SESSION
    response = client.post(
        f"/surat/ajukan/?nik={NIK}",
        {"nik": NIK, "nama": NAME, "email": EMAIL},
        HTTP_HOST=village_a.host,
        HTTP_X_REQUEST_ID="probe-req-000001",
    )
    assert response.status_code == 500
    sentry_sdk.flush(timeout=10)

    raw = b"".join(collector)
    [event] = _events(collector)
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["exception"]["values"][-1]["value"] == (
        "permohonan NIK [disamarkan] dari [disamarkan] gagal"
    )
    assert event["tags"]["request_id"] == "probe-req-000001" == response["X-Request-ID"]
    assert event["tags"]["host"] == village_a.host
    assert event["environment"] == "test"
    for secret in (NIK, EMAIL, NAME, SESSION):
        assert secret.encode() not in raw
    # No local variables of the failing frames: a view's locals hold the form data.
    frames = event["exception"]["values"][-1]["stacktrace"]["frames"]
    assert frames and not any("vars" in frame for frame in frames)
