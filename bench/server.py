"""The gateway under test, in a process of its own: `python -m bench.server --port N`.

The app is built in-process with `create_app(settings, authenticator=...)` and served
by uvicorn with uvloop and httptools on 127.0.0.1, access log off. `--auth session`
(default) uses the app's own authenticator: the runner logs in through the `login`
mutation. `--auth fixed` maps one bearer token (env BENCH_TOKEN) to an admin
Principal (env BENCH_ADMIN_ID), to measure the gateway without the session lookup.
"""

from __future__ import annotations

import argparse
import hmac
import os
from collections.abc import Mapping
from typing import Any
from uuid import UUID

import uvicorn

from datasources.settings import Settings
from gateway.app import create_app
from gateway.security.authenticator import AuthenticationFailed, Authenticator
from resolvers.context import Principal


class FixedToken:
    """One bearer token, one admin principal: the stand-in authenticator for the bench."""

    def __init__(self, token: str, principal: Principal) -> None:
        self._expected = f"Bearer {token}"
        self._principal = principal

    async def from_headers(self, headers: Mapping[str, str]) -> Principal | None:
        sent = headers.get("authorization")
        if sent is None:
            return None
        if not hmac.compare_digest(sent, self._expected):
            raise AuthenticationFailed("unknown bench token")
        return self._principal

    async def from_connection_params(self, params: Mapping[str, Any] | None) -> Principal | None:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--auth", choices=("session", "fixed"), default="session")
    args = parser.parse_args()
    authenticator: Authenticator | None = None
    if args.auth == "fixed":
        principal = Principal(user_id=UUID(os.environ["BENCH_ADMIN_ID"]), role="admin")
        authenticator = FixedToken(os.environ["BENCH_TOKEN"], principal)
    app = create_app(Settings.load(), authenticator=authenticator)
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=args.port,
        loop="uvloop",
        http="httptools",
        lifespan="on",
        log_level="warning",
        access_log=False,
    )
    uvicorn.Server(config).run()


if __name__ == "__main__":
    main()
