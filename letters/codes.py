"""The codes a resident and a verifier hold: never an id, never derived from one.

- The tracking code is short and easy to read aloud over the phone: 12 characters of an
  alphabet without look-alikes (no 0/O, 1/I/L), in groups of four (``K7QX-9M2T-HW4R``):
  31^12 ≈ 7.9·10^17 codes (59 bits). Typing is forgiving: case, spaces and dashes do not
  matter.
- The verification token of a letter's QR is 256 random bits, URL-safe (43 characters).
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_LENGTH = 12
GROUP = 4
TOKEN_BYTES = 32


def tracking_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(TRACKING_LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, TRACKING_LENGTH, GROUP))


def normalise_tracking_code(value: str) -> str | None:
    """The code as stored (``K7QX-9M2T-HW4R``), or None when it cannot be one."""
    raw = re.sub(r"[\s\-.]", "", str(value or "")).upper()
    if len(raw) != TRACKING_LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return "-".join(raw[i : i + GROUP] for i in range(0, TRACKING_LENGTH, GROUP))


def verification_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)
