"""The desktop bundle next to the virtual environment: its size, and start to the first window.

    .venv/bin/python -m benchmarks.bench_bundle [--bundle dist/evidence-timeline] [--runs 7]

Without --bundle, scripts/build_bundle.sh builds one into benchmarks/out/ first. Size: the
bundle's files against the files of the Python packages it replaces, as installed in this
environment (Python itself not counted). Start: from starting the process to the log's
"Window shown" line, offscreen, on the demo case; the two programs take turns, after one
start each that writes the demo case (and the venv's bytecode), and the medians are compared.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
LIMIT_MB = 250
LOG = "evidence-timeline.log"


def bundle_bytes(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_symlink())


def installed_bytes(project: str = "evidence-timeline") -> int:
    """The installed files of the project's runtime requirements, at any depth."""
    seen: set[str] = set()
    todo = [project]
    total = 0
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        if name != project:
            total += sum(
                Path(str(dist.locate_file(f))).stat().st_size
                for f in dist.files or []
                if Path(str(dist.locate_file(f))).is_file()
            )
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return total


def start_to_window(command: list[str], log: Path, env: dict[str, str]) -> float:
    """Seconds from starting ``command`` to its "Window shown" line in ``log``."""
    before = log.read_text(encoding="utf-8").count("Window shown") if log.exists() else 0
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    try:
        while (log.read_text(encoding="utf-8").count("Window shown") if log.exists() else 0) <= (
            before
        ):
            if process.poll() is not None:
                raise SystemExit(f"{command[0]} stopped before its window showed")
            time.sleep(0.005)
        return time.perf_counter() - started
    finally:
        process.kill()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bundle", type=Path, help="a built bundle folder (default: build one)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bundle = args.bundle
    if bundle is None:
        out = ROOT / "benchmarks" / "out"
        started = time.perf_counter()
        built = subprocess.run(
            ["bash", str(ROOT / "scripts" / "build_bundle.sh"), str(out)],
            env={**os.environ, "PYTHON": sys.executable},
            capture_output=True,
            text=True,
            check=False,
        )
        if built.returncode:
            raise SystemExit(built.stdout + built.stderr)
        print(f"built the bundle in {time.perf_counter() - started:.0f} s")
        bundle = out / "evidence-timeline"
    size, venv = bundle_bytes(bundle), installed_bytes()
    print(
        f"bundle size: {size / 2**20:.0f} MB unpacked (target: under {LIMIT_MB} MB); the "
        f"packages it replaces in this venv: {venv / 2**20:.0f} MB; ratio {size / venv:.2f}"
    )

    folder = Path(tempfile.mkdtemp(prefix="bench-bundle-"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "DISPLAY")}
    env |= {"QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(folder)}
    programs = {
        "venv": [sys.executable, str(ROOT / "main.py")],
        "bundle": [str(bundle / "evidence-timeline")],
    }
    times: dict[str, list[float]] = {name: [] for name in programs}
    for run in range(args.runs + 1):
        for name, command in programs.items():
            home = folder / name
            took = start_to_window([*command, "--basedir", str(home)], home / LOG, env)
            if run:  # the first start writes the demo case
                times[name].append(took)
    venv_start, bundle_start = (statistics.median(times[n]) for n in ("venv", "bundle"))
    print(
        f"start to the first window (median of {args.runs}, offscreen): bundle "
        f"{bundle_start:.2f} s, venv {venv_start:.2f} s; ratio {bundle_start / venv_start:.2f} "
        "(target: at most 1.5)"
    )


if __name__ == "__main__":
    main()
