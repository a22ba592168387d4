"""Typed shapes of the service's replies (tasks, task lists), decoded with msgspec.

Raw structs mirror the JSON exactly and are lenient where the protocol is
unconfirmed (missing ``results``, an all-failed task reported as SUCCEEDED or
as FAILED, status strings we do not know). They are turned into the friendlier
:class:`TaskInfo` / :class:`TaskSummary` that the rest of the app uses, with
aware datetimes instead of the service's bare China-time strings.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timezone
from enum import Enum

import msgspec

from desktop.dashscope.errors import MalformedResponseError


class TaskStatus(str, Enum):  # noqa: UP042 - the contract names a str Enum
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    CANCELED = "CANCELED"
    UNKNOWN = "UNKNOWN"

    @property
    def is_final(self) -> bool:
        return self not in (TaskStatus.PENDING, TaskStatus.RUNNING)

    @classmethod
    def parse(cls, text: str | None) -> TaskStatus:
        """Unknown strings: SUSPENDED (SDK enum, unused) waits like PENDING; others are UNKNOWN."""
        if not text:
            return cls.UNKNOWN
        text = text.upper()
        if text == "SUSPENDED":
            return cls.PENDING
        try:
            return cls(text)
        except ValueError:
            return cls.UNKNOWN


class SubtaskResult(msgspec.Struct, frozen=True, kw_only=True):
    """One file of a task: where its result is, or why it failed."""

    file_url: str
    status: TaskStatus
    transcription_url: str | None = None
    code: str | None = None
    message: str | None = None


class TaskInfo(msgspec.Struct, frozen=True, kw_only=True):
    task_id: str
    status: TaskStatus
    results: list[SubtaskResult] = []
    usage_seconds: int | None = None
    submit_time: datetime | None = None
    scheduled_time: datetime | None = None
    end_time: datetime | None = None
    code: str | None = None
    message: str | None = None
    request_id: str | None = None
    total: int | None = None
    succeeded: int | None = None
    failed: int | None = None

    @property
    def is_final(self) -> bool:
        return self.status.is_final

    @property
    def names_its_files(self) -> bool:
        """False for a Qwen3-ASR task: its result does not say which file it was made for."""
        return all(r.file_url for r in self.results)

    def result_for(self, file_url: str) -> SubtaskResult | None:
        """The subtask of ``file_url``, as given or as sent (percent-encoded).

        A one-file Qwen3-ASR task does not name its file (``output.result``):
        its only result belongs to whichever file the task was made for.
        """
        from desktop.dashscope.file_urls import encode_file_url

        wanted = {file_url}
        with contextlib.suppress(ValueError):
            wanted.add(encode_file_url(file_url))
        found = next((r for r in self.results if r.file_url in wanted), None)
        if found is None and len(self.results) == 1 and not self.results[0].file_url:
            return self.results[0]
        return found


class TaskSummary(msgspec.Struct, frozen=True, kw_only=True):
    """One entry of the task list (times in UTC; the list gives epoch milliseconds)."""

    task_id: str
    status: TaskStatus
    model: str | None = None
    submit_time: datetime | None = None
    end_time: datetime | None = None
    request_id: str | None = None
    file_urls: list[str] | None = None


# --- raw wire shapes ---------------------------------------------------------


class _RawSubtask(msgspec.Struct, kw_only=True):
    file_url: str = ""
    transcription_url: str | None = None
    subtask_status: str | None = None
    code: str | None = None
    message: str | None = None


class _RawQwenResult(msgspec.Struct, kw_only=True):
    """Qwen3-ASR's single ``output.result`` (no ``file_url``; a status only if it failed)."""

    transcription_url: str | None = None
    subtask_status: str | None = None
    code: str | None = None
    message: str | None = None


class _RawMetrics(msgspec.Struct, kw_only=True):
    TOTAL: int | None = None
    SUCCEEDED: int | None = None
    FAILED: int | None = None


class _RawOutput(msgspec.Struct, kw_only=True):
    task_id: str
    task_status: str | None = None
    submit_time: str | None = None
    scheduled_time: str | None = None
    end_time: str | None = None
    code: str | None = None
    message: str | None = None
    results: list[_RawSubtask] | None = None
    result: _RawQwenResult | None = None
    task_metrics: _RawMetrics | None = None


class _RawUsage(msgspec.Struct, kw_only=True):
    duration: int | float | None = None
    seconds: int | float | None = None  # Qwen3-ASR's name for the billed seconds


class _RawTaskReply(msgspec.Struct, kw_only=True):
    output: _RawOutput
    request_id: str | None = None
    usage: _RawUsage | None = None


