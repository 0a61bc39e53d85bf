"""Accounts, sessions and API keys: validation, authorization and the typed outcomes.

Expected failures (taken names, wrong credentials, bad input, missing objects) are
returned as `AccountProblem`s that the schema turns into union members; only what a
client cannot fix (no credentials, an API key doing account work) raises.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from graphql import GraphQLError

from datasources.postgres.records import ApiKeyRecord, UserRecord
from datasources.redis.sessions import NewSession, key_state_key, user_state_key
from resolvers.auth import require_admin, require_principal
from resolvers.context import AccountServices, Context, Principal
from resolvers.errors import bad_input, forbidden
from resolvers.validation import BIDI_CONTROLS, clean_text

# Every permission an API key can carry (what resolvers pass to require_principal).
PERMISSIONS = frozenset(
    {
        "courses:read",
        "courses:write",
        "documents:read",
        "documents:write",
        "concepts:read",
        "concepts:write",
        "search:read",
        "tasks:read",
        "exports:read",
        "exports:create",
    }
)
ROLES = frozenset({"user", "admin"})
PASSWORD_MIN, PASSWORD_MAX = 8, 256
USERNAME_MIN, USERNAME_MAX = 3, 50
EMAIL_MAX = 254
KEY_RATE_LIMIT_MAX = 100_000
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_DOMAIN_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
WRONG_CREDENTIALS = "wrong email/username or password"


@dataclass(frozen=True, slots=True)
class AccountProblem:
    kind: str  # invalid | email_taken | username_taken | invalid_credentials | not_found
    message: str
    field: str | None = None


@dataclass(frozen=True, slots=True)
class SignedIn:
    token: str
    expires_at: datetime
    user: UserRecord


class InvalidAccountInput(ValueError):
    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def _invalid(exc: InvalidAccountInput | GraphQLError) -> AccountProblem:
    field = getattr(exc, "field", None) or (getattr(exc, "extensions", None) or {}).get("field")
    return AccountProblem("invalid", str(exc), field)


def _services(ctx: Context) -> AccountServices:
    if ctx.accounts is None:
        raise GraphQLError("accounts are not available", extensions={"code": "SERVICE_UNAVAILABLE"})
    return ctx.accounts


def _session_principal(ctx: Context) -> Principal:
    principal = require_principal(ctx)
    if principal.api_key_id is not None:
        raise forbidden("account changes need a signed-in session, not an API key")
    return principal


# -- validation -------------------------------------------------------------------


def _plain(value: str, field: str, max_length: int) -> str:
    text = unicodedata.normalize("NFC", value).strip()
    if len(text) > max_length:
        raise InvalidAccountInput(f"`{field}` is limited to {max_length} characters", field)
    for ch in text:
        if ch in BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            raise InvalidAccountInput(
                f"`{field}` contains an invisible or control character (U+{ord(ch):04X})", field
            )
    return text


def clean_email(value: str) -> str:
    """`local@domain` with an ASCII local part; the domain IDNA-encoded and lower-cased."""
    text = _plain(value, "email", EMAIL_MAX)
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain or len(local) > 64:
        raise InvalidAccountInput("`email` must look like name@example.org", "email")
    if not _EMAIL_LOCAL.fullmatch(local):
        raise InvalidAccountInput("`email` has characters not allowed before the @", "email")
    try:
        ascii_domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise InvalidAccountInput("`email` has a domain that is not valid", "email") from None
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.fullmatch(label) for label in labels):
        raise InvalidAccountInput("`email` has a domain that is not valid", "email")
    email = f"{local}@{ascii_domain}"
    if len(email) > EMAIL_MAX:
        raise InvalidAccountInput(f"`email` is limited to {EMAIL_MAX} characters", "email")
    return email


def clean_username(value: str) -> str:
    """Letters and digits of any script plus `_ . -`, starting with a letter or digit."""
    text = _plain(value, "username", USERNAME_MAX)
    if len(text) < USERNAME_MIN:
        raise InvalidAccountInput(
            f"`username` needs at least {USERNAME_MIN} characters", "username"
        )
    if not text[0].isalnum() or not all(ch.isalnum() or ch in "_.-" for ch in text):
        raise InvalidAccountInput(
            "`username` may contain only letters, digits, '_', '.' and '-'"
            " and must start with a letter or digit",
            "username",
        )
    return text


def check_password(value: str, field: str = "password") -> str:
    password = unicodedata.normalize("NFC", value)
    if len(password) < PASSWORD_MIN:
        raise InvalidAccountInput(f"`{field}` needs at least {PASSWORD_MIN} characters", field)
    if len(password) > PASSWORD_MAX:
        raise InvalidAccountInput(f"`{field}` is limited to {PASSWORD_MAX} characters", field)
    if "\x00" in password:
        raise InvalidAccountInput(f"`{field}` must not contain NUL characters", field)
    return password


# -- sessions ---------------------------------------------------------------------


def _signed_in(ctx: Context, session: NewSession, user: UserRecord) -> SignedIn:
    # The request came in anonymous: the payload shows the user their own private
    # fields, and the audit row names who it signed in.
    ctx.signed_in = user.id
    scope = getattr(ctx.request, "scope", None)
    if isinstance(scope, dict):
        scope.setdefault("state", {})["signed_in_user_id"] = user.id
    return SignedIn(token=session.token, expires_at=session.expires_at, user=user)


async def register(
    ctx: Context, *, email: str, username: str, password: str, full_name: str | None
) -> SignedIn | AccountProblem:
    services = _services(ctx)
    try:
        clean = (clean_email(email), clean_username(username), check_password(password))
        name = clean_text(full_name, field="fullName", max_length=255)
    except (InvalidAccountInput, GraphQLError) as exc:
        return _invalid(exc)
    created = await services.accounts.register(
        email=clean[0], username=clean[1], password=clean[2], full_name=name or None
    )
    if created == "email":
        return AccountProblem("email_taken", "an account with this email exists", "email")
    if created == "username":
        return AccountProblem("username_taken", "this username is taken", "username")
    assert isinstance(created, UserRecord)
    return _signed_in(ctx, await services.sessions.create(created.id), created)


async def login(ctx: Context, *, identifier: str, password: str) -> SignedIn | AccountProblem:
    """The same answer, after the same work, for an unknown account and a wrong password."""
    services = _services(ctx)
    text = unicodedata.normalize("NFC", identifier).strip()
    if not text or len(text) > EMAIL_MAX or len(password) > PASSWORD_MAX or "\x00" in text:
        return AccountProblem("invalid_credentials", WRONG_CREDENTIALS)
    user = await services.accounts.verify_login(text, unicodedata.normalize("NFC", password))
    if user is None:
        return AccountProblem("invalid_credentials", WRONG_CREDENTIALS)
    return _signed_in(ctx, await services.sessions.create(user.id), user)


async def logout(ctx: Context) -> bool:
    """End the caller's session; false when the caller is not signed in with one."""
    services = _services(ctx)
    principal = require_principal(ctx)
    if principal.session_id is None:
        return False
    return await services.sessions.revoke(principal.session_id, user_id=principal.user_id)


