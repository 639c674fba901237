"""Wagtail's and wagtail-localize's interface texts, and our Indonesian completion of them.

Wagtail ships an Indonesian catalogue (``id_ID``) that translates only part of its admin. The
rest lives in ``locale/id/LC_MESSAGES/{django,djangojs}.po``: LOCALE_PATHS take precedence over
the apps' catalogues, so an entry there fills a gap or replaces an upstream translation that does
not follow our glossary (``locale/id/glossary.csv``).

The source of truth for "which texts exist" is the installed packages' English catalogues
(``<app>/locale/en/LC_MESSAGES/*.po``), so after a Wagtail upgrade ``manage.py translations
missing`` lists exactly what the new version added. What counts as translated is what Django
really serves: the merged runtime catalogue, not a file read on the side.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

import polib

LANGUAGE = "id"
DOMAINS = ("django", "djangojs")
# The packages whose interface we complete, and the Django apps whose texts the admin shows
# (passwords, "8 menit yang lalu"): its Indonesian is complete, but we hold it to the same glossary.
UPSTREAM_PACKAGES = ("wagtail", "wagtail_localize")
UPSTREAM_APPS = ("django.contrib.auth", "django.contrib.humanize")
OVERLAY_DIR = Path(settings.BASE_DIR) / "locale" / LANGUAGE / "LC_MESSAGES"
GLOSSARY = Path(settings.BASE_DIR) / "locale" / LANGUAGE / "glossary.csv"
CONTEXT_SEPARATOR = "\x04"

# %(name)s, %s, %d, {name}, {0}; and HTML tags, which must survive translation unchanged.
_PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdifr]|\{[A-Za-z0-9_]*\}")
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")


@dataclass(frozen=True)
class Message:
    """One text of an upstream catalogue, as its English catalogue defines it."""

    domain: str
    msgid: str
    msgid_plural: str = ""
    msgctxt: str | None = None
    occurrences: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    flags: tuple[str, ...] = field(default=(), compare=False)
    source: str = field(default="", compare=False)

    @property
    def key(self):
        return (self.domain, self.msgctxt, self.msgid)

    @property
    def catalogue_key(self):
        """The key Django's merged catalogue stores it under."""
        msgid = (
            self.msgid if self.msgctxt is None else f"{self.msgctxt}{CONTEXT_SEPARATOR}{self.msgid}"
        )
        return (msgid, 0) if self.msgid_plural else msgid


def upstream_apps():
    """Installed apps of the upstream packages that ship an English catalogue."""
    found = []
    for config in apps.get_app_configs():
        if config.name.split(".")[0] not in UPSTREAM_PACKAGES and config.name not in UPSTREAM_APPS:
            continue
        if (Path(config.path) / "locale" / "en" / "LC_MESSAGES").is_dir():
            found.append(config)
    return found


@cache
def upstream_messages(domain="django"):
    """Every message of the installed upstream apps' English catalogues, in a stable order."""
    messages = {}
    for config in upstream_apps():
        path = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            message = Message(
                domain=domain,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                msgctxt=entry.msgctxt,
                occurrences=tuple(
                    (f"{config.name}/{file}", line) for file, line in entry.occurrences
                ),
                flags=tuple(entry.flags),
                source=config.name,
            )
            messages.setdefault(message.key, message)
    return list(messages.values())


def runtime_catalogue(domain="django"):
    """The merged Indonesian catalogue exactly as Django builds it for this domain."""
    if domain == "django":
        with translation.override(LANGUAGE):
            return translation.trans_real.translation(LANGUAGE)._catalog
    # The admin's JavaScriptCatalog builds its djangojs catalogue from the apps' locale dirs
    # plus LOCALE_PATHS; the same here, for every upstream app (not only wagtail.admin).
    localedirs = [str(Path(config.path) / "locale") for config in upstream_apps()]
    return DjangoTranslation(LANGUAGE, domain=domain, localedirs=localedirs)._catalog


def translated_text(message, catalogue):
    value = catalogue.get(message.catalogue_key)
    if value is None:
        return ""
    return value


def is_translated(message, catalogue):
    """Translated means Django serves a non-empty Indonesian text for it."""
    return bool(translated_text(message, catalogue).strip())


@dataclass
class Coverage:
    domain: str
    total: int
    missing: list[Message]

    @property
    def translated(self):
        return self.total - len(self.missing)

    @property
    def percent(self):
        return 100.0 * self.translated / self.total if self.total else 100.0


def coverage(domain="django"):
    catalogue = runtime_catalogue(domain)
    messages = upstream_messages(domain)
    missing = [message for message in messages if not is_translated(message, catalogue)]
    return Coverage(domain=domain, total=len(messages), missing=missing)


def placeholders(text):
    """The placeholders and HTML tag names a translation must keep (as a sorted list)."""
    return sorted(_PLACEHOLDER.findall(text)) + sorted(
        match.group(1).lower() for match in _TAG.finditer(text)
    )


def overlay_path(domain):
    return OVERLAY_DIR / f"{domain}.po"


def load_overlay(domain):
    path = overlay_path(domain)
    if path.exists():
        return polib.pofile(str(path), wrapwidth=100)
    po = polib.POFile(wrapwidth=100)
    po.metadata = {
        "Project-Id-Version": "desa-platform",
        "Language": LANGUAGE,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    return po


def update_overlay(domain):
    """Add every untranslated upstream message to the overlay (empty), retire vanished ones.

    Returns (added, retired). Entries keep their translation; an entry whose text no longer
    exists upstream is marked obsolete (``#~``) rather than deleted, so its wording can be reused.
    """
    po = load_overlay(domain)
    messages = {message.key: message for message in upstream_messages(domain)}
    catalogue = runtime_catalogue(domain)
    present = {}
    retired = 0
    for entry in po:
        key = (domain, entry.msgctxt, entry.msgid)
        if key in messages and not entry.obsolete:
            present[key] = entry
            entry.occurrences = list(messages[key].occurrences)
        elif not entry.obsolete:
            entry.obsolete = True
            retired += 1
    added = 0
    for key, message in messages.items():
        if key in present or is_translated(message, catalogue):
            continue
        entry = polib.POEntry(
            msgid=message.msgid,
            msgctxt=message.msgctxt,
            occurrences=list(message.occurrences),
            flags=list(message.flags),
        )
        if message.msgid_plural:
            entry.msgid_plural = message.msgid_plural
            entry.msgstr_plural = {0: ""}
        po.append(entry)
        added += 1
    po.save(str(overlay_path(domain)))
    return added, retired


def compile_overlay(domain):
    po = load_overlay(domain)
    po.save_as_mofile(str(overlay_path(domain).with_suffix(".mo")))


@dataclass(frozen=True)
class Term:
    english: str
    indonesian: str
    avoid: tuple[str, ...]
    scope: str
    note: str


@cache
def glossary():
    with GLOSSARY.open(newline="", encoding="utf-8") as handle:
        return [
            Term(
                english=row["english"].strip(),
                indonesian=row["indonesian"].strip(),
                avoid=tuple(word.strip() for word in row["avoid"].split(";") if word.strip()),
                scope=row["scope"].strip(),
                note=row["note"].strip(),
            )
            for row in csv.DictReader(handle)
        ]


def avoided_words(text, scope="wagtail"):
    """Glossary words to avoid that ``text`` uses (whole words, case-insensitive)."""
    found = []
    for term in glossary():
        if scope == "all" and term.scope != "all":
            continue
        for word in term.avoid:
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE):
                found.append(word)
    return found
