"""Launcher: ``python main.py …`` is ``python -m timeline_app …`` and ``evidence-timeline …``."""

from timeline_app.app import main

raise SystemExit(main())