async def change_password(
    ctx: Context, *, current: str, new: str
) -> tuple[UserRecord, int] | AccountProblem:
    """Set a new password and end every other session of the user."""
    services = _services(ctx)
    principal = _session_principal(ctx)
    try:
        fresh = check_password(new, "newPassword")
    except InvalidAccountInput as exc:
        return _invalid(exc)
    if len(current) > PASSWORD_MAX or not await services.accounts.change_password(
        principal.user_id, current=unicodedata.normalize("NFC", current), new=fresh
    ):
        return AccountProblem("invalid_credentials", "the current password is wrong")
    ended = await services.sessions.revoke_all(principal.user_id, keep=principal.session_id)
    user = (await ctx.stores.users.by_ids([principal.user_id])).get(principal.user_id)
    if user is None:
        return AccountProblem("not_found", "no such user")
    return user, ended


async def credentials_hold(services: AccountServices, principal: Principal) -> bool:
    """The principal's session or API key, and its account, are still valid (re-checked
    for long-lived subscriptions: resolvers/credentials.py)."""
    if principal.session_id is not None and not await services.sessions.exists(
        principal.session_id
    ):
        return False
    if principal.api_key_id is not None:
        return await _key_still_valid(services, principal)
    state = await services.accounts.auth_state(principal.user_id)
    return state is not None and state.is_active


