"""Certificate codes: random, long enough, unambiguous alphabet, typed forms normalised."""

from __future__ import annotations

from learn.certificates.codes import (
    ALPHABET,
    CODE_LENGTH,
    display_code,
    looks_like_code,
    new_code,
    normalise_code,
)


def test_alphabet_has_no_ambiguous_characters():
    assert not set("0O1IL") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET)


def test_codes_are_long_random_and_from_the_alphabet():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert CODE_LENGTH >= 10
    assert all(len(c) == CODE_LENGTH and set(c) <= set(ALPHABET) for c in codes)
    # Every character of the alphabet turns up: nothing is silently excluded.
    assert set("".join(codes)) == set(ALPHABET)


def test_typed_codes_are_normalised():
    code = new_code()
    assert normalise_code(f" {display_code(code).lower()} ") == code
    assert normalise_code(code[:4] + " " + code[4:]) == code
    assert looks_like_code(normalise_code(display_code(code)))
    assert not looks_like_code("ABC")
    assert not looks_like_code("0" * CODE_LENGTH)
    assert display_code("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"
