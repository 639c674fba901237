"""Tracking codes and verification tokens: random, never an id, forgiving to type."""

from letters.codes import ALPHABET, normalise_tracking_code, tracking_code, verification_token


def test_tracking_codes_are_grouped_readable_and_distinct():
    codes = {tracking_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in list(codes)[:50]:
        groups = code.split("-")
        assert [len(g) for g in groups] == [4, 4, 4]
        assert set("".join(groups)) <= set(ALPHABET)
    assert not set("01ILO") & set(ALPHABET)


def test_typed_codes_are_normalised_or_refused():
    code = tracking_code()
    assert normalise_tracking_code(code.lower().replace("-", " ")) == code
    assert normalise_tracking_code(f" {code.replace('-', '')} ") == code
    assert normalise_tracking_code("K7QX-9M2T") is None
    assert normalise_tracking_code("K7QX-9M2T-HW4O") is None  # O is not in the alphabet
    assert normalise_tracking_code("") is None


def test_verification_tokens_are_long_random_and_url_safe():
    tokens = {verification_token() for _ in range(500)}
    assert len(tokens) == 500
    assert all(len(t) >= 43 and t.replace("-", "").replace("_", "").isalnum() for t in tokens)
    assert not any(t.isdigit() for t in tokens)
