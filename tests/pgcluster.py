"""A throwaway PostgreSQL + PostGIS cluster for tests and benchmarks.

initdb in a temporary directory, a free port on 127.0.0.1 and a Unix socket in that
directory, trust authentication, no fsync; stopped and removed at the end.  As root
(CI containers), the server runs as the ``postgres`` system user that Debian's
package creates, since PostgreSQL refuses to run as root.

    with PgCluster.start() as pg:
        url = pg.new_database()          # a fresh database with postgis and unaccent
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Self

INSTALL_HINT = ("install the Debian packages postgresql and postgresql-15-postgis-3 "
                "(make test does this when it runs as root)")


class PgUnavailable(RuntimeError):
    """No PostgreSQL/PostGIS here; the message says what is missing."""


def find_bindir() -> Path:
    """The directory with initdb, pg_ctl and postgres, preferring a version with PostGIS."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for env in (os.environ.get("KHARITA_PG_BINDIR"),):
        if env:
            candidates.insert(0, env)
    found = None
    for d in candidates:
        if all(os.access(Path(d) / t, os.X_OK) for t in ("initdb", "pg_ctl", "postgres")):
            version = Path(d).parent.name
            if Path(f"/usr/share/postgresql/{version}/extension/postgis.control").exists():
                return Path(d)
            found = found or Path(d)
    if found is None:
        raise PgUnavailable(f"PostgreSQL server binaries not found; {INSTALL_HINT}")
    raise PgUnavailable(f"PostgreSQL found at {found} but not PostGIS; {INSTALL_HINT}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    def __init__(self, bindir: Path, root: Path, port: int, user: str | None) -> None:
        self.bindir, self.root, self.port, self.run_as = bindir, root, port, user
        self.data = root / "data"
        self._names = itertools.count(1)
        self.template = "kharita_template"

    @classmethod
    def start(cls, settings: dict[str, str] | None = None) -> PgCluster:
        import psycopg

        bindir = find_bindir()
        user = None
        root = Path(tempfile.mkdtemp(prefix="kharita-pg-"))
        if os.geteuid() == 0:
            try:
                import pwd

                pw = pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(root, ignore_errors=True)
                raise PgUnavailable("running as root and no 'postgres' user to run the "
                                    f"server as; {INSTALL_HINT}") from None
            user = "postgres"
            os.chown(root, pw.pw_uid, pw.pw_gid)
        pg = cls(bindir, root, _free_port(), user)
        try:
            pg._run("initdb", "-D", str(pg.data), "-U", "kharita", "--auth=trust",
                    "--no-locale", "-E", "UTF8", "--no-sync")
            opts = {"listen_addresses": "127.0.0.1", "port": str(pg.port),
                    "unix_socket_directories": str(root), "fsync": "off",
                    "full_page_writes": "off", "max_connections": "60",
                    **(settings or {})}
            options = " ".join(f"-c {k}={v}" for k, v in opts.items())
            pg._run("pg_ctl", "-D", str(pg.data), "-l", str(root / "log"), "-w", "-t", "60",
                    "-o", options, "start")
            with psycopg.connect(pg.url("postgres"), autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {pg.template}")
            with psycopg.connect(pg.url(pg.template), autocommit=True) as conn:
                conn.execute("CREATE EXTENSION postgis")
                conn.execute("CREATE EXTENSION unaccent")
        except Exception:
            pg.stop()
            raise
        return pg

    def _run(self, tool: str, *args: str) -> None:
        cmd = [str(self.bindir / tool), *args]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        r = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=self.root)
        if r.returncode != 0:
            logfile = self.root / "log"
            log = logfile.read_text(errors="replace")[-2000:] if logfile.exists() else ""
            raise PgUnavailable(f"{tool} failed ({r.returncode}): {r.stderr.strip()[-2000:]} {log}")

    def url(self, dbname: str) -> str:
        return f"postgresql://kharita@127.0.0.1:{self.port}/{dbname}"

    def new_database(self, name: str | None = None) -> str:
        """A fresh, empty database (extensions installed, no kharita tables yet)."""
        import psycopg

        name = name or f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {self.template} STRATEGY FILE_COPY")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except PgUnavailable:
                pass
            for _ in range(50):
                if not (self.data / "postmaster.pid").exists():
                    break
                time.sleep(0.1)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
