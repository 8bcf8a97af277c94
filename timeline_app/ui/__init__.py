"""The Qt (PySide6) user interface; it imports ``core``, never the reverse."""
