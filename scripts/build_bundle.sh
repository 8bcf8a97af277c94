#!/usr/bin/env bash
# Build the one-folder desktop bundle: dist/evidence-timeline/, whose program is
# dist/evidence-timeline/evidence-timeline. Run from the project folder after the README's set-up:
#
#   scripts/build_bundle.sh [DISTDIR]
#
# DISTDIR replaces dist/. PYTHON names the Python to build with (default .venv/bin/python); the
# bundle extra of pyproject.toml (PyInstaller) is installed into it if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
dist="$(mkdir -p "${1:-dist}" && cd "${1:-dist}" && pwd)"

if ! "$python" -c "import PyInstaller" 2>/dev/null; then
    "$python" - <<'PY'
import subprocess, sys, tomllib
with open("pyproject.toml", "rb") as project:
    wanted = tomllib.load(project)["project"]["optional-dependencies"]["bundle"]
subprocess.run([sys.executable, "-m", "pip", "install", "-q", *wanted], check=True)
PY
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work" bundling/evidence-timeline.spec
cp scripts/install-desktop.sh "$dist/evidence-timeline/"
echo "Built $dist/evidence-timeline ($(du -sh "$dist/evidence-timeline" | cut -f1))"
