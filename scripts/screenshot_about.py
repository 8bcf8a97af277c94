"""The About box of a built bundle, opened as a user opens it (Help ▸ About, from the keyboard).

    xvfb-run -a .venv/bin/python scripts/screenshot_about.py dist/evidence-timeline docs/about.png

The bundle runs with an empty environment and a new home folder; xdotool (Debian package)
presses the keys.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtGui import QGuiApplication


def main() -> None:
    """Start the bundle, open its About box, save a picture of the box."""
    bundle, out = Path(sys.argv[1]), Path(sys.argv[2])
    home = Path(tempfile.mkdtemp(prefix="about-shot-"))
    log = home / ".local/share/evidence-timeline/evidence-timeline.log"
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    env |= {k: os.environ[k] for k in ("DISPLAY", "XAUTHORITY") if k in os.environ}
    app = subprocess.Popen([str(bundle / "evidence-timeline")], env=env, stderr=subprocess.DEVNULL)
    try:
        while not (log.exists() and "Window shown" in log.read_text(encoding="utf-8")):
            if app.poll() is not None:
                raise SystemExit("the bundle stopped before its window showed")
            time.sleep(0.1)
        time.sleep(1)
        for key in ("alt+h", "a"):
            subprocess.run(["xdotool", "key", key], check=True)
            time.sleep(0.5)
        found = subprocess.run(
            ["xdotool", "search", "--sync", "--name", "About Evidence Timeline"],
            capture_output=True,
            text=True,
            check=True,
            timeout=20,
        )
        _screen = QGuiApplication([])
        window = int(found.stdout.split()[0])
        QGuiApplication.primaryScreen().grabWindow(window).save(str(out))
    finally:
        app.kill()
        app.wait()
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
