"""The async DashScope client: one object per endpoint and API key.

Every request passes a rate-limit bucket first and is retried by one rule
(:mod:`desktop.dashscope.retry`). Submits are the exception to blind retries:
a submit that may have reached the service (timeout or dropped connection
after sending) is only sent again after the task list shows it did not create
a task, because a duplicate task costs money.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import ssl
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from desktop.dashscope import qwen_tasks
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.errors import (
    TRANSIENT,
    DashScopeError,
    InvalidParameterError,
    MalformedResponseError,
    MalformedResultError,
    ModelUnavailableError,
    NetworkError,
    OptionRefused,
    RequestTimeout,
    ResultExpiredError,
    ServerError,
    TooManyFilesError,
    UploadPolicyExpired,
    WaitTimeout,
    advised_for_model,
    error_from_response,
    read_error_body,
)
from desktop.dashscope.file_urls import encode_file_url, safe_object_name
from desktop.dashscope.options import TranscriptionOptions
from desktop.dashscope.ratelimit import RateLimits, TokenBucket
from desktop.dashscope.retry import RetryPolicy, retry_after_seconds
from desktop.dashscope.upload import (
    OSS_URL_LIFETIME,
    MultipartUpload,
    ProgressCallback,
    UploadedFile,
    UploadPolicy,
    decode_policy,
)
from desktop.dashscope.vocabulary import VocabularyService
from desktop.dashscope.wire import (
    TaskInfo,
    TaskStatus,
    TaskSummary,
    decode_task,
    decode_task_list,
)
from desktop.domain import catalog
from desktop.domain.transcript import Transcript
from desktop.formats import result_file

log = logging.getLogger(__name__)

SUBMIT_PATH = "/services/audio/asr/transcription"
CUSTOMIZATION_PATH = "/services/audio/asr/customization"
LIST_WINDOW = timedelta(hours=24)  # the list refuses longer windows
LIST_PAGE_SIZE = 50
# How far back the task list is searched for a submit whose reply was lost
# (the service clock and ours may differ a little).
SUBMIT_CLOCK_SLACK = timedelta(seconds=30)

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class PollPolicy:
    """When ``wait`` asks again.

    Without a hint: after ``first`` seconds, growing by ``factor`` up to
    ``longest``. With the task's expected processing time: a couple of early
    polls (to see RUNNING), then one just after the expected end, then every
    ``near`` seconds for a grace period, then the plain back-off again - fewer
    requests than blind polling, and the result is seen within ``near`` of the
    task's end.
    """

    first: float = 1.0
    factor: float = 1.5
    longest: float = 5.0
    near: float = 0.3
    early_polls: int = 2
    # Estimates can be pessimistic: even with a far end, ask at least this often.
    longest_before_due: float = 30.0

    def delay(self, poll_number: int) -> float:
        return min(self.first * self.factor**poll_number, self.longest)

    def next_delay(self, poll_number: int, elapsed: float, expected: float | None) -> float:
        """Seconds to the next poll, ``elapsed`` seconds into a task expected to take
        ``expected`` seconds (None: not known)."""
        if expected is None:
            return self.delay(poll_number)
        until_due = expected - elapsed
        if until_due > 0:
            if poll_number + 1 < self.early_polls:
                return min(self.delay(poll_number), until_due + self.near / 2)
            return min(until_due + self.near / 2, self.longest_before_due)
        # Estimates are rough: poll closely for a while (a fifth of the expected
        # time, 2 to 10 s), then fall back to the plain back-off.
        overdue = -until_due
        if overdue < min(max(2.0, 0.2 * expected), 10.0):
            return self.near
        return self.delay(poll_number)


class _MaybeSent(Exception):
    """A non-idempotent request failed in a way that leaves open whether it arrived."""

    def __init__(self, error: DashScopeError) -> None:
        super().__init__(str(error))
        self.error = error


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
        self.__key = api_key.strip()
        # API calls, uploads and result downloads each get a connection pool of
        # their own: httpcore scans every connection of a pool (a socket check
        # each) whenever a request starts or ends, so one pool shared by a
        # queue's uploads, downloads and polls costs more CPU per request than
        # three small ones.
        if http is None:
            tls = httpx.create_ssl_context()  # loading the CA bundle once, not per pool
            self._http, self._upload_http, self._result_http = (_new_pool(tls) for _ in range(3))
        else:
            self._http = self._upload_http = self._result_http = http
        self._owns_http = http is None
        self.retry = retry or RetryPolicy()
        self.limits = limits or RateLimits()
        self.files_per_task = files_per_task or catalog.MAX_FILES_PER_TASK
        self.poll = poll or PollPolicy()
        self._sleep = sleep
        self._policies: dict[str, UploadPolicy] = {}
        self._policy_lock = asyncio.Lock()
        self._known_tasks: set[str] = set()
        self._gate = asyncio.Condition()
        self._submits_in_flight = 0
        self._recovering = False
        self._unconfirmed: dict[str, int] = {}  # submits per model whose answer was lost
        self._disowned: set[str] = set()  # unknown failed tasks no lost submit may take
        self.request_count = 0  # every HTTP request sent, for benchmarks
        self.vocabularies = VocabularyService(self._customize)

    def __repr__(self) -> str:
        return f"DashScopeClient({self.endpoint.base_url!r})"

    async def __aenter__(self) -> DashScopeClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._owns_http:
            for pool in (self._http, self._upload_http, self._result_http):
                await pool.aclose()

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
        try:
            return await self._submit_once_only(model, urls, body, headers)
        except ModelUnavailableError as exc:  # a retired model: advice names its replacement
            raise advised_for_model(exc, model) from None

    async def submit_many(
        self,
        model: str,
        file_urls: Sequence[str],
        options: TranscriptionOptions | None = None,
    ) -> list[tuple[list[str], TaskInfo]]:
        """As few tasks as the service allows for ``file_urls``, in order.

        If the service refuses a multi-file task, one file is tried alone; when
        that works the client remembers one file per task and sends the rest
        that way. If a later group fails, the error carries ``submitted`` (the
        tasks already created) so no paid task is forgotten.
        """
        options = options or TranscriptionOptions()
        options.check(model, self.endpoint.region)
        urls = list(file_urls)
        done: list[tuple[list[str], TaskInfo]] = []
        # Models taking one file per task (Qwen3-ASR) go straight to one submit per file.
        while urls and self.files_per_task > 1 and catalog.get(model).files_per_task > 1:
            group = urls[: self.files_per_task]
            try:
                done.append((group, await self.submit(model, group, options)))
            except InvalidParameterError as exc:
                if len(group) == 1:
                    _attach(exc, done)
                    raise
                single = await self._probe_single_file(model, group[0], options, exc, done)
                done.append(([group[0]], single))
                urls = urls[1:]
                continue
            except DashScopeError as exc:
                _attach(exc, done)
                raise
            urls = urls[len(group) :]
        done.extend(await self._submit_singly(model, urls, options, done))
        return done

    async def query(self, task_id: str) -> TaskInfo:
        return await self._call(
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
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        started = loop.time()
        expected = None if expected_s is None else max(expected_s, 0.0)
        last: TaskStatus | None = None
        polls = 0
        while True:
            try:
                info: TaskInfo | None = await self.query(task_id)
            except TRANSIENT as exc:
                log.info("poll of task %s failed, will poll again: %s", task_id, exc)
                info = None
            if info is not None:
                if info.status is not last:
                    last = info.status
                    if on_update is not None:
                        on_update(info)
                if info.is_final:
                    return info
            delay = self.poll.next_delay(polls, loop.time() - started, expected)
            polls += 1
            if deadline is not None and loop.time() + delay > deadline:
                raise WaitTimeout(
                    f"task {task_id} not finished after {timeout:g} s "
                    f"(last status {last.value if last else 'not known'})",
                    code="WaitTaskTimeout",
                )
            await self._sleep(delay)

    async def cancel(self, task_id: str) -> TaskInfo | None:
        """Cancel a PENDING task; ``None`` when it is too late (already running or done)."""
        try:
            body = await self._call("POST", f"/tasks/{task_id}/cancel", bucket=self.limits.query())
        except InvalidParameterError as exc:
            if exc.code == "UnsupportedOperation":
                return None
            raise
        request_id = _request_id(body)
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
        # Whole seconds on the wire: widen to whole seconds so nothing at an edge is missed.
        start, end = _aware(start).replace(microsecond=0), _ceil_second(_aware(end))
        if end < start:
            raise ValueError("the end of the window is before its start")
        seen: dict[str, TaskSummary] = {}
        window_start = start
        while True:
            window_end = min(window_start + LIST_WINDOW, end)
            for item in await self._list_window(window_start, window_end, model, status):
                seen.setdefault(item.task_id, item)
            if window_end >= end:
                return list(seen.values())
            window_start = window_end

    async def fetch_result(self, url: str) -> bytes:
        """The result JSON of one file: streamed, capped, checked against the result schema."""
        body, _transcript = await self.fetch_transcript(url)
        return body

    async def fetch_transcript(self, url: str) -> tuple[bytes, Transcript]:
        """The result JSON of one file and its parsed transcript (parsed once, here)."""
        for retry_number in range(1, self.retry.attempts + 1):
            try:
                body = await self._download(url)
                return body, result_file.parse_result(body)
            except result_file.ResultFileError as exc:
                error: DashScopeError = MalformedResultError(
                    f"result file is not valid: {exc}", code="MalformedResult"
                )
            except DashScopeError as exc:
                if not exc.retryable:
                    raise
                error = exc
            if retry_number == self.retry.attempts:
                raise error
            await self._sleep(self.retry.delay(retry_number))
        raise AssertionError("unreachable")

    # --- uploads -------------------------------------------------------------

    async def upload(
        self, model: str, path: Path, *, on_progress: ProgressCallback | None = None
    ) -> UploadedFile:
        """Stream a local file to the temporary storage; the ``oss://`` URL works 48 h."""
        size = _file_size(path, model)
        last: DashScopeError | None = None
        for retry_number in range(1, self.retry.attempts + 1):
            policy = await self._upload_policy(model)
            if policy.max_file_bytes is not None and size > policy.max_file_bytes:
                raise OptionRefused(
                    f"{path.name}: {size / 1024**2:.0f} MB is more than the "
                    f"{policy.max_file_bytes / 1024**2:.0f} MB the temporary upload takes "
                    f"for {model}",
                    code="FileTooLarge",
                    advice="Shorten or compress the file, or give a public URL instead.",
                )
            key = f"{policy.upload_dir}/{safe_object_name(path.name)}"
            try:
                await self._post_file(policy, key, path, size, on_progress)
                return UploadedFile(
                    oss_url=f"oss://{key}",
                    expires_at=datetime.now(UTC) + OSS_URL_LIFETIME,
                    size=size,
                    model=model,
                )
            except UploadPolicyExpired as exc:
                self._forget_policy(policy)
                last = exc
                continue  # at once: a fresh policy fixes it
            except DashScopeError as exc:
                if not exc.retryable:
                    raise
                last = exc
            if retry_number < self.retry.attempts:
                await self._sleep(self.retry.delay(retry_number))
        assert last is not None
        raise last

    # --- internals: submits --------------------------------------------------

    async def _submit_once_only(
        self, model: str, urls: list[str], body: dict[str, Any], headers: dict[str, str]
    ) -> TaskInfo:
        last: DashScopeError | None = None
        for retry_number in range(1, self.retry.attempts + 1):
            started = datetime.now(UTC)
            async with self._submit_slot():
                try:
                    info = await self._call(
                        "POST",
                        SUBMIT_PATH,
                        json=body,
                        headers=headers,
                        bucket=self.limits.submit(model),
                        idempotent=False,
                        decode=self._decode_task,
                    )
                except (MalformedResponseError, _MaybeSent) as exc:
                    unsure = exc.error if isinstance(exc, _MaybeSent) else exc
                    # Counted before the slot is left, so no search runs thinking it is alone.
                    self._unconfirmed[model] = self._unconfirmed.get(model, 0) + 1
                else:
                    self._known_tasks.add(info.task_id)
                    return info
            try:
                found = await self._find_lost_submit(model, urls, started, unsure)
            finally:
                self._unconfirmed[model] -= 1
            if found is not None:
                return found
            last = unsure
            if retry_number < self.retry.attempts:
                await self._sleep(self.retry.delay(retry_number))
        assert last is not None
        raise last

    def _submit_slot(self) -> _SubmitSlot:
        return _SubmitSlot(self)

    async def _find_lost_submit(
        self, model: str, urls: list[str], started: datetime, error: DashScopeError
    ) -> TaskInfo | None:
        """The task an unanswered submit created, from the task list; None if there is none.

        New submits wait while the list is read, and it waits for those in
        flight, so a task whose reply is merely late is never taken for the lost
        one. A single unanswered submit and a single unknown task belong
        together. With several of either, a task is only taken once its results
        name exactly these files, so two lost submits never swap their tasks
        (this can mean waiting until the tasks finish). A failed task that names
        no files cannot be told apart: the files are sent again and that task is
        left alone (failed tasks are not billed).
        """
        polls = 0
        while True:
            candidates, alone = await self._unknown_tasks(model, started, error)
            if not candidates:
                log.info("submit to %s got no answer and created no task; sending again", model)
                return None
            if alone and len(candidates) == 1:
                return await self._adopt(candidates[0].task_id, model)
            waiting = False
            opaque: list[str] = []
            for candidate in candidates:
                files = await self._files_of(candidate.task_id)
                if files == urls and candidate.task_id not in self._known_tasks:
                    return await self._adopt(candidate.task_id, model)
                if files is None:
                    waiting = True
                elif not files:
                    opaque.append(candidate.task_id)
            if not waiting:
                # Every candidate is someone else's, or failed without naming its
                # files. Those are given up for good (failed tasks are not billed),
                # so no later search takes one for a different submit.
                self._disowned.update(opaque)
                log.info("no unknown task of %s holds these files; sending again", model)
                return None
            await self._sleep(self.poll.delay(polls))
            polls += 1

    async def _unknown_tasks(
        self, model: str, started: datetime, error: DashScopeError
    ) -> tuple[list[TaskSummary], bool]:
        """Listed tasks of ``model`` that no call of this client has claimed, and whether
        only one unanswered submit is looking for its task."""
        async with self._gate:
            await self._gate.wait_for(lambda: not self._recovering)
            self._recovering = True
            await self._gate.wait_for(lambda: self._submits_in_flight == 0)
        try:
            listed = await self.list_tasks(
                start=started - SUBMIT_CLOCK_SLACK,
                end=datetime.now(UTC) + SUBMIT_CLOCK_SLACK,
                model=model,
            )
        except DashScopeError:
            raise RequestTimeout(
                f"a submit to {model} got no answer ({error.message}) and the task list "
                "could not be checked, so it was not sent again",
                code=error.code or "SubmitUnconfirmed",
                advice="Check the task list in a minute before submitting these files again.",
            ) from None
        finally:
            async with self._gate:
                self._recovering = False
                self._gate.notify_all()
        candidates = [
            t
            for t in listed
            if t.task_id not in self._known_tasks and t.task_id not in self._disowned
        ]
        return candidates, self._unconfirmed.get(model, 0) == 1

    async def _files_of(self, task_id: str) -> list[str] | None:
        """The file URLs of a task once its results show them all; None while unknown.

        A final task without per-file results (an all-failed shape) never shows
        its files: ``[]``.
        """
        try:
            info = await self.query(task_id)
        except DashScopeError:
            return None
        complete = info.total is not None and len(info.results) == info.total
        if info.is_final and not info.names_its_files:  # Qwen3-ASR: cannot be told apart
            return []
        if info.is_final or complete:
            return [r.file_url for r in info.results]
        return None

    async def _adopt(self, task_id: str, model: str) -> TaskInfo:
        self._known_tasks.add(task_id)
        log.info("submit to %s got no answer but created task %s", model, task_id)
        try:
            return await self.query(task_id)
        except DashScopeError:
            return TaskInfo(task_id=task_id, status=TaskStatus.PENDING)

    async def _probe_single_file(
        self,
        model: str,
        url: str,
        options: TranscriptionOptions,
        refusal: InvalidParameterError,
        done: list[tuple[list[str], TaskInfo]],
    ) -> TaskInfo:
        try:
            info = await self.submit(model, [url], options)
        except DashScopeError as exc:
            _attach(exc, done)
            raise
        log.warning(
            "the service refused %d files in one task (%s); sending one file per task from now on",
            self.files_per_task,
            refusal.code,
        )
        self.files_per_task = 1
        return info

    async def _submit_singly(
        self,
        model: str,
        urls: list[str],
        options: TranscriptionOptions,
        done: list[tuple[list[str], TaskInfo]],
    ) -> list[tuple[list[str], TaskInfo]]:
        outcomes = await asyncio.gather(
            *(self.submit(model, [u], options) for u in urls), return_exceptions=True
        )
        made = [([u], o) for u, o in zip(urls, outcomes, strict=True) if isinstance(o, TaskInfo)]
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                _attach(outcome, done + made)
                raise outcome
        return made

    async def _list_window(
        self, start: datetime, end: datetime, model: str | None, status: TaskStatus | None
    ) -> list[TaskSummary]:
        tz = self.endpoint.service_tz
        params: dict[str, str | int] = {
            "start_time": start.astimezone(tz).strftime("%Y%m%d%H%M%S"),
            "end_time": end.astimezone(tz).strftime("%Y%m%d%H%M%S"),
            "page_size": LIST_PAGE_SIZE,
        }
        if model:
            params["model_name"] = model
        if status:
            params["status"] = status.value
        items: list[TaskSummary] = []
        page = 1
        while True:
            found, pages = await self._call(
                "GET",
                "/tasks",
                params={**params, "page_no": page},
                bucket=self.limits.query(),
                decode=decode_task_list,
            )
            items.extend(found)
            if page >= pages or not found:
                return items
            page += 1

    # --- internals: uploads --------------------------------------------------

    async def _upload_policy(self, model: str) -> UploadPolicy:
        """A policy for ``model``, reused until it is about to expire."""
        async with self._policy_lock:
            policy = self._policies.get(model)
            if policy is not None and policy.usable():
                return policy
            policy = await self._call(
                "GET",
                "/uploads",
                params={"action": "getPolicy", "model": model},
                bucket=self.limits.upload_policy(model),
                decode=lambda body: decode_policy(body, model),
            )
            self._policies[model] = policy
            return policy

    def _forget_policy(self, policy: UploadPolicy) -> None:
        if self._policies.get(policy.model) is policy:
            del self._policies[policy.model]

    async def _post_file(
        self,
        policy: UploadPolicy,
        key: str,
        path: Path,
        size: int,
        on_progress: ProgressCallback | None,
    ) -> None:
        form = MultipartUpload(policy, key, path, size, on_progress)
        headers = {
            "Content-Type": form.content_type,
            "Content-Length": str(form.content_length),
            "Accept": "application/json",
        }
        self.request_count += 1
        try:
            response = await self._upload_http.post(
                policy.upload_host,
                content=form.stream(),
                headers=headers,
                timeout=httpx.Timeout(120.0, connect=15.0),
            )
        except httpx.TimeoutException as exc:
            raise RequestTimeout(
                f"upload of {path.name} timed out ({exc})", code="Timeout"
            ) from None
        except httpx.TransportError as exc:
            raise NetworkError(
                f"upload of {path.name} failed: {exc}", code="NetworkError"
            ) from None
        if response.status_code in (200, 201, 204):
            return
        raise _oss_error(response, path.name)

    # --- internals: HTTP -----------------------------------------------------

    async def _customize(self, body: dict[str, Any]) -> bytes:
        # A create whose answer was lost may have made the vocabulary: not resent
        # blindly (the account holds only 10); the caller sees the error and lists.
        creates = body.get("input", {}).get("action") == "create_vocabulary"
        try:
            return await self._call("POST", CUSTOMIZATION_PATH, json=body, idempotent=not creates)
        except _MaybeSent as unsure:
            raise unsure.error from None

    def _decode_task(self, body: bytes) -> TaskInfo:
        return decode_task(body, self.endpoint.service_tz)

    async def _call(
        self,
        method: str,
        path: str,
        *,
        bucket: TokenBucket | None = None,
        json: Any = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        idempotent: bool = True,
        decode: Callable[[bytes], Any] = bytes,
    ) -> Any:
        """One DashScope API call with rate limiting and retries; the decoded 2xx body.

        An unreadable 2xx body (cut short, not JSON) is retried like a network
        error when the call is safe to repeat.
        """
        url = self.endpoint.url(path)
        all_headers = {"Authorization": f"Bearer {self.__key}", **(headers or {})}
        for retry_number in range(1, self.retry.attempts + 1):
            if bucket is not None:
                await bucket.acquire()
            retry_after = None
            self.request_count += 1
            try:
                response = await self._http.request(
                    method, url, json=json, params=params, headers=all_headers
                )
            except httpx.TransportError as exc:
                error = _transport_error(exc, method, path)
                if not idempotent and _may_have_arrived(exc):
                    raise _MaybeSent(error) from None
            else:
                if response.is_success:
                    try:
                        return decode(response.content)
                    except MalformedResponseError as exc:
                        if not idempotent:
                            raise
                        error = exc
                else:
                    error = error_from_response(
                        response.status_code,
                        response.content,
                        header_request_id=_header_request_id(response),
                    )
                    retry_after = retry_after_seconds(response)
            if (
                not (error.retryable or isinstance(error, MalformedResponseError))
                or retry_number == self.retry.attempts
            ):
                raise error
            delay = self.retry.delay(retry_number, retry_after)
            log.info(
                "%s %s failed (%s); retry %d in %.2f s", method, path, error, retry_number, delay
            )
            await self._sleep(delay)
        raise AssertionError("unreachable")

    async def _download(self, url: str) -> bytes:
        """GET a result URL (no DashScope auth: it is a signed storage URL)."""
        cap = result_file.MAX_RESULT_BYTES
        self.request_count += 1
        try:
            async with self._result_http.stream("GET", url) as response:
                if response.status_code in (403, 404, 410):
                    await response.aread()
                    raise _expired(response, url)
                if not response.is_success:
                    await response.aread()
                    raise error_from_response(
                        response.status_code, response.content, context="result download"
                    )
                declared = int(response.headers.get("content-length") or 0)
                if declared > cap:
                    raise _too_big(declared, cap)
                chunks: list[bytes] = []
                received = 0
                async for chunk in response.aiter_bytes():
                    received += len(chunk)
                    if received > cap:
                        raise _too_big(received, cap)
                    chunks.append(chunk)
                return b"".join(chunks)
        except httpx.TransportError as exc:
            raise _transport_error(exc, "GET", _redacted(url)) from None


