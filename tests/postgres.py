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

    address: str
    data: Path
    binaries: Path
    options: str
    log: Path

    def pg_ctl(self, *args: str) -> None:
        """Run ``pg_ctl`` on the cluster (``restart``, ``stop`` …), waiting until it is done."""
        subprocess.run(
            as_cluster_owner(
                [str(self.binaries / "pg_ctl"), "-D", str(self.data), "-w", "-l", str(self.log)]
                + (["-o", self.options] if args[0] in ("start", "restart") else [])
                + list(args)
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
    binaries = Path(BINARIES[-1])
    folder = Path(tempfile.mkdtemp(prefix="et-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = folder / "data"
    subprocess.run(
        as_cluster_owner(
            [str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]
        ),
        check=True,
        capture_output=True,
    )
    cluster = Cluster(
        address=f"postgresql:///postgres?host={folder}&port={port}&user=postgres",
        data=data,
        binaries=binaries,
        options=f"-k {folder} -c listen_addresses='' -p {port}"
        + ("" if durable else " -c fsync=off"),
        log=folder / "log",
    )
    cluster.pg_ctl("start")
    try:
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)
