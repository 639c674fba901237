"""Erasing the sender's personal data once a complaint has been closed long enough.

UU 27/2022 (Pelindungan Data Pribadi) asks that personal data be kept no longer than its
purpose needs: once answered or closed for ``COMPLAINT_RETENTION_DAYS``, a complaint keeps
its text, its answer and the masked name the public list shows; the name, email, phone
number and photo (the encrypted file itself) are erased.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import OPEN, Complaint


def purgeable(now: datetime.datetime | None = None, days: int | None = None):
    now = now or timezone.now()
    days = settings.COMPLAINT_RETENTION_DAYS if days is None else days
    return Complaint.objects.exclude(status__in=OPEN).filter(
        closed_at__lte=now - datetime.timedelta(days=days), purged_at__isnull=True
    )


@transaction.atomic
def purge(now: datetime.datetime | None = None, days: int | None = None) -> int:
    """Erase the personal fields and photos of every purgeable complaint; how many."""
    now = now or timezone.now()
    complaints = purgeable(now, days)
    photos = list(complaints.exclude(photo="").values_list("photo", flat=True))
    count = complaints.update(
        **dict.fromkeys(Complaint.PERSONAL_FIELDS, ""), photo="", photo_type="", purged_at=now
    )
    storage = Complaint._meta.get_field("photo").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in photos])
    return count
