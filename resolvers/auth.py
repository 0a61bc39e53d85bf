"""Who may do what: checks every resolver calls before touching data."""

from __future__ import annotations

from resolvers.context import Context, Principal
from resolvers.errors import forbidden, unauthenticated


def require_principal(ctx: Context, permission: str | None = None) -> Principal:
    """The caller, or UNAUTHENTICATED; with `permission`, FORBIDDEN when a key lacks it."""
    principal = ctx.principal
    if principal is None:
        raise unauthenticated()
    if permission is not None and not principal.allows(permission):
        raise forbidden(f"this API key lacks the '{permission}' permission")
    return principal


def require_admin(ctx: Context) -> Principal:
    principal = require_principal(ctx)
    if not principal.is_admin:
        raise forbidden("administrators only")
    return principal
