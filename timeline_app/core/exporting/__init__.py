"""Exports of a case: the Word chronology, CSV."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from timeline_app.core.errors import UserError


def write_atomically(path: str | os.PathLike[str], write: Callable[[Path], None],
                     what: str) -> None:
    """Have ``write`` fill a temporary file beside ``path``, then rename it into place.

    ``path`` holds either its previous content or the whole new file, never half of one.

    :param what: the file's kind in messages ("The chronology", "The CSV file").
    :raises UserError: the folder cannot be written, or the file is held open elsewhere.
    """
    path = Path(path)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial",
                                        dir=path.parent)
    except OSError as error:
        raise UserError(f"{what} cannot be saved in {path.parent} ({error.strerror}). Choose "
                        "a folder you can write to.") from error
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)  # as any new file, not mkstemp's owner-only
        os.replace(temporary, path)
    except OSError as error:
        raise UserError(f"{what} cannot be saved as {path} ({error.strerror}). If the file is "
                        "open in another program, close it there and try again.") from error
    finally:
        temporary.unlink(missing_ok=True)
