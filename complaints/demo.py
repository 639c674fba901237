"""Demo complaints for a village (deterministic, idempotent): three answered and published,
one waiting, one answered but kept private."""

from __future__ import annotations

import datetime

from django.utils import timezone

from .models import Category, Complaint, Kind, NameShown, Status

COMPLAINTS = [
    {
        "kind": Kind.COMPLAINT,
        "category": Category.INFRASTRUCTURE,
        "message": "Lampu penerangan jalan di Dusun Krajan RT 02 mati sejak dua minggu.",
        "name": "Sri Wahyuni",
        "answer": "Terima kasih. Lampu sudah diganti petugas desa pada hari Kamis.",
        "days_ago": 40,
        "hours_to_answer": 30,
        "published": NameShown.MASKED,
    },
    {
        "kind": Kind.ASPIRATION,
        "category": Category.SOCIAL,
        "message": "Mohon posyandu lansia diadakan juga pada hari Sabtu untuk warga yang bekerja.",
        "name": "Bambang Sutrisno",
        "answer": "Usulan diterima. Mulai bulan depan posyandu lansia juga buka Sabtu pagi.",
        "days_ago": 25,
        "hours_to_answer": 96,
        "published": NameShown.WITHHELD,
    },
    {
        "kind": Kind.COMPLAINT,
        "category": Category.ENVIRONMENT,
        "message": "Sampah menumpuk di dekat jembatan Dusun Wetan dan menyumbat saluran air.",
        "name": "Ahmad Fauzi",
        "answer": "Sudah dibersihkan bersama warga. Bak sampah baru dipasang di dekat jembatan.",
        "days_ago": 12,
        "hours_to_answer": 6,
        "published": NameShown.MASKED,
    },
    {
        "kind": Kind.COMPLAINT,
        "category": Category.PUBLIC_SERVICE,
        "message": "Surat pengantar saya belum selesai padahal sudah seminggu.",
        "name": "Siti Aminah",
        "answer": "",
        "days_ago": 9,
        "hours_to_answer": None,
        "published": None,
    },
    {
        "kind": Kind.COMPLAINT,
        "category": Category.SECURITY,
        "message": "Ada pemuda yang sering berkumpul larut malam di pos ronda dan berisik.",
        "name": "Warga RT 03",
        "answer": "Sudah kami sampaikan kepada ketua RT dan Linmas untuk ditindaklanjuti.",
        "days_ago": 5,
        "hours_to_answer": 20,
        "published": None,
    },
]


def populate(village_page) -> None:
    village = village_page.specific.region
    existing = set(Complaint.objects.filter(village=village).values_list("message", flat=True))
    now = timezone.now()
    for spec in COMPLAINTS:
        if spec["message"] in existing:
            continue
        created = now - datetime.timedelta(days=spec["days_ago"])
        complaint = Complaint.objects.create(
            village=village,
            kind=spec["kind"],
            category=spec["category"],
            message=spec["message"],
            name=spec["name"],
            may_publish=spec["published"] is not None,
        )
        fields = {"created_at": created}
        if spec["answer"]:
            answered = created + datetime.timedelta(hours=spec["hours_to_answer"])
            fields.update(
                answer=spec["answer"],
                answered_at=answered,
                closed_at=answered,
                status=Status.ANSWERED,
            )
            if spec["published"] is not None:
                fields.update(published=True, published_at=answered, name_shown=spec["published"])
        # created_at is set on insert (auto_now_add): dated afterwards, as if sent back then.
        Complaint.objects.filter(pk=complaint.pk).update(**fields)
