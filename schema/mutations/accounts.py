"""Account mutations: register, login, logout, password, API keys, admin role changes."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry

from resolvers import accounts as resolvers
from resolvers.accounts import AccountProblem
from resolvers.context import Info
from resolvers.ids import from_global_id
from schema.problems import InvalidInput, NotFound
from schema.task import ApiKey
from schema.user import User


@strawberry.type(description="A new session. Send the token as `Authorization: Bearer <token>`.")
class AuthPayload:
    token: str
    expires_at: datetime
    user: User


@strawberry.type
class EmailTaken:
    message: str


@strawberry.type
class UsernameTaken:
    message: str


@strawberry.type(description="Unknown account or wrong password: deliberately the same.")
class InvalidCredentials:
    message: str


@strawberry.type
class PasswordChanged:
    user: User
    other_sessions_ended: int


@strawberry.type
class CreatedApiKey:
    key: str = strawberry.field(description="The key itself: shown now, never again.")
    api_key: ApiKey


@strawberry.enum
class UserRole(Enum):
    USER = "user"
    ADMIN = "admin"


@strawberry.input
class RegisterInput:
    email: str
    username: str
    password: str
    full_name: str | None = None


RegisterResult = Annotated[
    AuthPayload | EmailTaken | UsernameTaken | InvalidInput, strawberry.union("RegisterResult")
]
LoginResult = Annotated[AuthPayload | InvalidCredentials, strawberry.union("LoginResult")]
ChangePasswordResult = Annotated[
    PasswordChanged | InvalidCredentials | InvalidInput, strawberry.union("ChangePasswordResult")
]
CreateApiKeyResult = Annotated[CreatedApiKey | InvalidInput, strawberry.union("CreateApiKeyResult")]
RevokeApiKeyResult = Annotated[ApiKey | NotFound, strawberry.union("RevokeApiKeyResult")]
UserResult = Annotated[User | NotFound | InvalidInput, strawberry.union("UserResult")]

PERMISSIONS_HELP = "One or more of: " + ", ".join(sorted(resolvers.PERMISSIONS)) + "."


def _problem(problem: AccountProblem) -> Any:
    if problem.kind == "email_taken":
        return EmailTaken(message=problem.message)
    if problem.kind == "username_taken":
        return UsernameTaken(message=problem.message)
    if problem.kind == "invalid_credentials":
        return InvalidCredentials(message=problem.message)
    if problem.kind == "not_found":
        return NotFound(message=problem.message)
    return InvalidInput(message=problem.message, field=problem.field)


def _signed_in(result: resolvers.SignedIn | AccountProblem) -> Any:
    if isinstance(result, AccountProblem):
        return _problem(result)
    return AuthPayload(
        token=result.token, expires_at=result.expires_at, user=User.from_record(result.user)
    )


def _user(result: Any) -> Any:
    return _problem(result) if isinstance(result, AccountProblem) else User.from_record(result)


@strawberry.type
class AccountMutations:
    @strawberry.mutation(description="Create an account and sign in.")
    async def register(self, info: Info, input: RegisterInput) -> RegisterResult:
        return _signed_in(
            await resolvers.register(
                info.context,
                email=input.email,
                username=input.username,
                password=input.password,
                full_name=input.full_name,
            )
        )

    @strawberry.mutation(description="Sign in with an email or a username.")
    async def login(self, info: Info, email_or_username: str, password: str) -> LoginResult:
        return _signed_in(
            await resolvers.login(info.context, identifier=email_or_username, password=password)
        )

    @strawberry.mutation(description="End this session; false when not signed in with one.")
    async def logout(self, info: Info) -> bool:
        return await resolvers.logout(info.context)

    @strawberry.mutation(description="Change the password and end every other session.")
    async def change_password(
        self, info: Info, current_password: str, new_password: str
    ) -> ChangePasswordResult:
        result = await resolvers.change_password(
            info.context, current=current_password, new=new_password
        )
        if isinstance(result, AccountProblem):
            return _problem(result)  # type: ignore[no-any-return]
        user, ended = result
        return PasswordChanged(user=User.from_record(user), other_sessions_ended=ended)

    @strawberry.mutation(description="A new API key for the signed-in user. " + PERMISSIONS_HELP)
    async def create_api_key(
        self,
        info: Info,
        name: str,
        permissions: list[str],
        expires_at: datetime | None = None,
        rate_limit: Annotated[
            int | None, strawberry.argument(description="Requests per minute (default 100).")
        ] = None,
    ) -> CreateApiKeyResult:
        result = await resolvers.create_api_key(
            info.context,
            name=name,
            permissions=permissions,
            expires_at=expires_at,
            rate_limit=rate_limit,
        )
        if isinstance(result, AccountProblem):
            return _problem(result)  # type: ignore[no-any-return]
        record, key = result
        return CreatedApiKey(key=key, api_key=ApiKey.from_record(record))

    @strawberry.mutation
    async def revoke_api_key(self, info: Info, id: strawberry.ID) -> RevokeApiKeyResult:
        result = await resolvers.revoke_api_key(
            info.context, from_global_id(id, expect="ApiKey")[1]
        )
        if isinstance(result, AccountProblem):
            return _problem(result)  # type: ignore[no-any-return]
        return ApiKey.from_record(result)

    @strawberry.mutation(description="Administrators only.")
    async def set_user_role(self, info: Info, user_id: strawberry.ID, role: UserRole) -> UserResult:
        target = from_global_id(user_id, expect="User")[1]
        return _user(await resolvers.set_user_role(info.context, target, role.value))  # type: ignore[no-any-return]

    @strawberry.mutation(description="Administrators only. Deactivating ends every session.")
    async def set_user_active(self, info: Info, user_id: strawberry.ID, active: bool) -> UserResult:
        target = from_global_id(user_id, expect="User")[1]
        return _user(await resolvers.set_user_active(info.context, target, active))  # type: ignore[no-any-return]
