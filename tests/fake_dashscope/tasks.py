"""Transcription tasks: PENDING → RUNNING → SUCCEEDED/FAILED on the emulator's clock.

A task's state is a pure function of the clock: it is PENDING until
``scheduled_at``, RUNNING until ``end_at`` (processing time proportional to the
longest file's audio length, or a fixed time), then final. Files are fetched
and analysed in a worker pool as soon as the task exists, like the service
downloads them; a task is never final before its files are analysed.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.domain import catalog
from tests.fake_dashscope import results
from tests.fake_dashscope.audio import AudioFacts, UndecodableError, analyse
from tests.fake_dashscope.clock import Clock
from tests.fake_dashscope.config import (
    AllFailedShape,
    EmulatorConfig,
    NoSpeechLevel,
    QwenFailedShape,
)
from tests.fake_dashscope.results import Outcome
from tests.fake_dashscope.wire import service_time

TIMEOUT = (
    "InternalError.Timeout",
    "An internal timeout error has occured during execution, please try again later or"
    " contact service support.",
)


@dataclass(frozen=True)
class Fetched:
    """A file URL resolved to bytes on disk (``temporary``: delete after analysis)."""

    path: Path
    temporary: bool = False


# url, oss-resolve header present, model → local file or a (code, message) failure
Resolver = Callable[[str, bool, str], "Fetched | tuple[str, str]"]


@dataclass
class Task:
    task_id: str
    model: str
    file_urls: list[str]
    parameters: dict[str, Any]
    submit_request_id: str
    submit_at: float
    scheduled_at: float
    oss_resolve: bool
    api_key: str
    forced_failure: tuple[str, str] | None = None  # every subtask fails with this
    outcomes: list[Outcome] | None = None
    end_at: float | None = None
    canceled_at: float | None = None
    analysed: threading.Event = field(default_factory=threading.Event)

    def status(self, now: float, retention_s: float) -> str:
        if self.canceled_at is not None:
            return "CANCELED"
        if now < self.scheduled_at:
            return "PENDING"
        if self.outcomes is None or self.end_at is None or now < self.end_at:
            return "RUNNING"
        if now > self.end_at + retention_s:
            return "UNKNOWN"
        return "SUCCEEDED" if any(o.succeeded for o in self.outcomes) else "FAILED"

    @property
    def qwen(self) -> bool:
        """A Qwen3-ASR task: one file, ``output.result``, ``usage.seconds`` (qwen doc §A.5)."""
        return catalog.get(self.model).request_style is catalog.RequestStyle.FILE_URL

    @property
    def channel_ids(self) -> list[int]:
        ids = self.parameters.get("channel_id")
        if isinstance(ids, list) and all(isinstance(i, int) for i in ids):
            return ids
        return [0]


class TaskBook:
    def __init__(
        self, clock: Clock, config: EmulatorConfig, scripts: results.Scripts, resolver: Resolver
    ) -> None:
        self._clock = clock
        self._config = config
        self._scripts = scripts
        self._resolver = resolver
        self._lock = threading.Lock()
        self._tasks: dict[str, Task] = {}
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="emulator-analysis")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def add(self, task: Task) -> None:
        with self._lock:
            self._tasks[task.task_id] = task
        self._pool.submit(self._analyse, task)

    def get(self, task_id: str) -> Task | None:
        with self._lock:
            return self._tasks.get(task_id)

    def all(self) -> list[Task]:
        with self._lock:
            return list(self._tasks.values())

    def cancel(self, task: Task) -> bool:
        """Only a PENDING task can be cancelled."""
        with self._lock:
            if task.status(self._clock.now(), self._config.task_retention_s) != "PENDING":
                return False
            task.canceled_at = self._clock.now()
            return True

    def wait_analysed(self, timeout: float = 30.0) -> None:
        for task in self.all():
            if not task.analysed.wait(timeout):
                raise TimeoutError(f"task {task.task_id} was not analysed in {timeout} s")

    # analysis -----------------------------------------------------------------------
    def _analyse(self, task: Task) -> None:
        try:
            outcomes = [self._outcome(task, url) for url in task.file_urls]
        except Exception as error:
            outcomes = [
                results.failure(url, ("InternalError", f"emulator: {error!r}"))
                for url in task.file_urls
            ]
        longest_s = max((o.duration_ms for o in outcomes), default=0) / 1000
        if self._config.fixed_processing_s is not None:
            run_s = self._config.fixed_processing_s
        else:
            run_s = (
                longest_s / self._config.processing_speed if self._config.processing_speed else 0
            )
        if run_s > self._config.task_timeout_s:  # the service gives up after 3 hours
            run_s = self._config.task_timeout_s
            outcomes = [results.failure(url, TIMEOUT) for url in task.file_urls]
        with self._lock:
            task.outcomes = outcomes
            task.end_at = task.scheduled_at + run_s
        task.analysed.set()

    def _outcome(self, task: Task, url: str) -> Outcome:
        if task.forced_failure is not None:
            return results.failure(url, task.forced_failure)
        script = self._scripts.for_url(url)
        if script is not None and script.code is not None:
            return self._scripted(task, url, script, None)
        if script is not None and script.duration_ms is not None:  # pretend, don't fetch
            refusal = self._media_rules(task.model, script.duration_ms, None, 0)
            if refusal is not None:
                return results.failure(url, refusal)
            return self._scripted(task, url, script, None)
        fetched = self._resolver(url, task.oss_resolve, task.model)
        if isinstance(fetched, tuple):
            return results.failure(url, fetched)
        try:
            return self._heard(task, url, fetched.path, script)
        finally:
            if fetched.temporary:
                fetched.path.unlink(missing_ok=True)

    def _heard(self, task: Task, url: str, path: Path, script: results.Script | None) -> Outcome:
        """The outcome for a file the service could download."""
        script = script or self._scripts.for_file(path)
        try:
            facts = analyse(path)
        except UndecodableError:
            if script is not None and script.result is not None:
                return self._scripted(task, url, script, None)
            return results.failure(url, results.DECODE_FAILED)
        refusal = self._media_rules(
            task.model, facts.duration_ms, facts.sample_rate, path.stat().st_size
        )
        if refusal is not None:
            return results.failure(url, refusal)
        if script is not None:
            return self._scripted(task, url, script, facts)
        if not any(facts.speech[c] for c in task.channel_ids if 0 <= c < facts.channels):
            code = self._config.no_speech_code
            return Outcome(url, code=code, message=code, duration_ms=facts.duration_ms)
        return results.generated_outcome(
            url, facts, task.channel_ids, model=task.model, parameters=task.parameters
        )

    @staticmethod
    def _scripted(
        task: Task, url: str, script: results.Script, facts: AudioFacts | None
    ) -> Outcome:
        return results.scripted_outcome(
            url, script, facts, task.channel_ids, model=task.model, parameters=task.parameters
        )

    def _media_rules(
        self, model: str, duration_ms: int, sample_rate: int | None, size: int
    ) -> tuple[str, str] | None:
        """The subtask failure for a file the model cannot take (§10.5), if any."""
        if not self._config.media_rule_failures:
            return None
        spec = catalog.get(model)
        if size > spec.max_file_bytes:
            return (self._config.too_large_code, "The audio file is too large.")
        if spec.max_duration_ms is not None and duration_ms > spec.max_duration_ms:
            return (self._config.too_long_code, "The audio file is too long.")
        if sample_rate and not spec.sample_rate.accepts(sample_rate):
            return (
                self._config.sample_rate_code,
                f"The sample rate {sample_rate} Hz is not supported by {model}"
                f" ({spec.sample_rate.describe()}).",
            )
        return None

    # query bodies --------------------------------------------------------------------
    def output(
        self, task: Task, result_url: Callable[[Task, int], str]
    ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """``output`` and ``usage`` (or None) of a query answer, as of now."""
        now = self._clock.now()
        tz = self._config.tz
        status = task.status(now, self._config.task_retention_s)
        if status == "UNKNOWN":
            return {"task_id": task.task_id, "task_status": "UNKNOWN"}, None
        if task.qwen:
            return self._qwen_output(task, status, now, result_url)
        output: dict[str, Any] = {
            "task_id": task.task_id,
            "task_status": status,
            "submit_time": service_time(task.submit_at, tz),
        }
        total = len(task.file_urls)
        if status == "CANCELED":
            output["end_time"] = service_time(task.canceled_at or now, tz)
            output["task_metrics"] = {"TOTAL": total, "SUCCEEDED": 0, "FAILED": 0}
            return output, None
        output["scheduled_time"] = service_time(task.scheduled_at, tz)
        if status in ("PENDING", "RUNNING"):
            output["task_metrics"] = {"TOTAL": total, "SUCCEEDED": 0, "FAILED": 0}
            if status == "RUNNING" and self._config.running_partial_results:
                self._partial(task, now, output, result_url)
            return output, None
        assert task.outcomes is not None and task.end_at is not None
        output["end_time"] = service_time(task.end_at, tz)
        entries = [self._entry(task, i, o, result_url) for i, o in enumerate(task.outcomes)]
        succeeded = sum(o.succeeded for o in task.outcomes)
        output["results"] = entries
        output["task_metrics"] = {
            "TOTAL": total,
            "SUCCEEDED": succeeded,
            "FAILED": total - succeeded,
        }
        usage = {"duration": self._billed_seconds(task)}
        if status == "SUCCEEDED":
            return output, usage
        return self._all_failed(task, output), usage if self._config.usage_on_failed else None

    def _qwen_output(
        self, task: Task, status: str, now: float, result_url: Callable[[Task, int], str]
    ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """Qwen3-ASR's query body: no ``task_metrics``, one ``result``, ``usage.seconds``.

        A failed file comes back as the captured replies show (FAILED with the
        code at task level) or as the docs' shape (SUCCEEDED with a failed
        subtask), as ``qwen_failed_shape`` says.
        """
        tz = self._config.tz
        output: dict[str, Any] = {
            "task_id": task.task_id,
            "task_status": status,
            "submit_time": service_time(task.submit_at, tz),
        }
        if status == "CANCELED":
            output["end_time"] = service_time(task.canceled_at or now, tz)
            return output, None
        output["scheduled_time"] = service_time(task.scheduled_at, tz)
        if status in ("PENDING", "RUNNING"):
            return output, None
        assert task.outcomes is not None and task.end_at is not None
        output["end_time"] = service_time(task.end_at, tz)
        outcome = task.outcomes[0]
        if outcome.succeeded:
            output["result"] = {"transcription_url": result_url(task, 0)}
            seconds = math.ceil(outcome.duration_ms / 1000) * len(task.channel_ids)
            return output, {"seconds": seconds}
        if self._config.qwen_failed_shape is QwenFailedShape.SUCCEEDED_WITH_FAILED_RESULT:
            output["task_status"] = "SUCCEEDED"
            output["results"] = [self._entry(task, 0, outcome, result_url)]
            return output, {"seconds": 0}
        output["code"] = outcome.code
        output["message"] = outcome.message
        return output, {"seconds": 0} if self._config.usage_on_failed else None

    def _all_failed(self, task: Task, output: dict[str, Any]) -> dict[str, Any]:
        assert task.outcomes is not None
        first = task.outcomes[0]
        shape = self._config.all_failed_shape
        no_speech = all(o.code == self._config.no_speech_code for o in task.outcomes)
        if no_speech and self._config.no_speech_level is NoSpeechLevel.TASK:
            shape = AllFailedShape.FAILED_WITHOUT_RESULTS
        if shape is AllFailedShape.SUCCEEDED_WITH_RESULTS:
            output["task_status"] = "SUCCEEDED"
            return output
        output["code"] = first.code
        output["message"] = first.message
        if shape is AllFailedShape.FAILED_WITHOUT_RESULTS:
            del output["results"]
        return output

    def _entry(
        self, task: Task, index: int, outcome: Outcome, result_url: Callable[[Task, int], str]
    ) -> dict[str, Any]:
        if outcome.succeeded:
            return {
                "file_url": outcome.file_url,
                "transcription_url": result_url(task, index),
                "subtask_status": "SUCCEEDED",
            }
        return {
            "file_url": outcome.file_url,
            "code": outcome.code,
            "message": outcome.message,
            "subtask_status": "FAILED",
        }

    def _partial(
        self, task: Task, now: float, output: dict[str, Any], result_url: Callable[[Task, int], str]
    ) -> None:
        if task.outcomes is None or task.end_at is None:
            return
        span = max(task.end_at - task.scheduled_at, 1e-9)
        done = int(len(task.outcomes) * (now - task.scheduled_at) / span)
        finished = task.outcomes[:done]
        if finished:
            output["results"] = [
                self._entry(task, i, o, result_url) for i, o in enumerate(finished)
            ]
            ok = sum(o.succeeded for o in finished)
            output["task_metrics"] = {
                "TOTAL": len(task.outcomes),
                "SUCCEEDED": ok,
                "FAILED": len(finished) - ok,
            }

    @staticmethod
    def _billed_seconds(task: Task) -> int:
        assert task.outcomes is not None
        return math.ceil(sum(o.speech_ms for o in task.outcomes if o.succeeded) / 1000)

    def document(self, task_id: str, index: int) -> bytes | None:
        task = self.get(task_id)
        if task is None or task.outcomes is None or not 0 <= index < len(task.outcomes):
            return None
        return task.outcomes[index].document
