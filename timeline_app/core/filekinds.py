"""Only regular files are read or replaced: a pipe, device or socket is refused in its own words.

A named pipe (FIFO) given as a case or a file to import would make a plain ``open()`` wait
forever, and an export "saved" over one would replace it with a file. The file is opened
without waiting (``O_NONBLOCK``) and what it is is asked of the open file itself, so nothing can
be swapped in between.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from timeline_app.core.errors import UserError


def kind_of(mode: int) -> str:
    """What a file mode names, for a sentence ("a folder", "a named pipe (FIFO)" …)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a file"


def read_regular(
    path: Path,
    what: str,
    *,
    most: int | None = None,
    too_large: tuple[int, str] | None = None,
    error: type[UserError] = UserError,
) -> bytes:
    """The bytes of ``path`` (the first ``most`` of them), if it is a regular file.

    :param what: what the file should be, for messages ("case file", "file to import").
    :param too_large: a size in bytes, and the sentence that refuses a larger file.
    :param error: the kind of UserError to raise.
    :raises UserError: missing, not a regular file, a link that goes nowhere, too large, or
        unreadable.
    """
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as failure:
        raise error(_unopenable(path, what, failure)) from failure
    try:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode):
            raise error(f"{path} is {kind_of(found.st_mode)}, not a {what}.")
        if too_large is not None and found.st_size > too_large[0]:
            raise error(too_large[1])
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return stream.read() if most is None else stream.read(most)
    except OSError as failure:
        raise error(f"{path.name} cannot be read ({failure.strerror}).") from failure
    finally:
        os.close(handle)


def _unopenable(path: Path, what: str, failure: OSError) -> str:
    """Why ``path`` could not be opened, in words."""
    if failure.errno == errno.ENOENT:
        if path.is_symlink():
            return f"{path} is a link to {os.readlink(path)}, which is not there."
        return f"There is no {what} at {path}. Check the folder and the name."
    if failure.errno == errno.ELOOP:
        return f"{path} is a link that leads round in a circle, not a {what}."
    if failure.errno == errno.EISDIR:
        return f"{path} is a folder, not a {what}."
    if failure.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
        return f"{path} is {kind_of(path.stat().st_mode)}, not a {what}."
    if failure.errno in (errno.EACCES, errno.EPERM):
        return f"{path.name} cannot be read: this user account is not allowed to open it."
    return f"{path.name} cannot be read ({failure.strerror})."
