"""A throwaway PostgreSQL cluster in a temporary folder: for the tests' fixtures and the benchmark.

``initdb`` and ``pg_ctl`` from Debian's ``postgresql`` package, a socket in the folder and no
TCP port, trust authentication. The tests turn ``fsync`` off (nothing in it needs to outlive a
crash); the benchmark keeps it on, as a firm's server would.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BINARIES = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
"""Each installed PostgreSQL's programs, oldest first."""


def as_cluster_owner(command: list[str]) -> list[str]:
    """``initdb`` refuses to run as root: run the cluster as the ``postgres`` user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass(frozen=True)
class Cluster:
    """A running throwaway cluster: its address (no case in it), and how to restart it."""

    folder: Path
    """Its data (``data``), its log and its socket."""
    port: int
    binaries: Path
    durable: bool

    @property
    def address(self) -> str:
        """The server's address, connecting as ``postgres`` over the socket."""
        return f"postgresql:///postgres?host={self.folder}&port={self.port}&user=postgres"

    def pg_ctl(self, *args: str) -> None:
        """Run ``pg_ctl`` on the cluster (``restart``, ``stop`` …), waiting until it is done."""
        options = f"-k {self.folder} -c listen_addresses='' -p {self.port}"
        if not self.durable:
            options += " -c fsync=off"
        subprocess.run(
            as_cluster_owner(
                [
                    str(self.binaries / "pg_ctl"),
                    *("-D", str(self.folder / "data"), "-w", "-l", str(self.folder / "log")),
                    *(("-o", options) if args[0] in ("start", "restart") else ()),
                    *args,
                ]
            ),
            check=True,
            capture_output=True,
        )


@contextlib.contextmanager
def throwaway_cluster(*, durable: bool = False) -> Iterator[Cluster]:
    """Start a new cluster as user ``postgres``; stop it and delete its folder afterwards.

    :param durable: flush every commit to disk (``fsync``), as a real server does.
    :raises FileNotFoundError: PostgreSQL is not installed.
    """
    if not BINARIES:
        raise FileNotFoundError("PostgreSQL is not installed (apt-get install postgresql)")
    cluster = _new_cluster(Path(BINARIES[-1]), durable)
    subprocess.run(
        as_cluster_owner(
            [
                str(cluster.binaries / "initdb"),
                *("-D", str(cluster.folder / "data")),
                *("-A", "trust", "-U", "postgres"),
            ]
        ),
        check=True,
        capture_output=True,
    )
    with _running(cluster):
        yield cluster


@contextlib.contextmanager
def replica_of(primary: Cluster) -> Iterator[Cluster]:
    """A hot standby of ``primary``, fed by streaming replication, in a folder of its own."""
    replica = _new_cluster(primary.binaries, primary.durable)
    subprocess.run(
        as_cluster_owner(
            [
                str(primary.binaries / "pg_basebackup"),
                *("-D", str(replica.folder / "data")),
                *("-h", str(primary.folder), "-p", str(primary.port), "-U", "postgres"),
                *("-c", "fast", "-R"),  # at once, and follow it as a standby
            ]
        ),
        check=True,
        capture_output=True,
    )
    with _running(replica):
        yield replica


def _new_cluster(binaries: Path, durable: bool) -> Cluster:
    """A cluster to be: a new folder the ``postgres`` user owns, and a free port."""
    folder = Path(tempfile.mkdtemp(prefix="et-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return Cluster(folder, port, binaries, durable)


@contextlib.contextmanager
def _running(cluster: Cluster) -> Iterator[None]:
    """Start the cluster; stop it and delete its folder afterwards."""
    try:
        cluster.pg_ctl("start")
        yield
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(cluster.folder, ignore_errors=True)
