"""Account input checks: emails, usernames, passwords, including unicode edge cases."""

from __future__ import annotations

import pytest

from gateway.security.responses import error_body, with_security_headers
from resolvers.accounts import InvalidAccountInput, check_password, clean_email, clean_username


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Alice@Example.ORG ", "Alice@example.org"),
        ("a.b+tag@sub.example.co", "a.b+tag@sub.example.co"),
        ("user@bücher.example", "user@xn--bcher-kva.example"),
    ],
)
def test_good_emails(raw: str, clean: str) -> None:
    assert clean_email(raw) == clean


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "no-at-sign",
        "@example.org",
        "a@",
        "a@localhost",
        "a b@example.org",
        "a@exa mple.org",
        "nul\x00@example.org",
        "a@example.org\x00",
        "rtl\u202e@example.org",
        "zero\u200bwidth@example.org",
        "ünïcode@example.org",
        "x" * 65 + "@example.org",
        "a@" + "b" * 250 + ".org",
        "a@-bad-.org",
        "'; DROP TABLE users; --@example.org",
        "a@example.org' OR '1'='1",
    ],
)
def test_bad_emails(raw: str) -> None:
    with pytest.raises(InvalidAccountInput) as caught:
        clean_email(raw)
    assert caught.value.field == "email"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("alice", "alice"),
        ("Bob_99", "Bob_99"),
        ("李小龙", "李小龙"),
        ("e\u0301tienne", "\u00e9tienne"),  # a combining accent composes under NFC
        ("a.b-c", "a.b-c"),
    ],
)
def test_good_usernames(raw: str, clean: str) -> None:
    assert clean_username(raw) == clean


@pytest.mark.parametrize(
    "raw",
    [
        "ab",
        "x" * 51,
        "_leading",
        "with space",
        "at@sign",
        "nul\x00byte",
        "rtl\u202eevil",
        "zero\u200bwidth",
        "z\u0335\u0321a\u0336lgo",  # stacked combining marks do not compose
        "robert'); DROP TABLE users;--",
        "a}) MATCH (n) DETACH DELETE n //",
    ],
)
def test_bad_usernames(raw: str) -> None:
    with pytest.raises(InvalidAccountInput) as caught:
        clean_username(raw)
    assert caught.value.field == "username"


def test_passwords() -> None:
    assert check_password("a long enough passphrase") == "a long enough passphrase"
    assert check_password("pässwörd-ünïcode") == "pässwörd-ünïcode"
    for bad in ("short", "x" * 257, "has\x00nul-inside"):
        with pytest.raises(InvalidAccountInput):
            check_password(bad)


def test_error_body_and_security_headers() -> None:
    assert error_body("API key expired", "UNAUTHENTICATED") == (
        b'{"errors":[{"message":"API key expired","extensions":{"code":"UNAUTHENTICATED"}}]}'
    )
    headers = with_security_headers([(b"content-type", b"application/json")])
    names = {n for n, _ in headers}
    assert {b"x-content-type-options", b"referrer-policy", b"content-security-policy"} <= names
    # A page that set its own policy keeps it.
    own = [(b"content-type", b"text/html"), (b"content-security-policy", b"script-src 'self'")]
    merged = with_security_headers(own)
    assert [v for n, v in merged if n == b"content-security-policy"] == [b"script-src 'self'"]
