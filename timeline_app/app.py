"""Entry point. Startup order: logging to the user's data folder, then the command line.

Errors the user can act on are handled by the command line (exit 2). Anything else is a bug:
it is logged with its traceback, reported once in one sentence, and the process exits 1.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from timeline_app import cli
from timeline_app.paths import log_file

log = logging.getLogger("timeline_app")

EXIT_BUG = 1


def _basedir(argv: Sequence[str]) -> str | None:
    """``--basedir`` read ahead of the parser (the last one wins, as there), for the log."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--basedir" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--basedir="):
            found = arg.split("=", 1)[1]
    return found


def _setup_logging(argv: Sequence[str]) -> str:
    """Log to the log file (once per process); return where, or why not."""
    path = log_file(_basedir(argv))
    if log.handlers:
        return str(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
        path_text = "the terminal (the data folder cannot be written)"
    else:
        path_text = str(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path_text


def main(argv: Sequence[str] | None = None) -> int:
    """Run Evidence Timeline with ``argv`` (default: the process arguments)."""
    args = list(sys.argv[1:] if argv is None else argv)
    where = _setup_logging(args)
    try:
        return cli.run(args)
    except Exception:
        log.exception("Unexpected error running %s", args)
        print(
            "evidence-timeline: something went wrong inside Evidence Timeline (our fault, not "
            f"yours). Your case file was not changed. The details are in {where}.",
            file=sys.stderr,
        )
        return EXIT_BUG
