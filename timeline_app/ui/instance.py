"""One running app per user and data folder: a later start hands its case to the first.

A second double-clicked case must not start a second process writing the same settings. The
running app listens on a local socket (a named pipe on Windows) named for the user and the
data folder and open to that user only; a later start sends it one JSON line,
``{"open": PATH}`` (``null`` to just show the app), waits for ``ok`` and exits.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from timeline_app.paths import data_dir

log = logging.getLogger(__name__)

CONNECT_MS = 500
ANSWER_MS = 5000


def server_name(basedir: str | None) -> str:
    """The socket's name for this user and data folder."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no name for this user id (a bare container)
        user = ""
    key = f"{user}\0{data_dir(basedir).absolute()}".encode()
    return f"evidence-timeline-{hashlib.sha256(key).hexdigest()[:16]}"


def hand_over(name: str, path: str | None) -> bool:
    """Ask the running app to open ``path`` (None: to show itself); False if none answers."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(json.dumps({"open": path}).encode() + b"\n")
    answer = b""
    while socket.waitForReadyRead(ANSWER_MS):
        answer += socket.readAll().data()
        if answer.endswith(b"\n"):
            break
    socket.abort()
    return answer == b"ok\n"


class SingleInstance(QObject):
    """The running app's side: listens for later starts.

    Signals:
        open_requested(object): a later start asked for this case (str), or None to be shown.
    """

    open_requested = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_server_new_connection)

    @classmethod
    def claim(cls, name: str, path: str | None) -> SingleInstance | None:
        """Become the app that later starts reach, or hand ``path`` to the running one (None).

        Needs the QApplication. If the name cannot be had, the app runs on, unreachable.
        """
        if hand_over(name, path):
            return None
        instance = cls()
        if instance._server.listen(name):
            return instance
        if hand_over(name, path):  # it started at the same moment as this one
            return None
        QLocalServer.removeServer(name)  # left behind by an app that was killed
        if not instance._server.listen(name):
            log.warning("Cannot listen for later starts: %s", instance._server.errorString())
        return instance

    def _on_server_new_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_socket_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_socket_ready_read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = socket.readLine().data()
        try:
            path = json.loads(line)["open"]
        except (ValueError, KeyError, TypeError):
            log.warning("A later start sent %r, not a request", line[:200])
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
        self.open_requested.emit(path if isinstance(path, str) else None)
