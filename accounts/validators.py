"""Password rules for Indonesian users, on top of Django's own validators."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from villages import scope
from villages.models import Region
from villages.models.regions import Level

from .common_passwords import COMMON_WORDS, GENERIC_REGION_WORDS

# Digits and symbols people put for letters ("b1sm1ll4h", "r@h@s!a").
LOOKALIKE_LETTERS = {
    "4": "a",
    "@": "a",
    "3": "e",
    "1": "i",
    "!": "i",
    "0": "o",
    "5": "s",
    "$": "s",
    "7": "t",
}
LOOKALIKES = str.maketrans(LOOKALIKE_LETTERS)
NON_LETTERS = re.compile(r"[^a-z]+")
EDGES = re.compile(r"^[^a-z]+|[^a-z]+$")
# Longer passwords are not guessed from a word list, and the check stays cheap for any input.
MAX_CHECKED_LENGTH = 128
# Shorter parts of a name ("Jenu" is four letters) would match too many honest passwords.
MIN_NAME_LENGTH = 4


def letter_forms(text: str) -> set[str]:
    """The letters of ``text`` in lower case, read three ways: as written, with look-alike
    digits and symbols turned back into letters, and the same once the digits and symbols
    around the word are cut off ("b1sm1ll4h!!" → bismillah). Empty forms are left out."""
    lowered = text.casefold()
    forms = {
        NON_LETTERS.sub("", lowered),
        NON_LETTERS.sub("", lowered.translate(LOOKALIKES)),
        NON_LETTERS.sub("", EDGES.sub("", lowered).translate(LOOKALIKES)),
    }
    return {form for form in forms if form}


WORDS_BY_FIRST_LETTER: dict[str, tuple[str, ...]] = {
    letter: tuple(sorted(word for word in COMMON_WORDS if word[0] == letter))
    for letter in {word[0] for word in COMMON_WORDS}
}


def _word_at(text: str, start: int, word: str) -> bool:
    """Does ``word`` stand at ``start`` in ``text``, look-alikes counting as letters?"""
    if start + len(word) > len(text):
        return False
    return all(
        char == letter or LOOKALIKE_LETTERS.get(char) == letter
        for char, letter in zip(text[start : start + len(word)], word, strict=True)
    )


def made_of_common_words(password: str) -> bool:
    """Is ``password`` nothing but common password words, with any digits and symbols
    around or between them ("Bismillah2024!", "akusayangkamu", "b1sm1ll4h!!", "4dmin-desa")?"""
    text = password.casefold()
    if len(text) > MAX_CHECKED_LENGTH:
        return False
    # reached[i]: how far the first i characters go: None not at all, False as digits and
    # symbols only, True with at least one common word.
    reached: list[bool | None] = [None] * (len(text) + 1)
    reached[0] = False
    for start, char in enumerate(text):
        if reached[start] is None:
            continue
        if not ("a" <= char <= "z"):
            # Digits and symbols may stand anywhere (a look-alike may also be a letter below).
            reached[start + 1] = bool(reached[start + 1]) or reached[start]
        for word in WORDS_BY_FIRST_LETTER.get(LOOKALIKE_LETTERS.get(char, char), ()):
            if _word_at(text, start, word):
                reached[start + len(word)] = True
    return reached[-1] is True


def region_names_of(user) -> list[str]:
    """Names of the villages, districts and regencies where ``user`` holds a role (and of the
    districts and regency above their villages); nothing for an account not saved yet."""
    if user is None or getattr(user, "pk", None) is None:
        return []
    regions = scope.user_regions(user)
    if not regions:
        return []
    codes = {region.code for region in regions}
    codes.update(code for region in regions for code in region.ancestor_codes)
    return list(
        Region.objects.filter(code__in=codes)
        .exclude(level=Level.PROVINCE)
        .order_by("code")
        .values_list("name", flat=True)
    )


def name_parts(name: str) -> set[str]:
    """The parts of a region name worth looking for in a password, in letters only: each
    place word and the whole name run together ("Karang Asem" → karang, asem, karangasem)."""
    words = [
        word
        for word in re.split(r"[^a-z]+", name.casefold())
        if word and word not in GENERIC_REGION_WORDS
    ]
    parts = set(words) | {"".join(words)}
    return {part for part in parts if len(part) >= MIN_NAME_LENGTH}


class IndonesianPasswordValidator:
    """Refuse passwords made only of common Indonesian password words ("bismillah123",
    "Sayangku2024!", "r4h4s14") and passwords containing the name of the person's own village,
    district or regency."""

    def validate(self, password, user=None):
        if made_of_common_words(password):
            raise ValidationError(
                _(
                    "Sandi ini mudah ditebak: isinya hanya kata yang sering dipakai "
                    "sebagai sandi (misalnya bismillah, sayang, indonesia atau rahasia), "
                    "walau ditambah angka atau simbol."
                ),
                code="password_common_indonesian",
            )
        forms = letter_forms(password)
        for name in region_names_of(user):
            if any(part in form for part in name_parts(name) for form in forms):
                raise ValidationError(
                    _("Sandi tidak boleh memuat nama wilayah Anda (%(name)s)."),
                    code="password_contains_region_name",
                    params={"name": name},
                )

    def get_help_text(self):
        return _(
            "Sandi Anda tidak boleh hanya terdiri dari kata umum seperti bismillah, "
            "sayang atau indonesia, dan tidak boleh memuat nama desa, kecamatan atau "
            "kabupaten Anda."
        )
