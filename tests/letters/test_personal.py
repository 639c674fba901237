"""Personal data at rest: Fernet encryption under the environment's keys, key rotation, the
keyed hash, and a refusal to run outside development without keys."""

import datetime

from django.core.exceptions import ImproperlyConfigured

import pytest
from cryptography.fernet import Fernet

from letters import personal
from letters.checks import personal_data_keys
from letters.personal import EncryptedDateField, EncryptedTextField, PersonalDataError

NIK = "3523024101900001"


def test_encrypted_text_never_holds_the_plain_value():
    field = EncryptedTextField()
    stored = field.get_prep_value(NIK)
    assert NIK not in stored and stored != field.get_prep_value(NIK)  # a fresh IV each time
    assert field.from_db_value(stored, None, None) == NIK
    assert field.get_prep_value("") == "" and field.from_db_value("", None, None) == ""


def test_encrypted_date_round_trip():
    field = EncryptedDateField()
    stored = field.get_prep_value(datetime.date(1990, 1, 1))
    assert "1990" not in stored
    assert field.from_db_value(stored, None, None) == datetime.date(1990, 1, 1)


def test_keys_rotate_and_an_unknown_key_is_a_clear_error(settings):
    old = personal.encrypt(NIK)
    settings.PERSONAL_DATA_KEYS = [Fernet.generate_key().decode(), *settings.PERSONAL_DATA_KEYS]
    assert personal.decrypt(old) == NIK  # the old key still decrypts
    new = personal.encrypt(NIK)
    settings.PERSONAL_DATA_KEYS = settings.PERSONAL_DATA_KEYS[:1]
    assert personal.decrypt(new) == NIK
    with pytest.raises(PersonalDataError) as error:
        personal.decrypt(old)
    assert NIK not in str(error.value) and old not in str(error.value)


def test_keyed_hash_is_stable_keyed_and_separated_by_purpose(settings):
    first = personal.keyed_hash(NIK)
    assert first == personal.keyed_hash(NIK) and NIK not in first and len(first) == 64
    assert personal.keyed_hash(NIK, purpose="kk") != first
    settings.PERSONAL_DATA_HASH_KEY = "another-key"
    assert personal.keyed_hash(NIK) != first


def test_without_keys_only_development_runs(settings):
    settings.PERSONAL_DATA_KEYS, settings.PERSONAL_DATA_HASH_KEY = [], ""
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured):
        personal.encrypt(NIK)
    with pytest.raises(ImproperlyConfigured):
        personal.keyed_hash(NIK)
    assert [m.id for m in personal_data_keys(None)] == ["letters.E001"]
    settings.DEBUG = True
    assert personal.decrypt(personal.encrypt(NIK)) == NIK  # derived from SECRET_KEY
    assert [m.id for m in personal_data_keys(None)] == ["letters.W001"]


def test_a_bad_key_in_the_environment_is_a_configuration_error(settings):
    settings.PERSONAL_DATA_KEYS = ["bukan-kunci"]
    with pytest.raises(ImproperlyConfigured):
        personal.encrypt(NIK)


def test_configured_keys_pass_the_check():
    assert personal_data_keys(None) == []


@pytest.mark.django_db
def test_an_encrypted_field_cannot_be_searched_by_its_plain_value():
    from django.core.exceptions import FieldError

    from letters.models import LetterRequest

    with pytest.raises(FieldError):
        LetterRequest.objects.filter(nik=NIK).exists()
    assert not LetterRequest.objects.filter(nik__isnull=True).exists()
