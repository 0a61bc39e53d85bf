"""Neo4j 5.26 Community, embedded in a small Java launcher whose jars Maven fetches.

Build (once, cached): `mvn dependency:copy-dependencies` puts the Neo4j jars in
`<cache>/neo4j/lib`, `javac` compiles the launcher into `<cache>/neo4j/classes`.
Both are skipped while their outputs are newer than pom.xml / the Java source.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import DriverError, Neo4jError

from gateway.stack.base import Store, external_url, log
from gateway.stack.paths import password
from gateway.stack.process import HOST, AuthFailed, Record, StackError, run_logged, spawn

LAUNCHER = Path(__file__).resolve().parent / "neo4j_launcher"
POM = LAUNCHER / "pom.xml"
SOURCE = LAUNCHER / "src" / "main" / "java" / "curriculum" / "Neo4jLauncher.java"
MAIN_CLASS = "curriculum.Neo4jLauncher"
# Modest JVM: 1 GiB heap plus the launcher's 256 MiB page cache; serial GC starts fastest.
JVM_FLAGS = ("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8")
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def is_fresh(output: Path, *sources: Path) -> bool:
    """True when `output` exists and is newer than every source."""
    if not output.exists():
        return False
    built = output.stat().st_mtime
    return all(source.stat().st_mtime <= built for source in sources)


class Neo4jStore(Store):
    name = "neo4j"
    url_key = "NEO4J_URI"
    default_ports = {"bolt": 57687}
    start_timeout = 240.0  # a cold JVM on a small machine takes ~40-90 s
    stop_grace = 60.0  # checkpointing on shutdown

    @property
    def lib(self) -> Path:
        return self.paths.cache / "neo4j" / "lib"

    @property
    def classes(self) -> Path:
        return self.paths.cache / "neo4j" / "classes"

    def external(self, environ: Mapping[str, str]) -> dict[str, str] | None:
        uri = external_url(environ, "NEO4J_URI", SCHEMES)
        if uri is None:
            # The app reads the environment before the env file: a stray NEO4J_PASSWORD
            # would silently override the password of the Neo4j we start.
            stray = [k for k in ("NEO4J_USER", "NEO4J_PASSWORD") if environ.get(k) is not None]
            if stray:
                raise StackError(
                    f"{' and '.join(stray)} set without NEO4J_URI: set NEO4J_URI too to use an "
                    "external Neo4j, or unset them to let the stack start one"
                )
            return None
        return {
            "NEO4J_URI": uri,
            "NEO4J_USER": environ.get("NEO4J_USER") or "neo4j",
            "NEO4J_PASSWORD": environ.get("NEO4J_PASSWORD", ""),
        }

    def env(self, record: Record) -> dict[str, str]:
        return {
            "NEO4J_URI": f"bolt://{HOST}:{record.ports['bolt']}",
            "NEO4J_USER": "neo4j",
            "NEO4J_PASSWORD": password(self.paths, self.name),
        }

    def check(self, env: Mapping[str, str]) -> str | None:
        auth = (env["NEO4J_USER"], env["NEO4J_PASSWORD"])
        try:
            with (
                GraphDatabase.driver(env["NEO4J_URI"], auth=auth, connection_timeout=3) as driver,
                driver.session() as session,
            ):
                # A plain session.run: execute_query would retry for up to 30 s by itself.
                record = session.run("RETURN 1 AS one").single()
            return None if record is not None and record["one"] == 1 else "RETURN 1 gave no row"
        except Neo4jError as exc:
            # Unauthorized, or locked out after too many failed logins.
            if (exc.code or "").startswith("Neo.ClientError.Security."):
                raise AuthFailed(f"{exc.code}: {exc.message}") from None
            return f"{type(exc).__name__}: {exc}"
        except (DriverError, OSError) as exc:
            return f"{type(exc).__name__}: {exc}"

    def build(self) -> None:
        for tool in ("java", "javac", "mvn"):
            if shutil.which(tool) is None:
                raise StackError(
                    f"`{tool}` is not installed: the Neo4j launcher needs a JDK 17+ and Maven "
                    "(`make run` installs them: scripts/bootstrap.sh), "
                    "or set NEO4J_URI/NEO4J_PASSWORD to use an external Neo4j"
                )
        build_log = self.paths.log("neo4j-build")
        stamp = self.lib / ".complete"
        if not is_fresh(stamp, POM):
            log.info(
                "neo4j: fetching the Neo4j jars with Maven, once (~130 MB into ~/.m2; "
                "about 0.5-2.5 min, depending on the network)"
            )
            staging = self.lib.with_name("lib.partial")
            shutil.rmtree(staging, ignore_errors=True)
            run_logged(
                ["mvn", "-B", "-ntp", "-Dstyle.color=never", "-f", str(POM),
                 "dependency:copy-dependencies", "-DincludeScope=runtime",
                 f"-DoutputDirectory={staging}"],
                log=build_log, what="Maven (Neo4j jars)", timeout=1800,
            )  # fmt: skip
            # Swap in whole: a half-copied classpath must never look complete.
            shutil.rmtree(self.lib, ignore_errors=True)
            staging.replace(self.lib)
            stamp.touch()
        class_file = self.classes / "curriculum" / "Neo4jLauncher.class"
        if not is_fresh(class_file, SOURCE, stamp):
            log.info("neo4j: compiling the launcher")
            run_logged(
                ["javac", "-nowarn", "-d", str(self.classes),
                 "-cp", f"{self.lib}/*", str(SOURCE)],
                log=build_log, what="javac (Neo4j launcher)", timeout=300,
            )  # fmt: skip

    def launch(self, ports: Mapping[str, int]) -> int:
        home = self.paths.data(self.name)
        home.mkdir(parents=True, exist_ok=True)
        # The password travels in the environment, never on the command line.
        env = dict(os.environ) | {"NEO4J_PASSWORD": password(self.paths, self.name)}
        classpath = f"{self.classes}{os.pathsep}{self.lib}/*"
        cmd = ["java", *JVM_FLAGS, "-cp", classpath, MAIN_CLASS, str(home), str(ports["bolt"])]
        return spawn(cmd, log=self.log_path, env=env, cwd=home).pid
