"""The queue's table model: rows follow the jobs of a real library, and Qt's checks pass."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop.store.jobs import JobState
from desktop.store.library import Library
from desktop.ui.queue.model import JOB_ROLE, QueueColumn, QueueModel


@pytest.fixture
def library(tingxie_home) -> Library:
    with Library.open() as opened:
        yield opened


def add_job(library: Library, title: str):
    return library.jobs.add(
        source=f"/media/{title}",
        is_url=False,
        title=title,
        model="paraformer-v2",
        options="{}",
        batch_key="k",
    )


def test_the_queue_model_passes_qts_model_checks_while_jobs_come_change_and_go(
    qtmodeltester, library: Library
) -> None:
    first, second = add_job(library, "a.wav"), add_job(library, "b.mp3")
    model = QueueModel()
    model.reset([first, second])
    qtmodeltester.check(model)  # stays attached: every change below is checked too

    failed = library.jobs.update(
        first.id,
        state=JobState.FAILED,
        error_code="InvalidFile",
        error_message="The file has no audio.",
        estimated_cost=Decimal("0.0120"),
        duration_ms=65_000,
    )
    model.update(failed)
    model.update(add_job(library, "c.ogg"))
    model.remove(second.id)

    titles = [model.index(r, QueueColumn.NAME).data() for r in range(model.rowCount())]
    assert titles == ["a.wav", "c.ogg"]
    problem = model.index(0, QueueColumn.PROBLEM)
    assert problem.data() == "The file has no audio."
    assert "Service code: InvalidFile" in problem.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, QueueColumn.COST).data() == "¥0.0120"
    assert model.index(1, QueueColumn.NAME).data(JOB_ROLE).title == "c.ogg"


def test_the_length_cell_cuts_seconds_like_the_players_clock(library: Library) -> None:
    job = library.jobs.update(add_job(library, "talk.wav").id, duration_ms=19_600)
    model = QueueModel()
    model.reset([job])
    assert model.index(0, QueueColumn.DURATION).data() == "0:19"


def test_a_failed_row_says_why_in_the_state_cell_and_a_running_row_is_busy(
    library: Library,
) -> None:
    from desktop.ui.queue.model import BUSY, PROGRESS_ROLE

    failed = library.jobs.update(
        add_job(library, "a.wav").id,
        state=JobState.FAILED,
        error_code="Refused",
        error_message="a.wav: the file has no audio track, so there is nothing to transcribe",
    )
    running = library.jobs.update(add_job(library, "b.wav").id, state=JobState.RUNNING)
    model = QueueModel()
    model.reset([failed, running])
    state = model.index(0, QueueColumn.STATE).data()
    assert state == "failed: a.wav: the file has no audio track, so there is nothing to transcribe"
    assert model.index(0, QueueColumn.STATE).data(Qt.ItemDataRole.ToolTipRole).startswith("<qt>")
    assert model.index(1, QueueColumn.STATE).data(PROGRESS_ROLE) == BUSY
