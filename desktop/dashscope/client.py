"""The async DashScope client: one object per endpoint and API key.

A facade: callers (the job engine, the command line, the account windows)
see one object, while each concept lives in a module of its own:

- :mod:`~desktop.dashscope.transport`: connection pools, the API call, its retries;
- :mod:`~desktop.dashscope.lost_submits`: a submit is sent once only;
- :mod:`~desktop.dashscope.polling`: when ``wait`` asks again;
- :mod:`~desktop.dashscope.upload`: local files to the temporary storage;
- :mod:`~desktop.dashscope.result_download`: result files, streamed and capped;
- :mod:`~desktop.dashscope.task_list`: the task list, paged and split into days.

What stays here is the task API itself: building a submit, splitting many
files into as few tasks as the service takes, query, wait and cancel.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from desktop.dashscope import qwen_tasks, task_list
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.errors import (
    DashScopeError,
    InvalidParameterError,
    ModelUnavailableError,
    OptionRefused,
    PartialSubmitError,
    TooManyFilesError,
    advised_for_model,
)
from desktop.dashscope.file_urls import encode_file_url
from desktop.dashscope.lost_submits import OnceOnlySubmits
from desktop.dashscope.options import TranscriptionOptions
from desktop.dashscope.polling import PollPolicy, wait_until_final
from desktop.dashscope.ratelimit import RateLimits
from desktop.dashscope.result_download import ResultDownloads
from desktop.dashscope.retry import RetryPolicy, Sleep
from desktop.dashscope.transport import MaybeSent, Transport, body_request_id
from desktop.dashscope.upload import ProgressCallback, UploadedFile, Uploads
from desktop.dashscope.vocabulary import VocabularyService
from desktop.dashscope.wire import TaskInfo, TaskStatus, TaskSummary, decode_task
from desktop.domain import catalog
from desktop.domain.transcript import Transcript

__all__ = ["DashScopeClient", "PollPolicy"]

log = logging.getLogger(__name__)

SUBMIT_PATH = "/services/audio/asr/transcription"
CUSTOMIZATION_PATH = "/services/audio/asr/customization"

Submitted = list[tuple[list[str], TaskInfo]]


class DashScopeClient:
    """Tasks, uploads and vocabularies on one endpoint with one key."""

    def __init__(
        self,
        endpoint: Endpoint,
        api_key: str,
        *,
        http: httpx.AsyncClient | None = None,
        retry: RetryPolicy | None = None,
        limits: RateLimits | None = None,
        files_per_task: int | None = None,
        poll: PollPolicy | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if not api_key or not api_key.strip():
            raise ValueError("an API key is needed; set one in Settings or DASHSCOPE_API_KEY")
        self.endpoint = endpoint
        self.retry = retry or RetryPolicy()
        self.limits = limits or RateLimits()
        self.files_per_task = files_per_task or catalog.MAX_FILES_PER_TASK
        self.poll = poll or PollPolicy()
        self._sleep = sleep
        self._transport = Transport(
            endpoint, api_key.strip(), http=http, retry=self.retry, sleep=sleep
        )
        self._submits = OnceOnlySubmits(self, retry=self.retry, poll=self.poll, sleep=sleep)
        self._uploads = Uploads(self._transport, self.limits, retry=self.retry, sleep=sleep)
        self._results = ResultDownloads(self._transport, retry=self.retry, sleep=sleep)
        self.vocabularies = VocabularyService(self._customize)

    def __repr__(self) -> str:
        return f"DashScopeClient({self.endpoint.base_url!r})"

    @property
    def request_count(self) -> int:
        """Every HTTP request sent so far, retries included (for benchmarks)."""
        return self._transport.request_count

    async def __aenter__(self) -> DashScopeClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._transport.aclose()

    # --- tasks ---------------------------------------------------------------

    async def submit(
        self,
        model: str,
        file_urls: Sequence[str],
        options: TranscriptionOptions | None = None,
    ) -> TaskInfo:
        """Create one task for ``file_urls`` (at most ``files_per_task``)."""
        options = options or TranscriptionOptions()
        options.check(model, self.endpoint.region)
        urls = [encode_file_url(u) for u in file_urls]
        if not urls:
            raise OptionRefused("no files to transcribe", code="NoFiles")
        if len(urls) > self.files_per_task:
            raise TooManyFilesError(
                f"{len(urls)} files in one task; this service takes {self.files_per_task}",
                code="TooManyFiles",
            )
        if qwen_tasks.takes_one_file_url(model):  # Qwen3-ASR: its own body, one file
            body = qwen_tasks.submit_body(model, urls, options)
        else:
            body = {"model": model, "parameters": options.to_parameters(model)}
            resources = options.to_resources()
            if resources is not None:
                body["resources"] = resources
            body["input"] = {"file_urls": urls}
        headers = {"X-DashScope-Async": "enable"}
        if any(u.startswith("oss://") for u in urls):
            headers["X-DashScope-OssResourceResolve"] = "enable"

        async def send() -> TaskInfo:
            return await self._transport.call(
                "POST",
                SUBMIT_PATH,
                json=body,
                headers=headers,
                bucket=self.limits.submit(model),
                idempotent=False,
                decode=self._decode_task,
            )

        try:
            return await self._submits.submit(model, urls, send)
        except ModelUnavailableError as exc:  # a retired model: advice names its replacement
            raise advised_for_model(exc, model) from None

    async def submit_many(
        self,
        model: str,
        file_urls: Sequence[str],
        options: TranscriptionOptions | None = None,
    ) -> Submitted:
        """As few tasks as the service allows for ``file_urls``, in order.

        If the service refuses a multi-file task, one file is tried alone; when
        that works the client remembers one file per task and sends the rest
        that way. If a later group fails after tasks were created, a
        :class:`PartialSubmitError` names them (``submitted``) next to the
        failure (``error``), so no paid task is forgotten.
        """
        options = options or TranscriptionOptions()
        options.check(model, self.endpoint.region)
        done: Submitted = []
        try:
            await self._submit_groups(model, list(file_urls), options, done)
        except DashScopeError as exc:
            if not done:
                raise
            raise PartialSubmitError(exc, list(done)) from exc
        return done

    async def query(self, task_id: str) -> TaskInfo:
        return await self._transport.call(
            "GET", f"/tasks/{task_id}", bucket=self.limits.query(), decode=self._decode_task
        )

    async def wait(
        self,
        task_id: str,
        *,
        on_update: Callable[[TaskInfo], None] | None = None,
        timeout: float | None = None,
        expected_s: float | None = None,
    ) -> TaskInfo:
        """Poll until the task is final; ``on_update`` hears every status change.

        Passing trouble (network, 5xx, throttling, an unreadable reply) does not
        end the wait: a task runs for minutes to hours and is not lost because
        one poll failed. ``timeout`` raises :class:`WaitTimeout`. ``expected_s``
        (the task's expected processing time from now, e.g. audio length over
        the model's speed) times the polls to its end; see :class:`PollPolicy`.
        """
        return await wait_until_final(
            self.query,
            task_id,
            self.poll,
            self._sleep,
            on_update=on_update,
            timeout=timeout,
            expected_s=expected_s,
        )

    async def cancel(self, task_id: str) -> TaskInfo | None:
        """Cancel a PENDING task; ``None`` when it is too late (already running or done)."""
        try:
            body = await self._transport.call(
                "POST", f"/tasks/{task_id}/cancel", bucket=self.limits.query()
            )
        except InvalidParameterError as exc:
            if exc.code == "UnsupportedOperation":
                return None
            raise
        request_id = body_request_id(body)
        return TaskInfo(task_id=task_id, status=TaskStatus.CANCELED, request_id=request_id)

    async def list_tasks(
        self,
        *,
        start: datetime,
        end: datetime,
        model: str | None = None,
        status: TaskStatus | None = None,
    ) -> list[TaskSummary]:
        """Every task in ``[start, end]`` (all pages; longer windows split into days)."""
        return await task_list.list_tasks(
            self._transport,
            self.limits.query(),
            self.endpoint.service_tz,
            start=start,
            end=end,
            model=model,
            status=status,
        )

    async def fetch_result(self, url: str) -> bytes:
        """The result JSON of one file: streamed, capped, checked against the result schema."""
        body, _transcript = await self.fetch_transcript(url)
        return body

    async def fetch_transcript(self, url: str) -> tuple[bytes, Transcript]:
        """The result JSON of one file and its parsed transcript (parsed once, here)."""
        return await self._results.fetch_transcript(url)

    # --- uploads -------------------------------------------------------------

    async def upload(
        self, model: str, path: Path, *, on_progress: ProgressCallback | None = None
    ) -> UploadedFile:
        """Stream a local file to the temporary storage; the ``oss://`` URL works 48 h."""
        return await self._uploads.upload(model, path, on_progress)

    # --- internals -----------------------------------------------------------

    async def _submit_groups(
        self, model: str, urls: list[str], options: TranscriptionOptions, done: Submitted
    ) -> None:
        """Submit ``urls`` in groups of ``files_per_task``, adding each task made to ``done``
        as soon as it exists (so a later failure cannot lose it)."""
        # Models taking one file per task (Qwen3-ASR) go straight to one submit per file.
        while urls and self.files_per_task > 1 and catalog.get(model).files_per_task > 1:
            group = urls[: self.files_per_task]
            try:
                done.append((group, await self.submit(model, group, options)))
            except InvalidParameterError as exc:
                if len(group) == 1:
                    raise
                single = await self._probe_single_file(model, group[0], options, exc)
                done.append(([group[0]], single))
                urls = urls[1:]
                continue
            urls = urls[len(group) :]
        await self._submit_singly(model, urls, options, done)

    async def _probe_single_file(
        self, model: str, url: str, options: TranscriptionOptions, refusal: InvalidParameterError
    ) -> TaskInfo:
        """Send one file alone after a multi-file refusal; if the service takes it, it takes
        only one file per task, and the client sends the rest that way."""
        info = await self.submit(model, [url], options)
        log.warning(
            "the service refused %d files in one task (%s); sending one file per task from now on",
            self.files_per_task,
            refusal.code,
        )
        self.files_per_task = 1
        return info

    async def _submit_singly(
        self, model: str, urls: list[str], options: TranscriptionOptions, done: Submitted
    ) -> None:
        """One task per file, all at once; every task made is added to ``done``, even when
        another file fails (that failure is raised after)."""
        outcomes = await asyncio.gather(
            *(self.submit(model, [u], options) for u in urls), return_exceptions=True
        )
        done.extend(
            ([u], o) for u, o in zip(urls, outcomes, strict=True) if isinstance(o, TaskInfo)
        )
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome

    async def _customize(self, body: dict[str, Any]) -> bytes:
        # A create whose answer was lost may have made the vocabulary: not resent
        # blindly (the account holds only 10); the caller sees the error and lists.
        creates = body.get("input", {}).get("action") == "create_vocabulary"
        try:
            return await self._transport.call(
                "POST", CUSTOMIZATION_PATH, json=body, idempotent=not creates
            )
        except MaybeSent as unsure:
            raise unsure.error from None

    def _decode_task(self, body: bytes) -> TaskInfo:
        return decode_task(body, self.endpoint.service_tz)
