"""The application layer: each use case once, with no Qt, for the window and the command line.

The window (``ui/``) and the command line (``cli.py``) parse what the user gave, call one
function here and show its result; neither re-implements a rule. These functions speak to the
store, the date engine, the exporters and the importers.
"""
