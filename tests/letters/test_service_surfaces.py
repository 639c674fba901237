"""Where a resident's data never appears: the site's search, the pages API (v2 and v3), the
logs at every level, the village history, and Django's error reports."""

from __future__ import annotations

import json
import logging

from django.test import RequestFactory
from django.views.debug import SafeExceptionReporterFilter

import pytest

from audit.models import RegionLogEntry
from letters.models import Letter, RequestAttachment
from letters.processing import approve
from letters.storage import PrivateFileSystemStorage
from tests import factories
from tests.letters.service import NIK, form_data, submitted_request

pytestmark = pytest.mark.django_db

SECRETS = (NIK, "Siti Aminah", "Krajan", "3523020101080007", "siti@contoh.test", "081234567890")


@pytest.fixture(autouse=True)
def private_media(monkeypatch, tmp_path):
    storage = PrivateFileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(Letter._meta.get_field("pdf"), "storage", storage)
    monkeypatch.setattr(RequestAttachment._meta.get_field("file"), "storage", storage)


def assert_no_secret(text: str, where: str):
    for secret in SECRETS:
        assert secret not in text, f"{secret} in {where}"


def test_search_api_history_and_logs_never_hold_personal_data(client, village_a, caplog):
    caplog.set_level(logging.DEBUG)
    item = submitted_request(client, village_a)
    operator = factories.operator_of(village_a)
    client.force_login(operator)
    client.get(f"/admin/layanan-surat/permohonan/{item.pk}/")
    approve(item, operator, signer_name="Suparno", signer_position="Kepala Desa")
    client.logout()
    for query in ("Siti", NIK, "Krajan"):
        response = client.get("/cari/", {"q": query}, HTTP_HOST=village_a.host)
        assert response.status_code == 200
        # The page repeats the query itself; nothing else of the request may be there.
        assert_no_secret(response.text.replace(query, ""), f"search for {query}")
        assert "/admin/layanan-surat/" not in response.text
    for url in (
        "/api/v2/pages/?fields=*&limit=100",
        "/api/v2/pages/?type=letters.LetterServicePage&fields=*",
        "/api/v3/pages/?limit=100",
    ):
        response = client.get(url, HTTP_HOST=village_a.host)
        assert response.status_code == 200, url
        assert_no_secret(response.text, url)
    listed = client.get(
        "/api/v2/pages/?type=letters.LetterServicePage&fields=intro", HTTP_HOST=village_a.host
    )
    assert json.loads(listed.text)["meta"]["total_count"] == 1
    history = " ".join(
        f"{e.object_label} {json.dumps(e.data)}"
        for e in RegionLogEntry.objects.filter(region=village_a.region)
    )
    assert "domisili" in history
    assert_no_secret(history, "the village history")
    assert_no_secret(caplog.text, "the logs")


def test_error_reports_hide_what_the_resident_posted(village_a, client):
    # What Django's error report (an email to ADMINS, a log handler) would show of the POST.
    from letters import public

    factory = RequestFactory()
    request = factory.post(
        "/layanan/domisili/", {k: v for k, v in form_data().items() if isinstance(v, str)}
    )
    public.mark_sensitive(request)
    shown = SafeExceptionReporterFilter().get_post_parameters(request)
    assert_no_secret(json.dumps(dict(shown)), "an error report")
