"""The purge: personal data of requests closed longer ago than the retention period is
erased, in the database row itself; open and recent requests are untouched."""

import datetime
import io

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

import pytest

from letters.models import LetterRequest, Status
from letters.purge import purge
from tests.letters.test_requests import NIK, make_request

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def closed(village, days_ago, status=Status.DONE):
    request = make_request(village)
    LetterRequest.objects.filter(pk=request.pk).update(
        status=status, closed_at=NOW - datetime.timedelta(days=days_ago)
    )
    return request


def raw_row(request) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM letters_letterrequest WHERE id = %s", [request.pk])
        columns = [c[0] for c in cursor.description]
        return dict(zip(columns, cursor.fetchone(), strict=True))


def test_old_closed_requests_lose_their_personal_data_and_keep_the_rest(village_a, settings):
    settings.LETTER_REQUEST_RETENTION_DAYS = 30
    old = closed(village_a, 31)
    rejected = closed(village_a, 45, status=Status.REJECTED)
    recent = closed(village_a, 10)
    still_open = make_request(village_a)

    assert purge(now=NOW) == 2
    for request in (old, rejected):
        row = raw_row(request)
        for field in (
            "name",
            "nik",
            "nik_hash",
            "family_card",
            "address",
            "email",
            "phone",
            "answers",
        ):
            assert row[field] == "", field
        assert row["birth_date"] is None
        assert row["masked_name"] == "S**i A****h"  # what verification still shows
        assert row["letter_type"] == "domisili" and row["purged_at"] is not None
    for request in (recent, still_open):
        assert LetterRequest.objects.get(pk=request.pk).nik == NIK
    assert purge(now=NOW) == 0  # nothing left to do the second time


def test_the_command_counts_on_dry_run_and_purges_otherwise(village_a):
    request = closed(village_a, 400)
    out = io.StringIO()
    call_command("purge_letter_requests", "--dry-run", stdout=out)
    assert "1 permohonan akan dihapus" in out.getvalue()
    assert LetterRequest.objects.get(pk=request.pk).nik == NIK
    out = io.StringIO()
    call_command("purge_letter_requests", stdout=out)
    assert "Data pribadi 1 permohonan dihapus" in out.getvalue()
    assert LetterRequest.objects.get(pk=request.pk).nik == ""
    call_command("purge_letter_requests", "--days", "0", stdout=io.StringIO())


def test_the_purge_deletes_attachments_and_history_notes(
    client, village_a, monkeypatch, tmp_path, django_capture_on_commit_callbacks, settings
):
    from letters.models import RequestAttachment, RequestEvent
    from letters.processing import reject
    from letters.storage import PrivateFileSystemStorage
    from tests.letters.service import submitted_request

    storage = PrivateFileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(RequestAttachment._meta.get_field("file"), "storage", storage)
    settings.LETTER_REQUEST_RETENTION_DAYS = 30
    item = submitted_request(client, village_a)
    files = [a.file.name for a in item.attachments.all()]
    assert files and all(storage.exists(name) for name in files)
    reject(item, None, "Siti Aminah bukan warga desa ini")
    LetterRequest.objects.filter(pk=item.pk).update(closed_at=NOW - datetime.timedelta(days=40))
    with django_capture_on_commit_callbacks(execute=True):
        assert purge(now=NOW) == 1
    assert not RequestAttachment.objects.filter(request=item).exists()
    assert not any(storage.exists(name) for name in files)
    notes = RequestEvent.objects.filter(request=item).values_list("public_note", flat=True)
    assert not any("Siti" in note for note in notes)
    assert "Siti" not in " ".join(str(v) for v in raw_row(item).values())
