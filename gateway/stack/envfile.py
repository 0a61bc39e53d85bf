"""The env file the stack writes for the app (read via CURRICULUM_ENV_FILE), and masking."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

MASK = "***"
_FORBIDDEN = set(" \t\r\n\"'#$`\\")


def mask_url(url: str) -> str:
    """The URL with any password replaced by ***, so it can be printed or logged."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = f"{user}:{MASK}@{host}"
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None:
        netloc += f":{port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def masked(env: Mapping[str, str]) -> dict[str, str]:
    return {
        key: MASK if key.endswith(("PASSWORD", "API_KEY")) else mask_url(value)
        for key, value in env.items()
    }


def render(env: Mapping[str, str]) -> str:
    """KEY=value lines, unquoted; refuses values a dotenv parser or a shell would mangle."""
    lines = ["# Written by `curriculum stack up`; URLs of the dev stores it started.", ""]
    for key, value in env.items():
        if not key.isidentifier() or not key.isupper():
            raise ValueError(f"not an environment variable name: {key!r}")
        if not value or _FORBIDDEN & set(value):
            raise ValueError(f"{key}: value is empty or contains quotes, spaces or '#'")
        lines.append(f"{key}={value}")
    return "\n".join(lines) + "\n"


def write(path: Path, env: Mapping[str, str]) -> None:
    """Atomically replace `path`, readable by us only (it holds passwords)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(render(env))
    os.chmod(tmp, 0o600)  # O_CREAT's mode is ignored when the file already existed
    tmp.replace(path)


def read(path: Path) -> dict[str, str]:
    """Parse the KEY=value lines of an env file (comments and blank lines skipped)."""
    env: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        env[key.strip()] = value.strip().strip("'\"")
    return env
