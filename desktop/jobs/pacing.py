"""When a new task will be done, learned from the account's own finished tasks.

The service publishes no processing speed, and its queue time changes with
its load, so polling blind either asks too often or sees a result late. Each
model's recent tasks (``store.task_timings``) give its queue time and its
run time against the audio length; a new task is expected after the typical
queue time plus the run time a line fitted through that history gives for its
audio. The estimate leans early (by the spread of the history), because
:class:`desktop.dashscope.client.PollPolicy` polls closely once a task is due:
an early estimate costs a few polls, a late one costs the user waiting.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence

from desktop.store.task_timings import TaskTiming

MIN_HISTORY = 2  # fewer finished tasks of a model: poll blind
EARLY_QUANTILE = 0.1  # lean early by the history's 10 % quantile of misses


def expected_total_s(history: Sequence[TaskTiming], audio_ms: int | None) -> float | None:
    """Seconds from submit to end for a task whose longest file lasts ``audio_ms``;
    None while the model has too little history."""
    if len(history) < MIN_HISTORY:
        return None
    queued = statistics.median(t.queued_s for t in history)
    predict = _run_predictor(history)
    misses = [t.total_s - (queued + predict(t.audio_ms)) for t in history]
    early = _quantile(misses, EARLY_QUANTILE)
    return max(0.0, queued + predict(audio_ms) + min(early, 0.0))


def _run_predictor(history: Sequence[TaskTiming]) -> Callable[[int | None], float]:
    """Run time as a function of audio length: a least-squares line through the
    history when it has lengths that differ, else (or for an unknown length) the
    median run time."""
    median_run = statistics.median(t.run_s for t in history)
    points = [(t.audio_ms / 1000, t.run_s) for t in history if t.audio_ms is not None]
    if len(points) < MIN_HISTORY or len({x for x, _ in points}) < 2:
        return lambda _audio_ms: median_run
    slope, intercept = statistics.linear_regression(*zip(*points, strict=True))
    slope = max(slope, 0.0)  # longer audio never runs faster

    def run(length_ms: int | None) -> float:
        if length_ms is None:
            return median_run
        return max(0.0, intercept + slope * length_ms / 1000)

    return run


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
