"""The admin's Indonesian is complete, well-formed and consistent, as Django really serves it."""

from __future__ import annotations

import io
import re
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

import polib
import pytest

from translations import catalogues


@pytest.mark.parametrize("domain", catalogues.DOMAINS)
def test_every_upstream_admin_text_has_an_indonesian_translation(domain):
    result = catalogues.coverage(domain)
    # Sanity: the English catalogues were found (Wagtail 8.0 has ~1,700 + ~130 texts).
    assert result.total > (1000 if domain == "django" else 100)
    missing = [message.msgid for message in result.missing]
    assert missing == [], f"{len(missing)} of {result.total} untranslated, e.g. {missing[:10]}"


def test_coverage_counts_a_text_the_catalogue_lacks_as_missing(monkeypatch):
    catalogue = dict(catalogues.runtime_catalogue("djangojs").items())
    messages = catalogues.upstream_messages("djangojs")
    message = next(m for m in messages if m.msgid == "Collapse all")
    del catalogue[message.catalogue_key]
    real = catalogues.runtime_catalogue
    monkeypatch.setattr(
        catalogues,
        "runtime_catalogue",
        lambda domain: catalogue if domain == "djangojs" else real(domain),
    )
    assert catalogues.coverage("djangojs").missing == [message]
    with pytest.raises(CommandError, match=r"^\d+ texts have no Indonesian translation"):
        call_command("translations", "missing", "--check", stdout=io.StringIO())


def test_missing_command_reports_full_coverage(capsys):
    call_command("translations", "missing", "--check")
    out = capsys.readouterr().out
    assert re.search(r"^django: (\d+) of \1 translated \(100\.0%\), 0 missing$", out, re.M)
    assert re.search(r"^djangojs: (\d+) of \1 translated \(100\.0%\), 0 missing$", out, re.M)


@pytest.mark.parametrize("domain", catalogues.DOMAINS)
def test_our_translations_keep_placeholders_and_tags(domain):
    broken = []
    for entry in catalogues.load_overlay(domain):
        if entry.obsolete:
            continue
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            # Indonesian has one plural form: it follows the English plural ("%(count)s pages").
            english = entry.msgid_plural or entry.msgid
            if text and catalogues.placeholders(text) != catalogues.placeholders(english):
                broken.append((entry.msgid, text))
    assert broken == []


@pytest.mark.parametrize("domain", catalogues.DOMAINS)
def test_compiled_catalogue_matches_its_source(domain):
    po = catalogues.load_overlay(domain)
    mo = polib.mofile(str(catalogues.overlay_path(domain).with_suffix(".mo")))
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in mo}
    stale = [
        entry.msgid
        for entry in po.translated_entries()
        if (entry.msgctxt, entry.msgid) not in compiled
        or (compiled[(entry.msgctxt, entry.msgid)].msgstr or "") != (entry.msgstr or "")
    ]
    assert stale == [], "run: python manage.py translations compile"


@pytest.mark.parametrize("domain", catalogues.DOMAINS)
def test_admin_translations_follow_the_glossary(domain):
    catalogue = catalogues.runtime_catalogue(domain)
    offending = []
    for message in catalogues.upstream_messages(domain):
        text = catalogues.translated_text(message, catalogue)
        words = catalogues.avoided_words(text)
        if words:
            offending.append((message.msgid, text, words))
    assert offending == []


def test_glossary_terms_are_used_for_the_key_admin_actions():
    with translation.override("id"):
        assert translation.gettext("Publish") == "Terbitkan"
        assert translation.gettext("Save draft") == "Simpan draf"
        assert translation.gettext("Submit for moderation") == "Kirim untuk ditinjau"
        assert translation.gettext("Forgotten password?") == "Lupa sandi?"
        assert translation.gettext("Password") == "Sandi"


def test_our_own_texts_follow_the_glossary():
    """Our Indonesian source texts (msgids) use the same words as the admin around them."""
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po"))
    offending = [
        (entry.msgid, catalogues.avoided_words(entry.msgid, scope="all"))
        for entry in po
        if not entry.obsolete and catalogues.avoided_words(entry.msgid, scope="all")
    ]
    assert offending == []


def test_avoided_words_match_whole_words_only():
    assert catalogues.avoided_words("Simpan konsep") == ["konsep"]
    assert catalogues.avoided_words("Konsepsi pembangunan") == []
    found = catalogues.avoided_words("Lupa kata sandi?", scope="all")
    assert found == ["kata sandi", "lupa kata sandi"]
