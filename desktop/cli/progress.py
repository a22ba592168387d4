"""The live view of a running queue on the terminal.

On a terminal: a table redrawn in place (one line per job, the busiest first),
an overall bar and an ETA. Piped into a file or another program: one plain line
per state change, which logs and CI read better than redraw escapes.
"""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from typing import Protocol, TextIO

from rich.console import Console, Group
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from desktop.domain.durations import duration_text
from desktop.store.jobs import Job, JobState

MAX_ROWS = 20
_ORDER = {
    JobState.FETCHING: 0,
    JobState.RUNNING: 1,
    JobState.UPLOADING: 2,
    JobState.SUBMITTING: 3,
    JobState.SUBMITTED: 4,
    JobState.WAITING: 5,
    JobState.PROBING: 6,
    JobState.QUEUED: 7,
    JobState.FAILED: 8,
    JobState.DONE: 9,
    JobState.CANCELED: 10,
}


class Display(Protocol):
    def update(self, job: Job) -> None: ...
    def trouble(self, text: str | None) -> None: ...
    def close(self) -> None: ...


def open_display(jobs: list[Job], stream: TextIO | None = None) -> Display:
    stream = stream or sys.stdout
    if stream.isatty():
        return LiveDisplay(jobs, stream)
    return LineDisplay(jobs, stream)


def waiting_text(trouble: str) -> str:
    """What a terminal says while the queue waits out trouble (``trouble`` comes from the
    engine, e.g. "cannot reach HOST: name not resolved; next try in 30 s")."""
    return f"{trouble}; Ctrl+C keeps every job for later"


def held_elsewhere_text(others: dict[str, int]) -> str:
    """Which other processes work some of the jobs, so a waiting terminal says why."""
    count = sum(others.values())
    holders = ", ".join(
        f"process {owner.split('/')[1]} on {owner.split('/')[0]}" for owner in sorted(others)
    )
    return (
        f"{count} job(s) are being worked by another Tingxie ({holders}); their progress shows here"
    )


def cost_text(job: Job) -> str:
    return f"¥{job.estimated_cost:.4f}" if job.estimated_cost is not None else ""


def state_text(job: Job) -> str:
    if job.state is JobState.UPLOADING and job.size_bytes:
        return f"uploading {100 * job.bytes_done // max(job.size_bytes, 1)} %"
    if job.state is JobState.FAILED:
        return f"failed: {job.error_message}"
    return str(job.state)


class _Tally:
    """Counts and the ETA, shared by both displays."""

    def __init__(self, jobs: list[Job]) -> None:
        self.jobs = {job.id: job for job in jobs}
        self.started = time.monotonic()

    def finished(self) -> int:
        return sum(1 for job in self.jobs.values() if job.state.final)

    def estimated_cost(self) -> Decimal:
        return sum((j.estimated_cost or Decimal(0) for j in self.jobs.values()), Decimal(0))

    def eta_s(self) -> float | None:
        done = self.finished()
        if done == 0 or done == len(self.jobs):
            return None
        elapsed = time.monotonic() - self.started
        return elapsed / done * (len(self.jobs) - done)


class LineDisplay(_Tally):
    def __init__(self, jobs: list[Job], stream: TextIO) -> None:
        super().__init__(jobs)
        self._stream = stream

    def update(self, job: Job) -> None:
        before = self.jobs.get(job.id)
        self.jobs[job.id] = job
        if before is not None and before.state is job.state:
            return  # progress within a state is for the live view only
        print(
            f"[{self.finished()}/{len(self.jobs)}] {job.title}: {state_text(job)}",
            file=self._stream,
            flush=True,
        )

    def trouble(self, text: str | None) -> None:
        if text is not None:
            print(f"waiting: {waiting_text(text)}", file=self._stream, flush=True)

    def close(self) -> None:
        print(f"estimated cost ¥{self.estimated_cost():.4f}", file=self._stream, flush=True)


class LiveDisplay(_Tally):
    def __init__(self, jobs: list[Job], stream: TextIO) -> None:
        super().__init__(jobs)
        self._trouble: str | None = None
        self._live = Live(self._render(), console=Console(file=stream), refresh_per_second=8)
        self._live.start()

    def update(self, job: Job) -> None:
        self.jobs[job.id] = job
        self._live.update(self._render())

    def trouble(self, text: str | None) -> None:
        self._trouble = text
        self._live.update(self._render())

    def close(self) -> None:
        self._live.update(self._render(), refresh=True)
        self._live.stop()

    def _render(self) -> Group:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column("file", overflow="ellipsis", max_width=48, no_wrap=True)
        table.add_column("cost", justify="right")
        table.add_column("state", overflow="fold")
        ordered = sorted(self.jobs.values(), key=lambda j: (_ORDER[j.state], j.id))
        for job in ordered[:MAX_ROWS]:
            style = {"done": "green", "failed": "red", "canceled": "dim"}.get(job.state, "")
            table.add_row(job.title, cost_text(job), Text(state_text(job), style=style))
        if len(ordered) > MAX_ROWS:
            table.add_row(Text(f"… and {len(ordered) - MAX_ROWS} more", style="dim"), "", "")
        total, finished = len(self.jobs), self.finished()
        eta = self.eta_s()
        parts = [f"{finished}/{total} finished", f"estimated ¥{self.estimated_cost():.4f}"]
        if eta:
            parts.append(f"ETA {duration_text(eta * 1000)}")
        summary = Text(" · ".join(parts))
        if self._trouble:
            summary.append(f"\n{waiting_text(self._trouble)}", style="yellow")
        return Group(table, ProgressBar(total=max(total, 1), completed=finished, width=40), summary)
