"""Names as the public verification page shows them: enough to recognise, not to read."""

from __future__ import annotations


def mask_word(word: str) -> str:
    if len(word) <= 1:
        return word
    if len(word) == 2:
        return word[0] + "*"
    return word[0] + "*" * (len(word) - 2) + word[-1]


def mask_name(name: str) -> str:
    """``Budi Santoso`` → ``B**i S*****o``: first and last letter of each word."""
    return " ".join(mask_word(word) for word in str(name or "").split())
