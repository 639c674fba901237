"""The purge of senders' personal data (UU 27/2022), and the demo complaints."""

from __future__ import annotations

import datetime
from io import StringIO

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

import pytest

from complaints.demo import populate
from complaints.models import Complaint, Status
from complaints.purge import purge
from letters.personal import encrypt_bytes

from .helpers import image_bytes, make

pytestmark = pytest.mark.django_db


def closed(tenant, days_ago: int, **fields) -> Complaint:
    complaint = make(tenant, phone="0812-3456-7890", **fields)
    complaint.photo.save("foto", ContentFile(encrypt_bytes(image_bytes("PNG"))), save=False)
    complaint.photo_type = "image/png"
    complaint.status = Status.ANSWERED
    complaint.closed_at = timezone.now() - datetime.timedelta(days=days_ago)
    complaint.save()
    return complaint


def test_purge_erases_the_sender_of_long_closed_complaints_only(
    village_a, settings, django_capture_on_commit_callbacks
):
    settings.COMPLAINT_RETENTION_DAYS = 90
    old = closed(village_a, 120)
    recent = closed(village_a, 10)
    waiting = make(village_a)
    storage = Complaint._meta.get_field("photo").storage
    old_photo = old.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        assert purge() == 1

    old.refresh_from_db()
    assert (old.name, old.email, old.phone, old.photo.name, old.photo_type) == ("", "", "", "", "")
    assert old.purged_at is not None
    assert old.masked_name == "B**i S*****o"  # what the public list shows stays
    assert old.message == "Saluran air tersumbat di RT 01."
    assert not storage.exists(old_photo)
    recent.refresh_from_db()
    waiting.refresh_from_db()
    assert recent.name == "Budi Santoso" and recent.photo
    assert waiting.name == "Budi Santoso"


def test_purge_command_dry_run_only_counts(village_a):
    closed(village_a, 400)
    out = StringIO()
    call_command("purge_complaints", "--dry-run", stdout=out)
    assert "1 pengaduan akan dihapus data pribadinya" in out.getvalue()
    assert Complaint.objects.get().name == "Budi Santoso"
    call_command("purge_complaints", stdout=out)
    assert Complaint.objects.get().name == ""


def test_demo_gives_published_answers_one_waiting_and_one_private(client, village_a):
    populate(village_a.page)
    populate(village_a.page)  # safe to run again
    complaints = Complaint.objects.filter(village=village_a.region)
    assert complaints.count() == 5
    assert complaints.filter(published=True, status=Status.ANSWERED).count() == 3
    assert complaints.filter(status=Status.RECEIVED).count() == 1
    assert complaints.filter(published=False, status=Status.ANSWERED).count() == 1

    text = client.get("/pengaduan/", HTTP_HOST=village_a.host).text
    assert "Lampu penerangan jalan" in text and "Dijawab dalam 30 jam" in text
    assert "S*i W*****i" in text and "Bambang" not in text
    assert "pos ronda" not in text and "Surat pengantar saya" not in text
