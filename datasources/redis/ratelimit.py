"""Sliding-window rate limits in Redis, atomic in one Lua script.

Keys follow the seed: `rate_limit:{subject}:{endpoint}:{window}`, a hash with `count`
and `reset_at`, where `window` is the start of a fixed 60 s window (epoch seconds) and
`subject` is a user id (or an API key id, or `ip:<address>` for anonymous callers).
The sliding estimate weights the previous window by how much of it still overlaps
the last 60 s: `previous * (1 - elapsed / window) + current` — O(1) memory per subject,
so each key lives two windows (the seed's 1 minute plus the overlap).

Several limits can be checked in one call (e.g. per IP and per account for a login):
either all of them admit the request and all are charged, or none is charged.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

from redis.asyncio import Redis

from datasources.errors import guarded

STORE = "redis"
WINDOW_SECONDS = 60

# How long a request of `cost` waits when the estimate has no room for it (milliseconds,
# at least 1): shared by both scripts, so a refusal says the same whichever path made it.
_RETRY = """
local function retry_ms(curr, prev, limit, cost, window, elapsed)
  local retry
  if cost > limit then
    retry = window - elapsed + window
  elseif curr + cost <= limit and prev > 0 then
    -- wait until enough of the previous window has slid out
    local needed = window * (1 - (limit - curr - cost) / prev)
    retry = needed - elapsed
  else
    -- wait for the next window, where this window's count becomes `prev`
    local into_next = 0
    if curr > 0 then into_next = window * (1 - (limit - cost) / curr) end
    retry = window - elapsed + into_next
  end
  if retry < 1 then retry = 1 end
  return retry
end
"""

# Guards come first: keys read in the same round trip as the limits (a request's session
# and its cached account state, gateway/security/authenticator.py), one op letter each:
#   E  the key must exist (a session hash): '1', or the call returns at once, uncharged
#   T  the same, and when it exists HSET its last_accessed to ARGV[3] (the session touch)
#   G  GET the key's string value (false when missing)
# KEYS: the G guard keys, then current and previous window key per limit (2 per limit).
# ARGV: guard ops (a string, one letter per guard key), touch value, now_ms, window_ms,
#       window_start_ms, then (limit, cost) per limit.
# Returns {1, min_remaining, 0, guards...} or {0, index_of_denying_limit, retry_after_ms,
# guards...}, or {-1, index_of_missing_guard, 0, guards...} (nothing charged).
_SCRIPT = (
    _RETRY
    + """
local ops = ARGV[1]
local g = #ops
local guards = {}
for i = 1, g do
  local op = string.sub(ops, i, i)
  if op == 'G' then
    guards[i] = redis.call('GET', KEYS[i])
  elseif redis.call('EXISTS', KEYS[i]) == 1 then
    guards[i] = '1'
    if op == 'T' then redis.call('HSET', KEYS[i], 'last_accessed', ARGV[2]) end
  else
    guards[i] = false
    local out = {-1, i, 0}
    for j = 1, g do out[3 + j] = guards[j] or false end
    return out
  end
end
local function answer(a, b, c)
  local out = {a, b, c}
  for j = 1, g do out[3 + j] = guards[j] end
  return out
