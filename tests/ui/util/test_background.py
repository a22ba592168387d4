"""Work off the UI thread: answers arrive on the UI thread, or quietly nowhere once it is gone."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject, Signal

from desktop.ui.util.background import run_in_background, while_alive


class Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.answers: list[tuple[object, str]] = []

    def take(self, answer: object) -> None:
        self.answers.append((answer, threading.current_thread().name))


def test_the_answer_comes_back_on_the_ui_thread(qtbot) -> None:
    receiver = Receiver()
    run_in_background(lambda: threading.current_thread().name, receiver.take)
    qtbot.waitUntil(lambda: receiver.answers != [], timeout=20_000)
    ((worker_name, delivered_on),) = receiver.answers
    assert worker_name == "tingxie-background" and delivered_on == "MainThread"


def test_a_failure_comes_back_as_the_exception(qtbot) -> None:
    receiver = Receiver()
    run_in_background(lambda: 1 / 0, receiver.take)
    qtbot.waitUntil(lambda: receiver.answers != [], timeout=20_000)
    assert isinstance(receiver.answers[0][0], ZeroDivisionError)


def test_a_receiver_closed_before_the_answer_gets_nothing_and_nothing_breaks(qtbot) -> None:
    receiver = Receiver()
    go = threading.Event()
    run_in_background(lambda: go.wait(10), receiver.take)
    answers = receiver.answers
    shiboken6.delete(receiver)  # the window closed while the work ran
    go.set()
    qtbot.wait(300)
    assert answers == []


class Carrier(QObject):
    done = Signal(object)


def test_a_worker_finishing_after_its_carrier_is_gone_raises_nothing() -> None:
    """The app quit (taking its carriers) while a worker still ran: a start-up probe."""
    carrier = Carrier()
    send = while_alive(carrier, carrier.done.emit)
    discard = while_alive(carrier, carrier.deleteLater)
    shiboken6.delete(carrier)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            send("late answer")
            discard()
        except BaseException as error:  # what would print a traceback at quit
            errors.append(error)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert errors == []
