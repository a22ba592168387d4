"""Waiting on a running app: until it accepts later launches, and until it stored results."""

from __future__ import annotations

import subprocess

from PySide6.QtNetwork import QLocalSocket

from desktop.store.library import ItemSummary, Library
from desktop.ui.util.single_instance import server_name
from tests.helpers.waiting import wait_until


def wait_until_listening(process: subprocess.Popen[str], timeout_s: float = 60) -> None:
    """Return once the app ``process`` listens for the current ``TINGXIE_HOME``."""
    name = server_name()

    def listening() -> bool:
        assert process.poll() is None, process.communicate()
        socket = QLocalSocket()
        socket.connectToServer(name)
        if not socket.waitForConnected(200):
            return False
        socket.disconnectFromServer()
        return True

    wait_until(listening, f"the first app to listen on {name}", timeout_s, every=0.1)


def library_items_when_ready(timeout: float) -> list[ItemSummary]:
    """The library's items once another process has stored any; fails after ``timeout`` s."""
    items: list[ItemSummary] = []

    def stored() -> bool:
        nonlocal items
        with Library.open() as library:
            items = library.items()
        return bool(items)

    wait_until(stored, "another process to store an item in the library", timeout, every=0.1)
    return items