def _new_pool(tls: ssl.SSLContext) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        verify=tls,
        timeout=httpx.Timeout(60.0, connect=15.0),
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
    )


class _SubmitSlot:
    """Counts a submit as in flight unless a lost-submit search is running."""

    def __init__(self, client: DashScopeClient) -> None:
        self._client = client

    async def __aenter__(self) -> None:
        gate = self._client._gate
        async with gate:
            await gate.wait_for(lambda: not self._client._recovering)
            self._client._submits_in_flight += 1

    async def __aexit__(self, *exc_info: object) -> None:
        gate = self._client._gate
        async with gate:
            self._client._submits_in_flight -= 1
            gate.notify_all()


def _attach(exc: BaseException, done: list[tuple[list[str], TaskInfo]]) -> None:
    """Tasks created before a failure ride on the exception (``submitted``)."""
    exc.submitted = list(done)  # type: ignore[attr-defined]


def _transport_error(exc: httpx.TransportError, method: str, what: str) -> DashScopeError:
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return RequestTimeout(f"{method} {what} timed out ({detail})", code="Timeout")
    return NetworkError(f"{method} {what} failed: {detail}", code="NetworkError")


def _may_have_arrived(exc: httpx.TransportError) -> bool:
    """False only when the request certainly never left (no connection was made)."""
    return not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def _redacted(url: str) -> str:
    """A signed URL without its signature, for messages."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def _expired(response: httpx.Response, url: str) -> ResultExpiredError:
    code, message, request_id = _oss_fields(response.content)
    return ResultExpiredError(
        f"result {_redacted(url)} is no longer available "
        f"({message or 'HTTP ' + str(response.status_code)})",
        code=code or "ResultExpired",
        request_id=request_id,
        status=response.status_code,
    )


def _too_big(size: int, cap: int) -> MalformedResultError:
    return MalformedResultError(
        f"result file is larger than {cap // 1024**2} MB ({size} bytes); refused",
        code="ResultTooLarge",
    )


def _oss_error(response: httpx.Response, name: str) -> DashScopeError:
    code, message, request_id = _oss_fields(response.content)
    status = response.status_code
    text = f"upload of {name} refused: {message or code or 'HTTP ' + str(status)}"
    if status == 403 and "expired" in message.lower():
        return UploadPolicyExpired(text, code=code, request_id=request_id, status=status)
    if code == "FileAlreadyExists":
        # A random prefix makes this near impossible; a new name on retry fixes it.
        return ServerError(text, code=code, request_id=request_id, status=status)
    if code == "EntityTooLarge":
        return InvalidParameterError(
            text,
            code=code,
            request_id=request_id,
            status=status,
            advice="The file is larger than the temporary upload takes; give a public URL instead.",
        )
    cls = ServerError if status >= 500 or status == 429 else InvalidParameterError
    return cls(text, code=code or "UploadFailed", request_id=request_id, status=status)


_XML_FIELD = re.compile(rb"<(Code|Message|RequestId)>(.*?)</\1>", re.S)


def _oss_fields(body: bytes) -> tuple[str, str, str | None]:
    fields = {
        m.group(1).decode(): m.group(2).decode("utf-8", "replace")
        for m in _XML_FIELD.finditer(body)
    }
    if not fields:
        return read_error_body(body)
    return fields.get("Code", ""), fields.get("Message", ""), fields.get("RequestId")


def _header_request_id(response: httpx.Response) -> str | None:
    for name in ("x-request-id", "x-dashscope-request-id", "x-acs-request-id"):
        if value := response.headers.get(name):
            return value
    return None


def _request_id(body: bytes) -> str | None:
    try:
        value = json.loads(body).get("request_id")
    except (ValueError, AttributeError):
        return None
    return str(value) if value else None


def _ceil_second(moment: datetime) -> datetime:
    if moment.microsecond:
        return moment.replace(microsecond=0) + timedelta(seconds=1)
    return moment


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _file_size(path: Path, model: str) -> int:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise OptionRefused(
            f"{path}: cannot read the file ({exc.strerror or exc})",
            code="FileUnreadable",
            advice="Check that the file still exists and can be read, then add it again.",
        ) from None
    limit = catalog.get(model).max_file_bytes if model in {m.name for m in catalog.MODELS} else None
    if limit is not None and size > limit:
        raise OptionRefused(
            f"{path.name}: {size / 1024**3:.2f} GB is more than the service's 2 GB limit",
            code="FileTooLarge",
            advice="Split the recording or compress it before transcribing.",
        )
    if size == 0:
        raise OptionRefused(f"{path.name} is empty", code="FileEmpty")
    return size
