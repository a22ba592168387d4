"""Work off the GUI thread: answers arrive on the GUI thread, or nowhere once the owner is gone."""

from __future__ import annotations

import asyncio
import sys
import threading

import shiboken6
from PySide6.QtCore import QObject

from desktop.ui.util.background import GuiDelivery, run_coroutine, run_in_thread


class Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.answers: list[tuple[object, str]] = []
        self.errors: list[Exception] = []

    def take(self, answer: object) -> None:
        self.answers.append((answer, threading.current_thread().name))

    def fail(self, error: Exception) -> None:
        self.errors.append(error)


def test_the_answer_comes_back_on_the_gui_thread(qtbot) -> None:
    receiver = Receiver()
    run_in_thread(receiver, lambda: threading.current_thread().name, receiver.take)
    qtbot.waitUntil(lambda: receiver.answers != [], timeout=20_000)
    ((worker_name, delivered_on),) = receiver.answers
    assert worker_name == "tingxie-background" and delivered_on == "MainThread"


def test_a_failure_goes_to_the_failure_handler_not_the_result(qtbot) -> None:
    receiver = Receiver()
    run_in_thread(receiver, lambda: 1 / 0, receiver.take, receiver.fail)
    qtbot.waitUntil(lambda: receiver.errors != [], timeout=20_000)
    assert isinstance(receiver.errors[0], ZeroDivisionError) and receiver.answers == []


def test_an_unhandled_failure_reaches_the_exception_hook_on_the_gui_thread(
    qtbot, monkeypatch
) -> None:
    seen: list[tuple[type, str]] = []
    monkeypatch.setattr(
        sys,
        "excepthook",
        lambda kind, _e, _tb: seen.append((kind, threading.current_thread().name)),
    )
    receiver = Receiver()
    run_in_thread(receiver, lambda: 1 / 0, receiver.take)
    qtbot.waitUntil(lambda: seen != [], timeout=20_000)
    assert seen == [(ZeroDivisionError, "MainThread")]


def test_an_owner_closed_before_the_answer_gets_nothing_and_the_work_is_told(qtbot) -> None:
    receiver = Receiver()
    go = threading.Event()
    work = run_in_thread(receiver, lambda: go.wait(10), receiver.take)
    answers = receiver.answers
    shiboken6.delete(receiver)  # the window closed while the work ran
    assert work.cancelled.is_set()
    go.set()
    qtbot.wait(300)
    assert answers == []


def test_a_coroutine_of_a_closed_owner_is_cancelled(qtbot) -> None:
    """A closed dialog's request stops (on a loop in a thread here: no qasync loop runs)."""

    async def scenario() -> None:
        receiver = Receiver()
        started, cancelled = asyncio.Event(), asyncio.Event()

        async def request() -> str:
            started.set()
            try:
                await asyncio.sleep(30)
            except asyncio.CancelledError:
                cancelled.set()
                raise
            return "late"

        run_coroutine(receiver, request, receiver.take)
        await started.wait()
        answers = receiver.answers
        shiboken6.delete(receiver)
        await asyncio.wait_for(cancelled.wait(), 5)
        assert answers == []

    asyncio.run(scenario())


def test_a_stream_keeps_its_order_and_ends_at_close(qtbot) -> None:
    receiver = Receiver()
    deliver = GuiDelivery(receiver)

    def worker() -> None:
        for number in range(50):
            deliver(receiver.take, number)
        deliver.close()
        deliver(receiver.take, "after close")

    threading.Thread(target=worker).start()
    qtbot.waitUntil(lambda: len(receiver.answers) == 50, timeout=20_000)
    qtbot.wait(100)
    assert [answer for answer, _thread in receiver.answers] == list(range(50))


def test_a_worker_finishing_after_the_app_took_its_carrier_raises_nothing(qtbot) -> None:
    """The app quit (taking its carriers) while a worker still ran: a start-up probe."""
    receiver = Receiver()
    deliver = GuiDelivery(receiver)
    shiboken6.delete(deliver._carrier)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            deliver(receiver.take, "late answer")
            deliver.close()
        except BaseException as error:  # what would print a traceback at quit
            errors.append(error)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert errors == []


def test_a_request_on_a_shared_client_never_runs_on_a_second_loop(qtbot) -> None:
    """The engine's client is bound to the app's loop: without it, nothing runs at all."""
    receiver = Receiver()
    ran: list[bool] = []

    async def request() -> str:
        ran.append(True)
        return "answer"

    assert run_coroutine(receiver, request, receiver.take, shared=True) is None
    qtbot.wait(200)
    assert ran == [] and receiver.answers == []


def test_a_shared_request_of_a_closed_owner_finishes_unseen(qtbot) -> None:
    """Not cancelled (a cancelled httpx request can strand a pooled connection); dropped."""

    async def scenario() -> None:
        receiver = Receiver()
        go, finished = asyncio.Event(), asyncio.Event()

        async def request() -> str:
            await go.wait()
            finished.set()
            return "late"

        run_coroutine(receiver, request, receiver.take, shared=True)
        answers = receiver.answers
        shiboken6.delete(receiver)
        go.set()
        await asyncio.wait_for(finished.wait(), 5)
        await asyncio.sleep(0.05)
        assert answers == []

    asyncio.run(scenario())
