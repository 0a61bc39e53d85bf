"""api_keys.last_used_at without a write per request: remembered, then flushed in bulk."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from uuid import UUID

from datasources.background import in_background
from datasources.postgres.accounts import AccountStore

log = logging.getLogger("gateway.security.key_usage")


class KeyUsage:
    """Collects the latest use of each key; one UPDATE every `interval` seconds."""

    def __init__(self, accounts: AccountStore, *, interval: float) -> None:
        self.accounts = accounts
        self.interval = interval
        self._pending: dict[UUID, datetime] = {}

    def touch(self, key_id: UUID) -> None:
        self._pending[key_id] = datetime.now(UTC)

    @property
    def pending(self) -> int:
        return len(self._pending)

    async def flush(self) -> int:
        if not self._pending:
            return 0
        batch, self._pending = self._pending, {}
        try:
            return await self.accounts.touch_api_keys(batch)
        except Exception as exc:  # keep the stamps for the next try
            for key_id, at in batch.items():
                if key_id not in self._pending or self._pending[key_id] < at:
                    self._pending[key_id] = at
            log.warning("api key usage not saved yet: %s", type(exc).__name__)
            return 0

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            await self.flush()

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[KeyUsage]:
        """Flush periodically while the app runs, and once more on shutdown."""
        async with in_background(self._run, name="api-key-usage-flush", then=self.flush):
            yield self
