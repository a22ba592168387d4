"""One app per library: a second launch hands its files to the running app and exits.

Two windows on one library would each hold their own idea of the queue and the
open editors, so the first app listens on a local socket (a Unix socket, a
Windows named pipe) and a later launch sends it the files it was given, as one
JSON line, waits for the reply and quits. The socket's name is derived from the
user and the data folder, so each user, and each ``TINGXIE_HOME`` (tests, a
portable copy), has an app of its own.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop import paths

CONNECT_MS = 500  # a running app answers at once; a stale socket fails at once
REPLY_MS = 5000  # the running app may be busy painting or importing
MAX_MESSAGE_BYTES = 1 << 20
ACK = b"ok\n"


def server_name() -> str:
    """The socket's name for this user and this data folder."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment or the password database
        user = "unknown"
    key = f"{user}\0{paths.data_dir().resolve()}".encode()
    return f"tingxie-{hashlib.sha256(key).hexdigest()[:20]}"


class HandOver(Enum):
    DONE = "done"  # the running app has the files
    NO_APP = "no app"  # nobody listens: become the app
    NO_ANSWER = "no answer"  # an app listens but does not reply (hung)


def hand_over(files: Sequence[Path], name: str | None = None) -> HandOver:
    """Give ``files`` to the running app, if there is one."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(CONNECT_MS):
        return HandOver.NO_APP
    message = json.dumps({"paths": [str(path) for path in files]}).encode() + b"\n"
    socket.write(message)
    socket.waitForBytesWritten(REPLY_MS)
    answered = socket.waitForReadyRead(REPLY_MS) and socket.readAll().data() == ACK
    socket.disconnectFromServer()
    return HandOver.DONE if answered else HandOver.NO_ANSWER


class InstanceServer(QObject):
    """The running app's end: receives the files later launches were given.

    Signals:
        files_received(list): list[Path]; empty: "bring the window forward"
    """

    files_received = Signal(list)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}  # per connection, until its newline

    def listen(self) -> bool:
        """Start listening; a socket left behind by a crashed app is cleared first."""
        if self._server.listen(self.name):
            return True
        in_use = self._server.serverError() == QLocalSocket.LocalSocketError.AddressInUseError
        if in_use and not _answers(self.name):  # left behind, not another app just started
            QLocalServer.removeServer(self.name)
            return self._server.listen(self.name)
        return False

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(self._drop)

    def _drop(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._buffers.pop(socket, None)
            socket.deleteLater()

    def _read(self) -> None:
        socket = self.sender()
        if not isinstance(socket, QLocalSocket) or socket not in self._buffers:
            return
        buffer = self._buffers[socket]
        buffer += socket.readAll().data()
        if len(buffer) > MAX_MESSAGE_BYTES:
            socket.abort()
            return
        if not buffer.endswith(b"\n"):
            return
        try:
            files = [Path(p) for p in json.loads(buffer)["paths"]]
        except (ValueError, KeyError, TypeError):
            socket.abort()  # not a Tingxie launch: ignore it
            return
        socket.write(ACK)
        socket.flush()
        self.files_received.emit(files)


def _answers(name: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    connected = socket.waitForConnected(CONNECT_MS)
    socket.abort()
    return connected
