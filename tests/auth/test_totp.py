"""TOTP seeds derived from a server key, code matching, replay refusal, recovery codes."""

import hashlib

import pyotp
import pytest

from learn.auth import recovery_codes, totp

NOW = 1_800_000_000.0


def test_hkdf_matches_rfc5869_test_case_1():
    ikm = bytes.fromhex("0b" * 22)
    salt = bytes.fromhex("000102030405060708090a0b0c")
    info = bytes.fromhex("f0f1f2f3f4f5f6f7f8f9")
    expected = (
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
        "34007208d5b887185865"
    )
    assert totp.hkdf_sha256(ikm, salt, info, 42).hex() == expected


def test_seed_depends_on_key_salt_and_user():
    salt = totp.new_salt()
    seed = totp.derive_seed("server key one", salt, 7)
    assert len(seed) == 32 and seed.isalnum()
    assert totp.derive_seed("server key one", salt, 7) == seed
    assert totp.derive_seed("server key two", salt, 7) != seed
    assert totp.derive_seed("server key one", totp.new_salt(), 7) != seed
    assert totp.derive_seed("server key one", salt, 8) != seed


def test_key_ring_finds_current_and_retired_keys_by_fingerprint():
    ring = totp.KeyRing("new key", ("old key",))
    assert ring.key_for(totp.key_id("new key")) == "new key"
    assert ring.key_for(totp.key_id("old key")) == "old key"
    assert ring.key_for(totp.key_id("forgotten key")) is None
    assert ring.current_id == totp.key_id("new key") != totp.key_id("old key")


@pytest.mark.parametrize(("offset", "accepted"), [(-2, False), (-1, True), (0, True),
                                                  (1, True), (2, False)])
def test_codes_one_step_either_side_are_accepted(offset, accepted):
    seed = pyotp.random_base32()
    code = pyotp.TOTP(seed).at(NOW + offset * 30)
    step = totp.matching_step(seed, code, after_step=None, now=NOW)
    assert (step == totp.current_step(NOW) + offset) if accepted else step is None


def test_a_code_of_an_already_used_step_is_refused():
    seed = pyotp.random_base32()
    code = pyotp.TOTP(seed).at(NOW)
    step = totp.matching_step(seed, code, after_step=None, now=NOW)
    assert totp.matching_step(seed, code, after_step=step, now=NOW) is None
    older = pyotp.TOTP(seed).at(NOW - 30)
    assert totp.matching_step(seed, older, after_step=step, now=NOW) is None
    newer = pyotp.TOTP(seed).at(NOW + 30)
    assert totp.matching_step(seed, newer, after_step=step, now=NOW) == step + 1


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "abcdef", "١٢٣٤٥٦", None])
def test_malformed_codes_are_refused(typed):
    assert totp.matching_step(pyotp.random_base32(), typed, after_step=None, now=NOW) is None


def test_spaces_in_a_typed_code_are_ignored():
    seed = pyotp.random_base32()
    code = pyotp.TOTP(seed).at(NOW)
    assert totp.matching_step(seed, f" {code[:3]} {code[3:]} ", after_step=None, now=NOW)


def test_recovery_codes_are_random_80_bit_and_stored_hashed():
    codes = {recovery_codes.new_code() for _ in range(200)}
    assert len(codes) == 200
    code = codes.pop()
    assert len(code) == 19 and code.count("-") == 3
    assert recovery_codes.looks_like_code(code)
    assert recovery_codes.code_hash(code) == hashlib.sha256(
        code.replace("-", "").encode()
    ).hexdigest()
    # Typed in capitals, without dashes, or with look-alike letters: the same code.
    assert recovery_codes.code_hash(code.upper().replace("-", " ")) == recovery_codes.code_hash(
        code
    )
    assert not recovery_codes.looks_like_code("123456")


def test_provisioning_uri_names_the_site_and_account():
    seed = totp.derive_seed("key", totp.new_salt(), 1)
    uri = totp.provisioning_uri(seed, "an@example.org", "Học trực tuyến")
    assert uri.startswith("otpauth://totp/")
    assert f"secret={seed}" in uri
    assert "an%40example.org" in uri