end
local now = tonumber(ARGV[3])
local window = tonumber(ARGV[4])
local start = tonumber(ARGV[5])
local elapsed = now - start
local weight = (window - elapsed) / window
local n = (#KEYS - g) / 2
local worst_retry, worst_index = -1, 0
local remaining = nil
for i = 1, n do
  local limit = tonumber(ARGV[4 + 2 * i])
  local cost = tonumber(ARGV[5 + 2 * i])
  local curr = tonumber(redis.call('HGET', KEYS[g + 2 * i - 1], 'count') or '0')
  local prev = tonumber(redis.call('HGET', KEYS[g + 2 * i], 'count') or '0')
  local estimate = prev * weight + curr
  if estimate + cost > limit then
    local retry = retry_ms(curr, prev, limit, cost, window, elapsed)
    if retry > worst_retry then worst_retry, worst_index = retry, i end
  else
    local left = math.floor(limit - estimate - cost)
    if remaining == nil or left < remaining then remaining = left end
  end
end
if worst_retry >= 0 then
  return answer(0, worst_index, math.ceil(worst_retry))
end
for i = 1, n do
  local cost = tonumber(ARGV[5 + 2 * i])
  local key = KEYS[g + 2 * i - 1]
  redis.call('HINCRBY', key, 'count', cost)
  redis.call('HSET', key, 'reset_at', math.floor((start + window) / 1000))
  redis.call('PEXPIRE', key, 2 * window)
end
return answer(1, remaining or 0, 0)
"""
)


# Counts kept in process (datasources/redis/local_limits.py), sent in one call. Per entry
# the hits the process already admitted (`pending`) are added whatever the count; when the
# entry asks (`check` 1), one more request is then checked and charged as _SCRIPT does.
# KEYS: current and previous window key per entry.
# ARGV: window_ms, then per entry: pending, reset_at (s), limit, cost, check, elapsed_ms.
# Returns per entry: allowed (1/0), retry_ms, the window's count and the previous one's.
_SYNC_SCRIPT = (
    _RETRY
    + """
local window = tonumber(ARGV[1])
local out = {}
for i = 1, #KEYS / 2 do
  local key, before = KEYS[2 * i - 1], KEYS[2 * i]
  local a = 1 + 6 * (i - 1)
  local pending = tonumber(ARGV[a + 1])
  local limit = tonumber(ARGV[a + 3])
  local cost = tonumber(ARGV[a + 4])
  local elapsed = tonumber(ARGV[a + 6])
  local curr = tonumber(redis.call('HGET', key, 'count') or '0') + pending
  local prev = tonumber(redis.call('HGET', before, 'count') or '0')
  local allowed, retry, charge = 1, 0, pending
  if ARGV[a + 5] == '1' then
    if prev * (window - elapsed) / window + curr + cost > limit then
      allowed, retry = 0, retry_ms(curr, prev, limit, cost, window, elapsed)
    else
      charge = charge + cost
    end
  end
  if charge > 0 then
    curr = redis.call('HINCRBY', key, 'count', charge)
    redis.call('HSET', key, 'reset_at', ARGV[a + 2])
    redis.call('PEXPIRE', key, 2 * window)
  end
  out[#out + 1] = allowed
  out[#out + 1] = math.ceil(retry)
  out[#out + 1] = curr
  out[#out + 1] = prev
end
return out
"""
)


@dataclass(frozen=True, slots=True)
class Limit:
    subject: str  # a user id, an API key id, or "ip:<address>"
    endpoint: str  # the operation class: query, mutation, subscription, login, ...
    limit: int  # per window
    cost: int = 1


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    remaining: int = 0
    retry_after: int = 0  # whole seconds, at least 1 when denied
    denied_by: Limit | None = None


@dataclass(frozen=True, slots=True)
class Guard:
    """A key read in the rate limit's round trip (see _SCRIPT): op is E, T or G."""

    key: str
    op: str
    touch: str = ""  # T: the new last_accessed


@dataclass(frozen=True, slots=True)
class Guarded:
    """What one guarded call found: the guards' values, and the decision unless a
    required guard was missing (then nothing was charged)."""

    values: tuple[bytes | None, ...]
    decision: Decision | None


@dataclass(frozen=True, slots=True)
class Sync:
    """Hits a process admitted on its own for one limit's window (`pending`, charged
    whatever the count), and whether to check and charge one more request (`check`)."""

    limit: Limit
    window_start: int  # epoch milliseconds: the window `pending` belongs to
    pending: int
    check: bool = False


@dataclass(frozen=True, slots=True)
class Synced:
    decision: Decision | None  # None unless the entry asked for a check
    current: int  # the window's count after the call
    previous: int  # the count of the window before it


def rate_limit_key(subject: str, endpoint: str, window_start: int) -> str:
    return f"rate_limit:{subject}:{endpoint}:{window_start}"


class RateLimiter:
    def __init__(
        self, client: Redis, *, timeout: float, window_seconds: int = WINDOW_SECONDS
    ) -> None:
        self.client = client
        self.timeout = timeout
        self.window_seconds = window_seconds
        self._script = client.register_script(_SCRIPT)
        self._sync = client.register_script(_SYNC_SCRIPT)

    async def hit(self, limits: Sequence[Limit], *, now: float | None = None) -> Decision:
        """Charge every limit, or none if any of them is exhausted."""
        if not limits:
            return Decision(allowed=True, remaining=0)
        found = await self.hit_guarded(limits, (), now=now)
        assert found.decision is not None  # no guard, so never refused unread
        return found.decision

    @guarded(STORE)
    async def hit_guarded(
        self, limits: Sequence[Limit], guards: Sequence[Guard], *, now: float | None = None
    ) -> Guarded:
        """Read the guards and charge the limits in one round trip (an atomic script)."""
        now_ms = int((time.time() if now is None else now) * 1000)
        window_ms = self.window_seconds * 1000
        start_ms = now_ms - now_ms % window_ms
        keys: list[str] = [g.key for g in guards]
        touch = next((g.touch for g in guards if g.op == "T"), "")
        args: list[int | str] = ["".join(g.op for g in guards), touch, now_ms, window_ms, start_ms]
        for item in limits:
            keys.append(rate_limit_key(item.subject, item.endpoint, start_ms // 1000))
            keys.append(rate_limit_key(item.subject, item.endpoint, (start_ms - window_ms) // 1000))
            args.extend((item.limit, item.cost))
        allowed, value, retry_ms, *found = await self._script(keys=keys, args=args)
        values = tuple(v if isinstance(v, bytes) else None for v in found)
        if allowed == -1:
            return Guarded(values, None)
        if allowed:
            return Guarded(values, Decision(allowed=True, remaining=int(value)))
        decision = Decision(
            allowed=False,
            retry_after=max(1, math.ceil(int(retry_ms) / 1000)),
            denied_by=limits[int(value) - 1],
        )
        return Guarded(values, decision)

    @guarded(STORE)
    async def sync(self, entries: Sequence[Sync], *, now: float | None = None) -> list[Synced]:
        """Add each entry's pending hits (and check the ones that ask) in one round trip."""
        if not entries:
            return []
        now_ms = int((time.time() if now is None else now) * 1000)
        window_ms = self.window_seconds * 1000
        keys: list[str] = []
        args: list[int | str] = [window_ms]
        for entry in entries:
            item, start_ms = entry.limit, entry.window_start
            keys.append(rate_limit_key(item.subject, item.endpoint, start_ms // 1000))
            keys.append(rate_limit_key(item.subject, item.endpoint, (start_ms - window_ms) // 1000))
            reset_at = (start_ms + window_ms) // 1000
            elapsed = min(max(now_ms - start_ms, 0), window_ms)
            args.extend((entry.pending, reset_at, item.limit, item.cost, int(entry.check), elapsed))
        found = await self._sync(keys=keys, args=args)
        out: list[Synced] = []
        for i, entry in enumerate(entries):
            allowed, retry_ms, current, previous = (int(v) for v in found[4 * i : 4 * i + 4])
            decision = None
            if entry.check:
                decision = (
                    Decision(allowed=True)
                    if allowed
                    else Decision(
                        allowed=False,
                        retry_after=max(1, math.ceil(retry_ms / 1000)),
                        denied_by=entry.limit,
                    )
                )
            out.append(Synced(decision, current, previous))
        return out
