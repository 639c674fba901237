"""Personal data at rest: encrypted fields and keyed hashes.

The letter service is the first place where the installation holds personal data (NIK, KK
number, date of birth, address, attachments). Those are stored encrypted with Fernet
(``cryptography``: AES-128-CBC with HMAC-SHA256, authenticated), under keys from the
environment:

- ``PERSONAL_DATA_KEYS``: comma-separated Fernet keys; the first encrypts, every one
  decrypts, so a key is rotated by putting the new one first and re-saving (``MultiFernet``).
  Make one with ``python -c "from cryptography.fernet import Fernet;
  print(Fernet.generate_key().decode())"``.
- ``PERSONAL_DATA_HASH_KEY``: the key of the keyed hash (HMAC-SHA256) used wherever a NIK
  must be found or counted (rate limits, look-ups) without being stored in clear.

Without them, a development installation (``DEBUG``) derives both from ``SECRET_KEY`` and the
system check warns; anywhere else using personal data raises ``ImproperlyConfigured`` and the
check is an error, so that no real NIK is ever stored under a key nobody chose.

Encrypted fields can be read and written, never searched or ordered: look things up by the
keyed hash instead.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class PersonalDataError(ValueError):
    """A stored value cannot be decrypted with any configured key."""


def _derived(purpose: str) -> bytes:
    digest = hashlib.sha256(f"{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


def keys_configured() -> bool:
    return bool(getattr(settings, "PERSONAL_DATA_KEYS", None)) and bool(
        getattr(settings, "PERSONAL_DATA_HASH_KEY", None)
    )


def _require_keys_or_debug() -> None:
    if not keys_configured() and not settings.DEBUG:
        raise ImproperlyConfigured(
            "PERSONAL_DATA_KEYS and PERSONAL_DATA_HASH_KEY must be set to store personal data."
        )


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def cipher() -> MultiFernet:
    _require_keys_or_debug()
    keys = tuple(getattr(settings, "PERSONAL_DATA_KEYS", None) or ())
    if not keys:
        keys = (_derived("personal-data").decode(),)
    try:
        return _fernet(keys)
    except ValueError as exc:
        raise ImproperlyConfigured(
            "PERSONAL_DATA_KEYS holds a value that is not a Fernet key."
        ) from exc


def encrypt(text: str) -> str:
    return cipher().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        # Never echo the stored value: it may be personal data.
        raise PersonalDataError("a personal field cannot be decrypted with the keys") from exc


def encrypt_bytes(data: bytes) -> bytes:
    """A file's bytes encrypted (an issued letter, an attachment)."""
    return cipher().encrypt(data)


def decrypt_bytes(data: bytes) -> bytes:
    try:
        return cipher().decrypt(data)
    except InvalidToken as exc:
        raise PersonalDataError("a personal file cannot be decrypted with the keys") from exc


def keyed_hash(value: str, *, purpose: str = "nik") -> str:
    """HMAC-SHA256 of ``value`` (hex): equal values give equal hashes, nothing gives the value
    back. ``purpose`` separates uses (a NIK's hash is no KK number's)."""
    _require_keys_or_debug()
    key = getattr(settings, "PERSONAL_DATA_HASH_KEY", None) or _derived("personal-hash").decode()
    message = f"{purpose}:{value}".encode()
    return hmac.new(key.encode("utf-8"), message, hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text stored encrypted; Python code sees the plain text. Empty stays empty (so a
    purged field is visibly empty in the database too)."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def get_lookup(self, lookup_name):
        # Encrypted with a fresh IV each time: equality with a plain value can never match,
        # so only isnull is offered (filter by the keyed hash instead); any other lookup is
        # a FieldError rather than a query that silently finds nothing.
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)


class EncryptedDateField(EncryptedTextField):
    """A date (a birth date) stored encrypted as its ISO text."""

    def from_db_value(self, value, expression, connection):
        text = super().from_db_value(value, expression, connection)
        return datetime.date.fromisoformat(text) if text else None

    def to_python(self, value):
        if isinstance(value, datetime.date) or value in (None, ""):
            return value or None
        return datetime.date.fromisoformat(str(value))

    def get_prep_value(self, value):
        if isinstance(value, datetime.date):
            value = value.isoformat()
        return super().get_prep_value(value)
