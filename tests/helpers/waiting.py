"""Waiting for something a test started: the one polling loop, which fails when it never comes.

``until`` lets an asyncio loop (plain, or Qt's through qasync: the ``loop``
fixture of tests/ui/conftest.py) run; ``wait_until`` sleeps the thread, for
waiting on another process. Both raise ``AssertionError`` naming what never
happened: a wait can never fall through and let a test go on as if it had.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


async def until(condition: Callable[[], object], what: str, timeout: float = 60) -> None:
    """Let the loop run until ``condition()`` holds; fail naming ``what`` after ``timeout`` s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.05)


def wait_until(
    condition: Callable[[], object], what: str, timeout: float = 60, every: float = 0.02
) -> None:
    """Sleep until ``condition()`` holds; fail naming ``what`` after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(every)
