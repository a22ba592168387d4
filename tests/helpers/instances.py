"""Waiting on a running app: until it accepts later launches, and until it stored results."""

from __future__ import annotations

import subprocess
import time

import pytest
from PySide6.QtNetwork import QLocalSocket

from desktop.store.library import Library
from desktop.ui.util.single_instance import server_name


def wait_until_listening(process: subprocess.Popen[str], timeout_s: float = 60) -> None:
    """Return once the app ``process`` listens for the current ``TINGXIE_HOME``."""
    name = server_name()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(200):
            socket.disconnectFromServer()
            return
        time.sleep(0.1)
    pytest.fail(f"the first app never listened on {name}")


def library_items_when_ready(timeout: float) -> list:
    """The library's items once another process has stored any (or ``[]`` at ``timeout``)."""
    deadline = time.monotonic() + timeout
    items: list = []
    while not items and time.monotonic() < deadline:
        with Library.open() as library:
            items = library.items()
        time.sleep(0.1)
    return items
