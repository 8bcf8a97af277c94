"""Save-as names: the file type's suffix added, and a file so named never replaced unasked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from timeline_app.core.errors import UserError
from timeline_app.ui.dialogs.messages import Messages


def with_suffix(parent: QWidget | None, path: str, suffix: str) -> Path | None:
    """``path`` ending in ``suffix``, or None if the user would rather not replace that file.

    The file dialog asks before replacing the name as typed; a name that the suffix completes
    ("Smith v. Jones" becomes "Smith v. Jones.docx") is asked about here.
    """
    chosen = Path(path)
    if chosen.suffix.lower() == suffix:
        return chosen
    chosen = chosen.with_name(chosen.name + suffix)
    if chosen.is_dir():
        Messages.user_error(parent, UserError(f"{chosen} is a folder; choose another name."))
        return None
    if chosen.exists() and not Messages.replace_file(parent, chosen.name, str(chosen.parent)):
        return None
    return chosen
