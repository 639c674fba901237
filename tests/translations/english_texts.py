"""The word list of the admin language sweep, built from Wagtail's English catalogues.

Every upstream text whose Indonesian differs from its English is a text an Indonesian screen
must never show: "Collapse all", "Sort by", "%(start)s-%(end)s of %(total)s". Texts that are the
same in both languages ("Status", "Email", "Slug") are left out, as are one-letter fragments.
A text with placeholders becomes a pattern; a long sentence is also found inside a longer text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from translations import catalogues

_SPACE = re.compile(r"\s+")
_SPLIT = re.compile(r"%\([^)]+\)[sdifr]|%[sdifr]|\{[A-Za-z0-9_]*\}|<[^>]+>")
_WORD = re.compile(r"[A-Za-z]{3,}")


def normalise(text):
    return _SPACE.sub(" ", text).strip()


def _bounded(piece):
    escaped = re.escape(piece)
    if piece[:1].isalnum():
        escaped = r"(?<!\w)" + escaped
    if piece[-1:].isalnum():
        escaped += r"(?!\w)"
    return escaped


@dataclass(frozen=True)
class EnglishText:
    english: str
    pattern: re.Pattern
    # Found inside a longer text too (sentences), not only as a whole text node.
    inside: bool


@cache
def english_texts():
    found = {}
    for domain in catalogues.DOMAINS:
        catalogue = catalogues.runtime_catalogue(domain)
        for message in catalogues.upstream_messages(domain):
            indonesian = normalise(catalogues.translated_text(message, catalogue))
            for english in filter(None, (message.msgid, message.msgid_plural)):
                english = normalise(english)
                if english.lower() == indonesian.lower() or english in found:
                    continue
                pieces = _SPLIT.split(english)
                literal = " ".join(normalise(piece) for piece in pieces if piece.strip())
                words = _WORD.findall(literal)
                if not words or (len(words) == 1 and len(literal) < 3):
                    continue
                if len(pieces) == 1:
                    pattern = re.compile(re.escape(english))
                else:
                    # Placeholders and tags match anything (at least one character); the
                    # English around them must be whole words ("for" is not in "format").
                    pattern = re.compile(r".+?".join(_bounded(piece) for piece in pieces))
                found[english] = EnglishText(english, pattern, inside=len(words) >= 4)
    return list(found.values())


def english_on_screen(texts):
    """The catalogue's English texts among ``texts`` (the strings a screen shows)."""
    hits = set()
    candidates = english_texts()
    for text in {normalise(text) for text in texts}:
        if not _WORD.search(text):
            continue
        for candidate in candidates:
            if candidate.pattern.fullmatch(text) or (
                candidate.inside and candidate.pattern.search(text)
            ):
                hits.add((candidate.english, text))
    return sorted(hits)
