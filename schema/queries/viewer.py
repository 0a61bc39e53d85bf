"""`me`: the signed-in user."""

from __future__ import annotations

import strawberry

from resolvers import users as user_resolvers
from resolvers.context import Info
from schema.user import User


@strawberry.type
class ViewerQueries:
    @strawberry.field
    async def me(self, info: Info) -> User | None:
        found = await user_resolvers.me(info.context)
        return User.from_record(found) if found else None
