"""Configured and chosen ports of the dev stack (sockets only; no store is started)."""

from __future__ import annotations

import socket
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

from gateway.stack import ports
from gateway.stack.manager import STORE_TYPES
from gateway.stack.paths import StackPaths
from gateway.stack.process import Record, StackError, choose_ports
from gateway.stack.redis import RedisStore


@contextmanager
def listening() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


def free_port() -> int:
    [port] = choose_ports([[0]])
    return port


def test_layout_covers_every_port_of_every_store_once() -> None:
    declared = {(t.name, key) for t in STORE_TYPES for key in t.default_ports}
    assert set(ports.LAYOUT) == declared
    assert len(ports.LAYOUT) == len(declared)


def test_variable_names() -> None:
    assert ports.variable("postgres", "port") == "STACK_POSTGRES_PORT"
    assert ports.variable("redis", "port") == "STACK_REDIS_PORT"
    assert ports.variable("neo4j", "bolt") == "STACK_NEO4J_PORT"
    assert ports.variable("weaviate", "http") == "STACK_WEAVIATE_PORT"
    assert ports.variable("weaviate", "grpc") == "STACK_WEAVIATE_GRPC_PORT"
    assert ports.variable("weaviate", "raft_rpc") == "STACK_WEAVIATE_RAFT_RPC_PORT"


def test_nothing_configured() -> None:
    assert ports.configured({}) == {}


def test_base_gives_every_port_a_fixed_offset() -> None:
    fixed = ports.configured({"STACK_PORT_BASE": "40000"})
    assert {slot: c.port for slot, c in fixed.items()} == {
        slot: 40000 + offset for offset, slot in enumerate(ports.LAYOUT)
    }
    assert fixed[("redis", "port")].source == "STACK_PORT_BASE=40000 + 1"
    assert fixed[("redis", "port")].variable == "STACK_PORT_BASE"


def test_own_variable_wins_over_the_base() -> None:
    fixed = ports.configured({"STACK_PORT_BASE": "40000", "STACK_REDIS_PORT": " 41000 "})
    assert fixed[("redis", "port")] == ports.Configured(
        41000, "STACK_REDIS_PORT=41000", "STACK_REDIS_PORT"
    )
    assert fixed[("postgres", "port")].port == 40000


def test_only_the_named_port_is_configured() -> None:
    fixed = ports.configured({"STACK_WEAVIATE_GRPC_PORT": "41051"})
    assert list(fixed) == [("weaviate", "grpc")]


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("STACK_REDIS_PORT", ""),
        ("STACK_REDIS_PORT", "abc"),
        ("STACK_REDIS_PORT", "-5"),
        ("STACK_REDIS_PORT", "6379.0"),
        ("STACK_REDIS_PORT", "80"),  # privileged
        ("STACK_REDIS_PORT", "65536"),
        ("STACK_REDIS_PORT", "99999999999999999999"),
        ("STACK_PORT_BASE", "65530"),  # the last offsets would pass 65535
        ("STACK_PORT_BASE", "\x00"),
        ("STACK_PORT_BASE", "\uff14\uff10\uff10\uff10\uff10"),  # fullwidth digits
    ],
)
def test_malformed_values_name_the_variable_without_echoing_it(variable: str, value: str) -> None:
    with pytest.raises(StackError, match=f"^{variable} must be a whole number from 1024") as err:
        ports.configured({variable: value})
    assert value.strip() == "" or value not in str(err.value).removeprefix(variable)


def test_the_highest_base_fits() -> None:
    fixed = ports.configured({"STACK_PORT_BASE": str(65535 - len(ports.LAYOUT) + 1)})
    assert max(c.port for c in fixed.values()) == 65535


def test_two_variables_asking_for_one_port_is_an_error() -> None:
    with pytest.raises(StackError, match="both ask for port 41000"):
        ports.configured({"STACK_REDIS_PORT": "41000", "STACK_POSTGRES_PORT": "41000"})
    with pytest.raises(StackError, match=r"STACK_PORT_BASE=41000 \+ 1 .* 41001"):
        ports.configured({"STACK_PORT_BASE": "41000", "STACK_NEO4J_PORT": "41001"})


