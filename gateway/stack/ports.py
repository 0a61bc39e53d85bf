"""Which ports the dev stores listen on.

A port is *configured* when the environment names it: `STACK_PORT_BASE` (every port of the
stack, at a fixed offset from the base) or the port's own variable, which wins over the
base. A configured port that is taken is an error naming the port and the variable. Any
other port is *chosen*: the one the store used last time, else its default, else a free
one (remembered for the next run, so URLs stay stable).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gateway.stack.process import StackError, choose_ports, port_holder, port_is_free

BASE_VARIABLE = "STACK_PORT_BASE"
LOWEST = 1024  # below it binding needs root

# Every port of the stack; its index is its offset from STACK_PORT_BASE. Append only:
# reordering would move the ports of everyone who set a base.
LAYOUT: tuple[tuple[str, str], ...] = (
    ("postgres", "port"),
    ("redis", "port"),
    ("neo4j", "bolt"),
    ("weaviate", "http"),
    ("weaviate", "grpc"),
    ("weaviate", "gossip"),
    ("weaviate", "data"),
    ("weaviate", "raft"),
    ("weaviate", "raft_rpc"),
    ("redis_cache", "port"),
)

Slot = tuple[str, str]  # (store, port key)


@dataclass(frozen=True)
class Configured:
    port: int
    source: str  # how the user asked for it, for messages: "STACK_REDIS_PORT=56000"
    variable: str  # the variable to change to move it


def variable(store: str, key: str) -> str:
    """STACK_<STORE>_PORT for a store's main (first) port, STACK_<STORE>_<KEY>_PORT otherwise."""
    main = next(k for s, k in LAYOUT if s == store)
    middle = "" if key == main else f"_{key.upper()}"
    return f"STACK_{store.upper()}{middle}_PORT"


def _read(environ: Mapping[str, str], name: str, highest: int = 65535) -> int | None:
    raw = environ.get(name)
    if raw is None:
        return None
    value = raw.strip()
    if not (value.isascii() and value.isdigit()) or not LOWEST <= int(value) <= highest:
        raise StackError(f"{name} must be a whole number from {LOWEST} to {highest}")
    return int(value)


def configured(environ: Mapping[str, str]) -> dict[Slot, Configured]:
    """Every port the environment fixes; raises StackError naming a malformed variable."""
    base = _read(environ, BASE_VARIABLE, highest=65535 - (len(LAYOUT) - 1))
    fixed: dict[Slot, Configured] = {}
    for offset, slot in enumerate(LAYOUT):
        name = variable(*slot)
        own = _read(environ, name)
        if own is not None:
            fixed[slot] = Configured(own, f"{name}={own}", name)
        elif base is not None:
            source = f"{BASE_VARIABLE}={base} + {offset}"
            fixed[slot] = Configured(base + offset, source, BASE_VARIABLE)
    by_port: dict[int, Configured] = {}
    for setting in fixed.values():
        other = by_port.setdefault(setting.port, setting)
        if other is not setting:
            raise StackError(
                f"{other.source} and {setting.source} both ask for port {setting.port}"
            )
    return fixed


def of_store(store: str, fixed: Mapping[Slot, Configured]) -> dict[str, Configured]:
    return {key: setting for (name, key), setting in fixed.items() if name == store}


def ensure_free(mine: Mapping[str, Configured]) -> None:
    """Raise, naming the port and the variable, when a configured port is taken."""
    for setting in mine.values():
        if not port_is_free(setting.port):
            raise StackError(
                f"port {setting.port} ({setting.source}) is in use{port_holder(setting.port)}: "
                f"stop what holds it, or {_move_hint(setting.variable)}"
            )


def _move_hint(name: str) -> str:
    if name == BASE_VARIABLE:
        return f"set {name} to another base (the stack uses {len(LAYOUT)} ports from it up)"
    return f"set {name} to a free port"


def ensure_unmoved(running: Mapping[str, int], mine: Mapping[str, Configured]) -> None:
    """Our instance already runs: refuse when the configuration asks for other ports."""
    moved = [s for key, s in mine.items() if running.get(key) != s.port]
    if moved:
        asked = ", ".join(s.source for s in moved)
        now = ", ".join(f"{key} {port}" for key, port in running.items())
        raise StackError(
            f"already running on {now}, but {asked}: stop the stack "
            "(`curriculum stack down`) to move it"
        )


def choose(
    store: str,
    defaults: Mapping[str, int],
    previous: Mapping[str, int],
    fixed: Mapping[Slot, Configured],
) -> dict[str, int]:
    """The ports to start `store` on: configured ones (must be free), the rest chosen."""
    mine = of_store(store, fixed)
    ensure_free(mine)
    open_keys = [key for key in defaults if key not in mine]
    # A chosen port never takes one configured for another store.
    reserved = {setting.port for setting in fixed.values()}
    prefs: list[Sequence[int]] = [
        [port for port in (previous.get(key, 0), defaults[key]) if port not in reserved]
        for key in open_keys
    ]
    chosen = dict(zip(open_keys, choose_ports(prefs, avoid=reserved), strict=True))
    return {key: mine[key].port if key in mine else chosen[key] for key in defaults}