class _RawListItem(msgspec.Struct, kw_only=True):
    task_id: str
    status: str | None = None
    model_name: str | None = None
    gmt_create: int | None = None
    start_time: int | None = None
    end_time: int | None = None
    request_id: str | None = None
    file_urls: list[str] | None = None


class _RawListReply(msgspec.Struct, kw_only=True):
    data: list[_RawListItem] | None = None
    total: int | None = None
    total_page: int | None = None
    page_no: int | None = None
    page_size: int | None = None
    request_id: str | None = None


_task_decoder = msgspec.json.Decoder(_RawTaskReply)
_list_decoder = msgspec.json.Decoder(_RawListReply)


def decode_task(body: bytes, service_tz: timezone) -> TaskInfo:
    """A submit or query reply as a :class:`TaskInfo`; MalformedResponseError if unreadable."""
    try:
        raw = _task_decoder.decode(body)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise MalformedResponseError(f"unreadable task reply ({exc})", code="Malformed") from None
    out = raw.output
    metrics = out.task_metrics or _RawMetrics()
    duration = _billed_seconds(raw.usage)
    status = TaskStatus.parse(out.task_status)
    results = [_subtask(r) for r in out.results or []]
    if out.result is not None and not results:
        results = _qwen_results(out.result)
    return TaskInfo(
        task_id=out.task_id,
        status=status,
        results=results,
        usage_seconds=round(duration) if duration is not None else None,
        submit_time=_service_time(out.submit_time, service_tz),
        scheduled_time=_service_time(out.scheduled_time, service_tz),
        end_time=_service_time(out.end_time, service_tz),
        code=out.code,
        message=out.message,
        request_id=raw.request_id,
        total=metrics.TOTAL,
        succeeded=metrics.SUCCEEDED,
        failed=metrics.FAILED,
    )


def decode_task_list(body: bytes) -> tuple[list[TaskSummary], int]:
    """One page of the task list and the number of pages."""
    try:
        raw = _list_decoder.decode(body)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise MalformedResponseError(f"unreadable task list ({exc})", code="Malformed") from None
    items = [
        TaskSummary(
            task_id=item.task_id,
            status=TaskStatus.parse(item.status),
            model=item.model_name,
            submit_time=_epoch_ms(item.gmt_create or item.start_time),
            end_time=_epoch_ms(item.end_time),
            request_id=item.request_id,
            file_urls=item.file_urls,
        )
        for item in raw.data or []
    ]
    return items, raw.total_page or 1


def _billed_seconds(usage: _RawUsage | None) -> int | float | None:
    if usage is None:
        return None
    return usage.duration if usage.duration is not None else usage.seconds


def _qwen_results(raw: _RawQwenResult) -> list[SubtaskResult]:
    """Qwen3-ASR's one result as the one subtask of its task (its file is not named).

    The task's status does not decide the file's (a SUCCEEDED task may carry a
    failed result). A result with neither a URL nor a code is left out, so the
    task-level code of a FAILED one-file task decides the job's failure.
    """
    if raw.subtask_status:
        sub_status = TaskStatus.parse(raw.subtask_status)
    elif raw.transcription_url:
        sub_status = TaskStatus.SUCCEEDED
    elif raw.code:
        sub_status = TaskStatus.FAILED
    else:
        return []
    if sub_status is TaskStatus.SUCCEEDED and not raw.transcription_url:
        sub_status = TaskStatus.FAILED
    return [
        SubtaskResult(
            file_url="",
            status=sub_status,
            transcription_url=raw.transcription_url,
            code=raw.code or None,
            message=raw.message or None,
        )
    ]


def _subtask(raw: _RawSubtask) -> SubtaskResult:
    if raw.subtask_status:
        status = TaskStatus.parse(raw.subtask_status)
    else:  # absent status: a result URL means it worked
        status = TaskStatus.SUCCEEDED if raw.transcription_url else TaskStatus.FAILED
    return SubtaskResult(
        file_url=raw.file_url,
        status=status,
        transcription_url=raw.transcription_url,
        code=raw.code,
        message=raw.message,
    )


def _service_time(text: str | None, tz: timezone) -> datetime | None:
    """``2025-02-13 16:55:08.573`` (service clock) as an aware UTC datetime; None if odd."""
    if not text:
        return None
    for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=tz).astimezone(UTC)
        except ValueError:
            continue
    return None


def _epoch_ms(value: int | None) -> datetime | None:
    return datetime.fromtimestamp(value / 1000, UTC) if value else None