def test_a_configured_port_is_used_when_free() -> None:
    port = free_port()
    fixed = ports.configured({"STACK_REDIS_PORT": str(port)})
    assert ports.choose("redis", {"port": 56379}, {}, fixed) == {"port": port}


def test_a_configured_port_that_is_taken_fails_naming_port_and_variable() -> None:
    with listening() as busy:
        fixed = ports.configured({"STACK_REDIS_PORT": str(busy)})
        with pytest.raises(StackError) as err:
            ports.choose("redis", {"port": 56379}, {}, fixed)
    message = str(err.value)
    assert f"port {busy} (STACK_REDIS_PORT={busy}) is in use" in message
    assert "set STACK_REDIS_PORT to a free port" in message


def test_a_taken_port_from_the_base_names_the_base() -> None:
    with listening() as busy:
        fixed = {
            ("redis", "port"): ports.Configured(busy, "STACK_PORT_BASE=1 + 1", "STACK_PORT_BASE")
        }
        hint = r"set STACK_PORT_BASE to another base \(the stack uses 10 ports"
        with pytest.raises(StackError, match=hint):
            ports.ensure_free(ports.of_store("redis", fixed))


def test_an_unconfigured_port_that_is_taken_falls_back_to_a_free_one() -> None:
    with listening() as busy:
        chosen = ports.choose("redis", {"port": busy}, {}, {})
    assert chosen["port"] != busy


def test_the_last_run_port_is_preferred_when_nothing_is_configured() -> None:
    last = free_port()
    assert ports.choose("redis", {"port": 56379}, {"port": last}, {}) == {"port": last}


def test_a_chosen_port_never_takes_one_configured_for_another_store() -> None:
    wanted = free_port()
    fixed = ports.configured({"STACK_POSTGRES_PORT": str(wanted)})
    # Redis's default and last port both are the port PostgreSQL is configured to use.
    chosen = ports.choose("redis", {"port": wanted}, {"port": wanted}, fixed)
    assert chosen["port"] != wanted


def test_configured_and_chosen_ports_mix_within_a_store() -> None:
    grpc = free_port()
    fixed = ports.configured({"STACK_WEAVIATE_GRPC_PORT": str(grpc)})
    defaults = {"http": 0, "grpc": 58051, "gossip": 0}
    chosen = ports.choose("weaviate", defaults, {}, fixed)
    assert chosen["grpc"] == grpc
    assert len(set(chosen.values())) == 3
    assert list(chosen) == list(defaults)


class _RunningRedis(RedisStore):
    """A Redis store whose record says it already runs on `self.on`."""

    on: dict[str, int]

    def running(self) -> Record | None:
        return Record(pid=1, create_time=0.0, ports=self.on)


def _store(tmp_path: Path, on: Mapping[str, int] | None) -> RedisStore:
    paths = StackPaths(state=tmp_path / "state", cache=tmp_path / "cache")
    if on is None:
        return RedisStore(paths)
    store = _RunningRedis(paths)
    store.on = dict(on)
    return store


def test_check_ports_accepts_our_running_store_on_its_configured_port(tmp_path: Path) -> None:
    with listening() as ours:  # our own Redis holds the port: that is reuse, not a clash
        store = _store(tmp_path, {"port": ours})
        store.check_ports(ports.configured({"STACK_REDIS_PORT": str(ours)}))


def test_check_ports_refuses_to_silently_move_a_running_store(tmp_path: Path) -> None:
    store = _store(tmp_path, {"port": 56379})
    with pytest.raises(StackError, match=r"already running on port 56379, but STACK_REDIS_PORT=4"):
        store.check_ports(ports.configured({"STACK_REDIS_PORT": "41234"}))


def test_check_ports_fails_early_when_a_stopped_store_would_clash(tmp_path: Path) -> None:
    store = _store(tmp_path, None)
    with listening() as busy, pytest.raises(StackError, match=f"port {busy}"):
        store.check_ports(ports.configured({"STACK_REDIS_PORT": str(busy)}))
