"""Letter requests at rest: the raw database row holds no personal data, the NIK is found by
its keyed hash, and the shipped letter types are complete and checked on load."""

import datetime
import json

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

import pytest

from letters import letter_types
from letters.masking import mask_name
from letters.models import LetterRequest, Status
from letters.personal import keyed_hash

NIK = "3523024101900001"
PERSONAL = {
    "name": "Siti Aminah",
    "nik": NIK,
    "family_card": "3523020101080007",
    "birth_date": datetime.date(1990, 1, 1),
    "address": "Dusun Krajan RT 02 RW 01",
    "email": "siti@contoh.test",
    "phone": "081234567890",
}


def make_request(village, **fields):
    request = LetterRequest(village=village.region, letter_type="domisili", **PERSONAL)
    request.answer_values = {"keperluan": "Melamar pekerjaan di pabrik semen"}
    for name, value in fields.items():
        setattr(request, name, value)
    request.save()
    return request


@pytest.mark.django_db
def test_the_raw_row_holds_no_personal_data(village_a):
    request = make_request(village_a)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM letters_letterrequest WHERE id = %s", [request.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
    for value in [*PERSONAL.values(), "1990-01-01", "Melamar pekerjaan", "Siti", "Krajan"]:
        assert str(value) not in row
    assert keyed_hash(NIK) in row  # the look-up key, which gives nothing back


@pytest.mark.django_db
def test_personal_fields_read_back_and_the_nik_is_found_by_its_hash(village_a, village_b):
    request = make_request(village_a)
    make_request(village_b, nik="3523024101900002")
    loaded = LetterRequest.objects.get(nik_hash=keyed_hash(NIK))
    assert loaded.pk == request.pk
    assert (loaded.name, loaded.nik, loaded.birth_date) == (
        "Siti Aminah",
        NIK,
        PERSONAL["birth_date"],
    )
    assert loaded.answer_values == {"keperluan": "Melamar pekerjaan di pabrik semen"}
    assert loaded.status == Status.SUBMITTED
    assert (
        NIK not in str(loaded) and "Siti" not in str(loaded) and loaded.tracking_code in str(loaded)
    )
    assert LetterRequest.objects.filter(village=village_b.region).count() == 1


@pytest.mark.django_db
def test_tracking_codes_are_given_and_unique(village_a):
    codes = {make_request(village_a).tracking_code for _ in range(20)}
    assert len(codes) == 20 and all(len(c) == 14 for c in codes)


def test_the_standard_letter_types_are_shipped():
    types = letter_types.standard_types()
    assert set(types) == {
        "domisili",
        "usaha",
        "tidak-mampu",
        "pengantar-skck",
        "kelahiran",
        "kematian",
        "pindah",
        "belum-menikah",
        "pengantar",
    }
    for kind in types.values():
        assert {"nama", "nik", "tanggal_lahir", "alamat"} <= {f.name for f in kind.fields}
        assert kind.validity_days > 0 and kind.classification and kind.attachments
    assert {s for s, k in types.items() if k.needs_camat} == {"tidak-mampu", "pindah"}
    assert letter_types.get_type("kelahiran").field("jenis_kelamin_bayi").choices == (
        "Laki-laki",
        "Perempuan",
    )
    assert letter_types.get_type("tidak-ada") is None


@pytest.mark.parametrize(
    "break_it",
    [
        lambda d: d["types"].append(dict(d["types"][0])),  # a slug twice
        lambda d: d["types"][0]["fields"].append(
            {"name": "nik", "label": "x", "kind": "text", "required": True}
        ),
        lambda d: d["types"][0]["fields"].append(
            {"name": "x", "label": "x", "kind": "peta", "required": True}
        ),
        lambda d: d["types"][0]["fields"].append(
            {"name": "y", "label": "y", "kind": "choice", "required": True}
        ),
    ],
    ids=["slug_twice", "field_twice", "unknown_kind", "choice_without_choices"],
)
def test_a_broken_types_file_fails_at_load(tmp_path, monkeypatch, break_it):
    data = json.loads(letter_types.TYPES_FILE.read_text(encoding="utf-8"))
    break_it(data)
    broken = tmp_path / "jenis_surat.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(letter_types, "TYPES_FILE", broken)
    letter_types.standard_types.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured):
            letter_types.standard_types()
    finally:
        monkeypatch.undo()
        letter_types.standard_types.cache_clear()


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Budi Santoso", "B**i S*****o"),
        ("Siti  Aminah", "S**i A****h"),
        ("Al", "A*"),
        ("A", "A"),
        ("", ""),
    ],
)
def test_names_are_masked_for_the_public(name, masked):
    assert mask_name(name) == masked


def test_every_text_of_the_letter_types_is_in_the_translation_labels():
    from letters.type_labels import LABELS, json_texts

    missing = [text for text in json_texts() if text not in LABELS]
    assert not missing, f"add to letters/type_labels.py: {missing}"
