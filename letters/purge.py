"""Erasing the personal data of letter requests once they have been closed long enough.

UU 27/2022 (Pelindungan Data Pribadi) asks that personal data be kept no longer than its
purpose needs. A closed request keeps only what the verification page shows: the letter
type, the dates, the status and the masked name; the NIK, its keyed hash, the family card
number, birth date, address, contact details, the answers, the attachments (rows and
encrypted files) and the notes of its history are erased
``LETTER_REQUEST_RETENTION_DAYS`` after the request closed.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import LetterRequest, RequestAttachment, RequestEvent
from .models.requests import CLOSED


def purgeable(now: datetime.datetime | None = None, days: int | None = None):
    now = now or timezone.now()
    days = settings.LETTER_REQUEST_RETENTION_DAYS if days is None else days
    return LetterRequest.objects.filter(
        status__in=CLOSED,
        closed_at__lte=now - datetime.timedelta(days=days),
        purged_at__isnull=True,
    )


def purge(now: datetime.datetime | None = None, days: int | None = None) -> int:
    """Erase the personal fields, attachments and notes of every purgeable request; how many
    were purged. The files are deleted once the database change has committed."""
    now = now or timezone.now()
    erased = dict.fromkeys(LetterRequest.PERSONAL_FIELDS, "")
    erased["birth_date"] = None
    erased["missing_attachments"] = []
    with transaction.atomic():
        requests = list(purgeable(now, days).select_for_update().values_list("pk", flat=True))
        attachments = RequestAttachment.objects.filter(request_id__in=requests)
        files = [(a.file.storage, a.file.name) for a in attachments]
        attachments.delete()
        RequestEvent.objects.filter(request_id__in=requests).update(public_note="", detail="")
        count = LetterRequest.objects.filter(pk__in=requests).update(**erased, purged_at=now)

    def delete_files():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return count