async def _key_still_valid(services: AccountServices, principal: Principal) -> bool:
    found = await services.accounts.api_key_state(principal.api_key_id)  # type: ignore[arg-type]
    if found is None:
        return False
    expired = found.expires_at is not None and found.expires_at <= datetime.now(UTC)
    return found.is_active and found.user_active and not expired


# -- API keys ---------------------------------------------------------------------


async def create_api_key(
    ctx: Context,
    *,
    name: str,
    permissions: list[str],
    expires_at: datetime | None,
    rate_limit: int | None,
) -> tuple[ApiKeyRecord, str] | AccountProblem:
    services = _services(ctx)
    principal = _session_principal(ctx)
    try:
        label = clean_text(name, field="name", max_length=100, required=True) or ""
    except GraphQLError as exc:
        return _invalid(exc)
    unknown = sorted(set(permissions) - PERMISSIONS)
    if unknown:
        shown = ", ".join(repr(p[:40]) for p in unknown[:5])
        return AccountProblem("invalid", f"unknown permission(s): {shown}", "permissions")
    if not permissions:
        return AccountProblem("invalid", "a key needs at least one permission", "permissions")
    if expires_at is not None:
        if expires_at.tzinfo is None:
            return AccountProblem("invalid", "`expiresAt` needs a time zone", "expiresAt")
        if expires_at <= datetime.now(UTC):
            return AccountProblem("invalid", "`expiresAt` must be in the future", "expiresAt")
    limit = 100 if rate_limit is None else rate_limit  # the seed's default
    if not 1 <= limit <= KEY_RATE_LIMIT_MAX:
        return AccountProblem(
            "invalid", f"`rateLimit` must be between 1 and {KEY_RATE_LIMIT_MAX}", "rateLimit"
        )
    return await services.accounts.create_api_key(
        user_id=principal.user_id,
        name=label,
        permissions=sorted(set(permissions)),
        expires_at=expires_at,
        rate_limit=limit,
    )


async def revoke_api_key(ctx: Context, key_id: UUID) -> ApiKeyRecord | AccountProblem:
    services = _services(ctx)
    _session_principal(ctx)
    found = await services.accounts.revoke_api_key(key_id, viewer=ctx.viewer)
    if found is not None:  # the gateway's copy of the key's state goes at once
        await services.sessions.forget_state(key_state_key(key_id))
    return found or AccountProblem("not_found", "no such API key, or it is not yours")


# -- administration -------------------------------------------------------------


async def set_user_role(ctx: Context, user_id: UUID, role: str) -> UserRecord | AccountProblem:
    services = _services(ctx)
    admin = require_admin(ctx)
    _session_principal(ctx)
    if role not in ROLES:
        raise bad_input(f"`role` must be one of {', '.join(sorted(ROLES))}", field="role")
    if user_id == admin.user_id:
        return AccountProblem("invalid", "administrators cannot change their own role", "userId")
    found = await services.accounts.update_user(user_id, {"role": role})
    if found is not None:
        await services.sessions.forget_state(user_state_key(user_id))
    return found or AccountProblem("not_found", "no such user")


async def set_user_active(ctx: Context, user_id: UUID, active: bool) -> UserRecord | AccountProblem:
    """Deactivating also ends every session (API keys stop working on the next request)."""
    services = _services(ctx)
    admin = require_admin(ctx)
    _session_principal(ctx)
    if user_id == admin.user_id:
        return AccountProblem("invalid", "administrators cannot deactivate themselves", "userId")
    found = await services.accounts.update_user(user_id, {"is_active": active})
    if found is None:
        return AccountProblem("not_found", "no such user")
    await services.sessions.forget_state(user_state_key(user_id))
    if not active:
        await services.sessions.revoke_all(user_id)
    return found
