"""Exports of a case: the Word chronology, CSV."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from timeline_app.core.errors import UserError
from timeline_app.core.store import is_case_file


def write_atomically(
    path: str | os.PathLike[str], write: Callable[[Path], None], what: str
) -> None:
    """Have ``write`` fill a temporary file beside ``path``, then rename it into place.

    ``path`` holds either its previous content or the whole new file, never half of one. A file
    replaced keeps its permissions; a link is followed, so the file it names is replaced.

    :param what: the file's kind in messages ("The chronology", "The CSV file").
    :raises UserError: the folder cannot be written; the file there is read-only, a case
        file, or held open elsewhere.
    """
    path = Path(path)
    try:
        target = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        target = Path(os.path.realpath(path))  # a new file, perhaps named by a link
    except OSError as error:  # links in a loop; a folder that may not be looked into
        raise UserError(f"{what} cannot be saved as {path} ({error.strerror}).") from error
    if target.is_dir():
        raise UserError(f"{path} is a folder; choose a file name in it.")
    if is_case_file(target):  # however it is named: "chronology.docx", or the case's own
        raise UserError(
            f"{path} is an Evidence Timeline case file, and an export never "
            "replaces one. Choose another name."
        )
    mode = None  # a new file: set from the umask below
    if target.exists():
        if not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222:
            raise UserError(
                f"{path} is read-only, so it was not replaced. Choose another "
                "name, or make the file writable first."
            )
        mode = stat.S_IMODE(target.stat().st_mode) & 0o777
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".partial", dir=target.parent
        )
    except OSError as error:
        raise UserError(
            f"{what} cannot be saved in {target.parent} ({error.strerror}). Choose "
            "a folder you can write to."
        ) from error
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        if mode is None:  # as any new file, not mkstemp's owner-only
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        temporary.chmod(mode)
        os.replace(temporary, target)
    except OSError as error:
        raise UserError(
            f"{what} cannot be saved as {path} ({error.strerror}). If the file is "
            "open in another program, close it there and try again."
        ) from error
    finally:
        temporary.unlink(missing_ok=True)
