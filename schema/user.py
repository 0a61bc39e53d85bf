"""User: public profile for everyone, private fields for the user and admins."""

from __future__ import annotations

from datetime import datetime

import strawberry

from datasources.postgres.records import UserRecord
from resolvers.context import Context, Info
from resolvers.ids import to_global_id
from schema.common import Node, node_for


def _may_see_private(info: Info, record: UserRecord) -> bool:
    ctx = info.context
    p = ctx.principal
    if p is not None and (p.is_admin or p.user_id == record.id):
        return True
    return ctx.signed_in == record.id


@strawberry.type
class User(Node):
    record: strawberry.Private[UserRecord]
    id: strawberry.ID
    username: str
    full_name: str | None

    @classmethod
    def from_record(cls, record: UserRecord) -> User:
        return cls(
            record=record,
            id=strawberry.ID(to_global_id("User", record.id)),
            username=record.username,
            full_name=record.full_name,
        )

    @classmethod
    def of(cls, ctx: Context, record: UserRecord | None) -> User | None:
        """The request's User for `record` (schema/common.node_for); None stays None."""
        return None if record is None else node_for(ctx, cls, record)

    @strawberry.field(description="Only for the user themself and admins; null otherwise.")
    def email(self, info: Info) -> str | None:
        return self.record.email if _may_see_private(info, self.record) else None

    @strawberry.field(description="Only for the user themself and admins; null otherwise.")
    def role(self, info: Info) -> str | None:
        return self.record.role if _may_see_private(info, self.record) else None

    @strawberry.field(description="Only for the user themself and admins; null otherwise.")
    def is_active(self, info: Info) -> bool | None:
        return self.record.is_active if _may_see_private(info, self.record) else None

    @strawberry.field(description="Only for the user themself and admins; null otherwise.")
    def is_verified(self, info: Info) -> bool | None:
        return self.record.is_verified if _may_see_private(info, self.record) else None

    @strawberry.field(description="Only for the user themself and admins; null otherwise.")
    def last_login(self, info: Info) -> datetime | None:
        return self.record.last_login if _may_see_private(info, self.record) else None

    @strawberry.field(description="Only for the user themself and admins; null otherwise.")
    def created_at(self, info: Info) -> datetime | None:
        return self.record.created_at if _may_see_private(info, self.record) else None
