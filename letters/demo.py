"""Demo letter requests for the example villages: one in every state, made through the same
steps an operator takes (``letters.processing``), so the queue, the status page, the PDF and
the verification page all have something true to show. Every other village serves the
regency's default set with no row written. Safe to run again: a village that has requests
is left alone.

The residents are invented; their NIKs are well-formed for the village's kecamatan and
belong to nobody (serial numbers from 9001).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from villages.management.commands.setup_demo import example_villages

from . import processing
from .models import LetterRequest, VillageLetterService

SIGNERS = ["H. Suparno, S.Pd.", "Sutrisno", "Hj. Siti Mardiyah"]

# (letter type, name, sex, birth date, the type's own answers, what happens to it)
REQUESTS = [
    (
        "domisili",
        "Budi Santoso",
        "L",
        "1988-03-14",
        {"lama_tinggal": "2010", "keperluan": "Melamar pekerjaan"},
        "submitted",
    ),
    (
        "usaha",
        "Sri Wahyuni",
        "P",
        "1979-11-02",
        {
            "nama_usaha": "Warung Bu Sri",
            "jenis_usaha": "Warung makan",
            "alamat_usaha": "Dusun Krajan RT 01",
            "mulai_usaha": "2015",
        },
        "attachment",
    ),
    (
        "tidak-mampu",
        "Slamet Riyadi",
        "L",
        "1965-07-21",
        {
            "keperluan": "Keringanan biaya sekolah anak",
            "pekerjaan": "Buruh tani",
            "penghasilan": "Rp900.000 per bulan",
        },
        "camat",
    ),
    (
        "pengantar-skck",
        "Dwi Prasetyo",
        "L",
        "2001-05-09",
        {"keperluan": "Melamar kerja", "pekerjaan": "Belum bekerja"},
        "ready",
    ),
    ("belum-menikah", "Rina Kartika", "P", "1999-12-30", {"keperluan": "Pendaftaran CPNS"}, "done"),
    (
        "pengantar",
        "Agus Salim",
        "L",
        "1990-08-17",
        {"tujuan": "Bank BRI", "keperluan": "Pengajuan kredit usaha"},
        "rejected",
    ),
]


def _nik(village, sex: str, birth: str, serial: int) -> str:
    date = datetime.date.fromisoformat(birth)
    day = date.day + (40 if sex == "P" else 0)
    region = "".join(village.code.split(".")[:3])  # province, regency, kecamatan
    return f"{region}{day:02d}{date.month:02d}{date.year % 100:02d}{serial:04d}"


def _request(village, spec, serial):
    letter_type, name, sex, birth, answers, _outcome = spec
    item = LetterRequest(
        village=village,
        letter_type=letter_type,
        name=name,
        nik=_nik(village, sex, birth, serial),
        birth_date=datetime.date.fromisoformat(birth),
        address=f"Dusun Krajan RT 0{serial % 5 + 1} RW 01, {village.display_name}",
    )
    item.answer_values = {"tempat_lahir": "Tuban", **answers}
    item.save()
    processing.submitted(item)
    return item


def _fill(village, signer: str) -> int:
    VillageLetterService.objects.get_or_create(
        village=village,
        defaults={
            "enabled_types": [
                "domisili",
                "usaha",
                "tidak-mampu",
                "pengantar-skck",
                "kelahiran",
                "kematian",
                "pindah",
                "belum-menikah",
                "pengantar",
            ],
            "signer_name": signer,
            "signer_position": "Kepala Desa",
        },
    )
    made = 0
    for serial, spec in enumerate(REQUESTS, start=9001):
        item = _request(village, spec, serial)
        outcome = spec[-1]
        if outcome != "submitted":
            processing.start(item, None)
        if outcome == "attachment":
            processing.ask_for_attachment(
                item, None, ["foto_usaha"], "Mohon kirim foto tempat usaha dari depan."
            )
        elif outcome in ("camat", "ready", "done"):
            processing.approve(item, None, today=timezone.localdate())
        if outcome == "done":
            processing.hand_over(item, None)
        if outcome == "rejected":
            processing.reject(item, None, "Pemohon terdaftar sebagai penduduk desa lain.")
        made += 1
    return made


def fill_demo_villages(villages) -> int:
    codes = list(villages.values_list("code", flat=True))
    made = 0
    for index, village in enumerate(example_villages(codes)):
        if LetterRequest.objects.filter(village=village).exists():
            continue
        with transaction.atomic():
            made += _fill(village, SIGNERS[index % len(SIGNERS)])
    return made
