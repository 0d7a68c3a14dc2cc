"""A real PostgreSQL server for the test run: started once per session, on a Unix socket.

The server binaries come from the ``pgserver`` wheel (a pinned dev dependency, so ``make
test`` brings them on any machine), else from ``$NEWSROOM_TEST_PG_BIN`` or an installed
PostgreSQL (``/usr/lib/postgresql/*/bin``). Only pgserver's binaries are used, not its
Python side. The cluster is small (16 MB shared buffers, 50 connections, no fsync: the data
is thrown away) and listens on no TCP port. Each test gets a fresh database copied from a
migrated template. As root (CI), the server runs as the ``postgres`` or ``nobody`` user,
since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

TEMPLATE = "newsroom_template"
PREFIX = "newsroom-pg-"
OWNER_FILE = "owner.pid"  # the test run's process id: a cluster whose owner is gone is stale
SERVER_SETTINGS = {
    "listen_addresses": "",
    "shared_buffers": "16MB",
    "max_connections": "50",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_wal_size": "256MB",
    "log_min_messages": "warning",
}


def find_binaries() -> Path | None:
    """A folder with ``initdb``, ``pg_ctl`` and ``postgres``, or ``None``."""
    candidates: list[Path] = []
    if os.environ.get("NEWSROOM_TEST_PG_BIN"):
        candidates.append(Path(os.environ["NEWSROOM_TEST_PG_BIN"]))
    spec = importlib.util.find_spec("pgserver")
    if spec is not None and spec.submodule_search_locations:
        candidates.append(Path(next(iter(spec.submodule_search_locations))) / "pginstall/bin")
    installed = Path("/usr/lib/postgresql").glob("*/bin")
    candidates += sorted(installed, key=lambda p: int(p.parent.name or 0), reverse=True)
    for folder in candidates:
        if all((folder / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _server_user() -> str | None:
    """The user to run the server as when we are root; ``None`` when we are not."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run PostgreSQL")


class PgCluster:
    """One throw-away PostgreSQL cluster in a temporary folder."""

    def __init__(
        self, binaries: Path, root: Path | None = None, settings: dict[str, str] | None = None
    ) -> None:
        """``root`` keeps the cluster in a folder of the caller's (a benchmark's, to start
        it again later); ``settings`` are added to :data:`SERVER_SETTINGS`."""
        self.binaries = binaries
        self.user = _server_user()
        if root is not None:
            root.mkdir(parents=True, exist_ok=True)
        self.root = root or Path(tempfile.mkdtemp(prefix=PREFIX))
        self.data = self.root / "data"
        self.settings = {**SERVER_SETTINGS, **(settings or {})}
        self._names = itertools.count(1)
        if self.user is not None:
            entry = pwd.getpwnam(self.user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        os.chmod(self.root, 0o755)

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [str(a) for a in args],
            user=self.user,
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed:\n{done.stdout}\n{done.stderr}")

    def _initdb(self) -> None:
        self._run(
            self.binaries / "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )

    def start(self) -> None:
        """Start the server, creating the cluster first unless ``root`` already holds one."""
        (self.root / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
        if not (self.data / "PG_VERSION").exists():
            self._initdb()
        options = " ".join(
            f"-c {k}={v!r}" if v == "" else f"-c {k}={v}" for k, v in self.settings.items()
        )
        options += f" -c unix_socket_directories={self.root}"
        self._run(
            self.binaries / "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "server.log"),
            "-w",
            "start",
        )

    def stop(self, *, keep: bool = False) -> None:
        """Stop the server; remove its folder unless ``keep`` (then stop cleanly)."""
        mode = "fast" if keep else "immediate"
        with contextlib.suppress(Exception):
            self._run(self.binaries / "pg_ctl", "-D", str(self.data), "-m", mode, "stop")
        if not keep:
            shutil.rmtree(self.root, ignore_errors=True)

    @classmethod
    def reap_abandoned(cls, binaries: Path) -> int:
        """Stop and remove clusters left by test runs that were killed before their end;
        how many there were."""
        reaped = 0
        for root in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
            try:
                owner = int((root / OWNER_FILE).read_text(encoding="ascii"))
            except (OSError, ValueError):
                continue
            if _alive(owner):
                continue
            stale = cls.__new__(cls)
            stale.binaries, stale.user, stale.root, stale.data = (
                binaries,
                _server_user(),
                root,
                root / "data",
            )
            stale.stop()
            reaped += 1
        return reaped

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.root}"

    def new_database_name(self) -> str:
        return f"test_{os.getpid()}_{next(self._names)}"
