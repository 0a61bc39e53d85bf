"""Signed, expiring download links for exports (served by the gateway, issued by the API).

A link is `/exports/{export id}/download?u={owner id}&expires={unix seconds}&sig=...`:
`sig` is an HMAC-SHA256 over (export id, owner id, expiry) under a key derived from
SECRET_KEY, so the link cannot be moved to another export, another user or a later
time. The link alone is the credential (a teacher clicks it in a browser, which sends
no Authorization header): it is short-lived and binds its owner, and the route also
checks, on every download, that the export still exists and still belongs to that
owner (docs/security.md).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlencode
from uuid import UUID

# A key of its own for links, derived from SECRET_KEY: a signature made here can never
# be mistaken for one of the other uses of the secret (session and API-key hashes).
_PURPOSE = b"curriculum-gateway/export-download-link/v1"


def _key(secret: str) -> bytes:
    return hmac.new(secret.encode("utf-8"), _PURPOSE, hashlib.sha256).digest()


def signature(secret: str, *, export_id: UUID, user_id: UUID, expires: int) -> str:
    message = f"{export_id}\n{user_id}\n{int(expires)}".encode("ascii")
    digest = hmac.new(_key(secret), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def download_path(secret: str, *, export_id: UUID, user_id: UUID, expires: int) -> str:
    """The link's path and query (the gateway serves it on its own origin)."""
    sig = signature(secret, export_id=export_id, user_id=user_id, expires=expires)
    query = urlencode({"u": str(user_id), "expires": int(expires), "sig": sig})
    return f"/exports/{export_id}/download?{query}"


class LinkProblem(Enum):
    TAMPERED = "tampered"  # malformed, or the signature does not match: 403
    EXPIRED = "expired"  # a genuine link past its time: 410


@dataclass(frozen=True, slots=True)
class SignedLink:
    export_id: UUID
    user_id: UUID
    expires: int


def check_link(
    secret: str,
    *,
    export_id: str,
    user: str | None,
    expires: str | None,
    sig: str | None,
    now: float,
) -> SignedLink | LinkProblem:
    """The link's claims when genuine and not expired. The signature is compared in
    constant time and checked before the expiry, so a forged link learns nothing."""
    try:
        claims = SignedLink(UUID(export_id), UUID(user or ""), int(expires or ""))
    except ValueError:
        return LinkProblem.TAMPERED
    if not sig or not sig.isascii() or len(sig) > 64:
        return LinkProblem.TAMPERED
    wanted = signature(
        secret, export_id=claims.export_id, user_id=claims.user_id, expires=claims.expires
    )
    if not hmac.compare_digest(wanted.encode("ascii"), sig.encode("ascii")):
        return LinkProblem.TAMPERED
    if claims.expires <= now:
        return LinkProblem.EXPIRED
    return claims


class DownloadLinks:
    """Issues and checks the links with one secret and one lifetime (Stores.downloads)."""

    def __init__(self, secret: str, *, ttl_seconds: int) -> None:
        self._secret = secret
        self.ttl_seconds = ttl_seconds

    def path(self, *, export_id: UUID, user_id: UUID, now: float, not_after: float) -> str:
        """A link valid for `ttl_seconds` from `now`, and never past `not_after`."""
        expires = int(min(now + self.ttl_seconds, not_after))
        return download_path(self._secret, export_id=export_id, user_id=user_id, expires=expires)

    def check(
        self, *, export_id: str, user: str | None, expires: str | None, sig: str | None, now: float
    ) -> SignedLink | LinkProblem:
        return check_link(
            self._secret, export_id=export_id, user=user, expires=expires, sig=sig, now=now
        )
