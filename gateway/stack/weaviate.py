"""Weaviate built from its published Go module (`go install`), run on loopback.

Only HTTP, gossip and Raft can be bound to 127.0.0.1; Weaviate listens for gRPC and its
internal cluster data port on all interfaces (hard-coded upstream), so use a firewall
if the machine is shared. Only started on request (`--with-weaviate`, or
VECTOR_BACKEND=weaviate): pgvector is the default vector backend.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

import httpx

from gateway.stack.base import Store, external_url, log
from gateway.stack.process import HOST, Record, StackError, port_answers, run_logged, spawn

MODULE = "github.com/weaviate/weaviate/cmd/weaviate-server"
VERSION = "v1.35.2"


def server_env(ports: Mapping[str, int], data_dir: Path, backups: Path) -> dict[str, str]:
    """The variables that make a single-node, loopback Weaviate with only the backup module."""
    return {
        "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED": "true",
        "PERSISTENCE_DATA_PATH": str(data_dir),
        # We send our own vectors: no vectorizer modules, no network calls out. The one
        # module is the filesystem backup backend `curriculum backup` uses.
        "DEFAULT_VECTORIZER_MODULE": "none",
        "ENABLE_MODULES": "backup-filesystem",
        "BACKUP_FILESYSTEM_PATH": str(backups),
        "CLUSTER_HOSTNAME": "node1",
        "CLUSTER_BIND_ADDR": HOST,
        "CLUSTER_ADVERTISE_ADDR": HOST,
        "CLUSTER_GOSSIP_BIND_PORT": str(ports["gossip"]),
        "CLUSTER_DATA_BIND_PORT": str(ports["data"]),
        "RAFT_PORT": str(ports["raft"]),
        # Not CLUSTER_IN_LOCALHOST: that mode ignores this and assumes RAFT_PORT + 1.
        "RAFT_INTERNAL_RPC_PORT": str(ports["raft_rpc"]),
        "RAFT_BOOTSTRAP_EXPECT": "1",
        "GRPC_PORT": str(ports["grpc"]),
        # The profiling server would otherwise take :6060 on all interfaces.
        "GO_PROFILING_DISABLE": "true",
        "DISABLE_TELEMETRY": "true",
        "LIMIT_RESOURCES": "true",
        "QUERY_DEFAULTS_LIMIT": "25",
        "LOG_FORMAT": "text",  # readable in the log tail of an error
        "LOG_LEVEL": "info",  # not the app's LOG_LEVEL=INFO, which Weaviate does not parse
    }


class WeaviateStore(Store):
    name = "weaviate"
    url_key = "WEAVIATE_URL"
    default_ports = {
        "http": 58080,
        "grpc": 58051,
        "gossip": 57946,
        "data": 57947,
        "raft": 58300,
        "raft_rpc": 58301,
    }
    start_timeout = 120.0

    @property
    def binary(self) -> Path:
        # One folder per version: bumping VERSION rebuilds, the old binary stays harmless.
        return self.paths.cache / "weaviate" / VERSION / "weaviate-server"

    def external(self, environ: Mapping[str, str]) -> dict[str, str] | None:
        url = external_url(environ, "WEAVIATE_URL", ("http", "https"))
        grpc = external_url(environ, "WEAVIATE_GRPC_URL", ("http", "https"))
        if (url is None) != (grpc is None):
            raise StackError(
                "set both WEAVIATE_URL and WEAVIATE_GRPC_URL to use an external Weaviate "
                "(the client needs HTTP and gRPC), or neither to let the stack start one"
            )
        if url is None or grpc is None:
            return None
        return {"WEAVIATE_URL": url, "WEAVIATE_GRPC_URL": grpc}

    @property
    def backups(self) -> Path:
        return self.paths.state / "weaviate-backups"

    def env(self, record: Record) -> dict[str, str]:
        return {
            "WEAVIATE_URL": f"http://{HOST}:{record.ports['http']}",
            "WEAVIATE_GRPC_URL": f"http://{HOST}:{record.ports['grpc']}",
            "WEAVIATE_BACKUP_PATH": str(self.backups),
        }

    def check(self, env: Mapping[str, str]) -> str | None:
        ready = f"{env['WEAVIATE_URL'].rstrip('/')}/v1/.well-known/ready"
        try:
            response = httpx.get(ready, timeout=3)
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}"
        if response.status_code != 200:
            return f"ready endpoint answered {response.status_code}"
        grpc = httpx.URL(env["WEAVIATE_GRPC_URL"])
        grpc_port = grpc.port or (443 if grpc.scheme == "https" else 80)
        if not port_answers(grpc_port, grpc.host):
            return f"gRPC port {grpc.host}:{grpc_port} does not accept connections"
        return None

    @property
    def toolchain(self) -> Path:
        """The Go >= 1.25 that scripts/bootstrap.sh fetches when the OS's Go is older."""
        return self.paths.cache / "toolchains" / "go" / "bin" / "go"

    def go(self) -> tuple[str, dict[str, str]]:
        """The go command to build with, and its environment."""
        env = dict(os.environ)
        if os.access(self.toolchain, os.X_OK):
            # A GOROOT of the OS's older Go would hide this one's standard library.
            env.pop("GOROOT", None)
            return str(self.toolchain), env | {"GOTOOLCHAIN": "local"}
        go = shutil.which("go")
        if go is None:
            raise StackError(
                "`go` is not installed: Weaviate is built with `go install` "
                "(`make test` installs it: scripts/bootstrap.sh); "
                "or set WEAVIATE_URL/WEAVIATE_GRPC_URL to use an external Weaviate"
            )
        return go, env

    def build(self) -> None:
        if self.binary.is_file():
            return
        go, env = self.go()
        log.info(
            "weaviate: building %s@%s with go install, once (about 3-7 min on 2 cores with "
            "empty Go caches; ~1.5 GB of Go caches in ~/go and ~/.cache/go-build)",
            MODULE,
            VERSION,
        )
        # Static binary, and GOBIN straight into our cache; the Go caches are global anyway.
        env |= {"GOBIN": str(self.binary.parent), "CGO_ENABLED": "0"}
        run_logged(
            [go, "install", f"{MODULE}@{VERSION}"],
            log=self.paths.log("weaviate-build"),
            what="go install (Weaviate)",
            timeout=3600,
            env=env,
        )
        if not self.binary.is_file():
            raise StackError(f"go install succeeded but {self.binary} is missing")

    def launch(self, ports: Mapping[str, int]) -> int:
        data = self.paths.data(self.name)
        data.mkdir(parents=True, exist_ok=True)
        self.backups.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ) | server_env(ports, data, self.backups)
        cmd = [str(self.binary), "--host", HOST, "--port", str(ports["http"]), "--scheme", "http"]
        return spawn(cmd, log=self.log_path, env=env, cwd=data).pid
