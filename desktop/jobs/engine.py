"""The queue engine: every file from "queued" to "done", surviving crashes and bad days.

Each step writes the job's new state *before* it runs (``JobStore``), so on the
next start ``start()`` finds every unfinished job exactly where it stopped:
preparing jobs are probed/uploaded again (an upload still valid is reused),
submitted tasks are re-attached by id, and a submit whose answer was lost is
reconciled through the task list before anything is sent twice.

Failures are sorted three ways: a problem with one file fails that job with
the service's code and a sentence of advice; a problem with the account (bad
key, arrears) pauses the whole queue until the user fixes it; anything
transient (network, 5xx, throttling) is retried with a growing delay, forever,
because the user may have gone home.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections.abc import Callable, Coroutine, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec

from desktop.dashscope import errors
from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.options import TranscriptionOptions
from desktop.dashscope.wire import TaskInfo, TaskStatus
from desktop.domain import catalog, media_rules
from desktop.jobs import job_options, pacing
from desktop.jobs.slots import Slots
from desktop.jobs.sources import Source
from desktop.jobs.usage import estimate_cost
from desktop.media.probe import ProbeError, probe_async
from desktop.store.jobs import Job, JobState
from desktop.store.library import Library

log = logging.getLogger(__name__)

JobListener = Callable[[Job], None]
PauseListener = Callable[["str | None"], None]

_PREPARING = (JobState.QUEUED, JobState.PROBING, JobState.UPLOADING, JobState.WAITING)
_ON_SERVICE = (JobState.SUBMITTED, JobState.RUNNING, JobState.FETCHING)
_ACCOUNT = (errors.AuthError, errors.QuotaError)


@dataclass(frozen=True)
class EngineSettings:
    # Probing reads headers in a thread; a couple at a time keeps the event loop
    # (uploads, fetches, state writes) from starving behind a thousand of them.
    probe_concurrency: int = 2
    upload_concurrency: int = 6
    fetch_concurrency: int = 8
    submit_concurrency: int = 4
    # How long a waiting file waits for others of its batch still being prepared.
    batch_linger_s: float = 1.0
    # At most this many files per task; the client may know the service takes fewer.
    files_per_task: int = catalog.MAX_FILES_PER_TASK
    # The service keeps temporary uploads 48 h; leave an hour for the task to fetch it.
    upload_valid_for: timedelta = timedelta(hours=47)
    # Delays between attempts of a transiently failing step (the last one repeats).
    retry_delays_s: tuple[float, ...] = (1.0, 3.0, 10.0, 30.0, 60.0)
    # Slack around a lost submit's time when searching the task list for it.
    reconcile_margin: timedelta = timedelta(minutes=10)


class JobEngine:
    """Runs the queue on the current asyncio loop; the GUI and the CLI drive it alike."""

    def __init__(
        self,
        library: Library,
        client: DashScopeClient | None,
        settings: EngineSettings | None = None,
    ) -> None:
        self._library = library
        self._jobs = library.jobs
        self._client = client
        self._settings = settings or EngineSettings()
        self._job_listeners: list[JobListener] = []
        self._pause_listeners: list[PauseListener] = []
        self._trouble_listeners: list[PauseListener] = []
        self._trouble: str | None = None
        self._running = False
        self._pause_reason: str | None = None
        self._unpaused = asyncio.Event()
        self._unpaused.set()
        self._wake = asyncio.Event()
        self._probe_slots = Slots(self._settings.probe_concurrency)
        self._upload_slots = Slots(self._settings.upload_concurrency)
        self._fetch_slots = Slots(self._settings.fetch_concurrency)
        self._submit_slots = Slots(self._settings.submit_concurrency)
        self._preparing: dict[int, asyncio.Task[None]] = {}  # job id → probe/upload task
        self._batch_of: dict[int, str] = {}  # job id → batch key, for jobs in this process
        self._waiting_since: dict[int, float] = {}  # job id → monotonic time it became WAITING
        self._followers: dict[str, asyncio.Task[None]] = {}  # task id → follow task
        self._background: set[asyncio.Task[None]] = set()
        self._submit_loop: asyncio.Task[None] | None = None
        # The loop ``start`` ran on: commands from Qt slots schedule work on it even
        # when they run between turns of the loop.
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- events ----------------------------------------------------------------

    def on_job(self, listener: JobListener) -> Callable[[], None]:
        """Call ``listener`` with the new row after every state or progress write."""
        self._job_listeners.append(listener)
        return lambda: self._job_listeners.remove(listener)

    def on_pause(self, listener: PauseListener) -> Callable[[], None]:
        """Call ``listener`` with the reason when the queue pauses, ``None`` when it resumes."""
        self._pause_listeners.append(listener)
        return lambda: self._pause_listeners.remove(listener)

    def on_trouble(self, listener: PauseListener) -> Callable[[], None]:
        """Call ``listener`` with a sentence while passing trouble (network, server,
        throttling) is being retried, and with ``None`` once requests succeed again."""
        self._trouble_listeners.append(listener)
        return lambda: self._trouble_listeners.remove(listener)

    @property
    def pause_reason(self) -> str | None:
        return self._pause_reason

    # -- commands --------------------------------------------------------------

    def add(
        self, sources: Sequence[Source], model: str, options: TranscriptionOptions
    ) -> list[Job]:
        """Queue one job per source; they start at once when the engine runs."""
        catalog.get(model)  # an unknown model fails here, not in the middle of the queue
        options_json = job_options.encode(options)
        key = job_options.batch_key(model, options_json)
        added = [
            self._jobs.add(
                source=s.text,
                is_url=s.is_url,
                title=s.title,
                model=model,
                options=options_json,
                batch_key=key,
            )
            for s in sources
        ]
        for job in added:
            self._emit(job)
            if self._running:
                self._prepare(job)
        return added

    def start(self) -> None:
        """Pick up every unfinished job where it stopped, and run new ones as they come."""
        if self._running:
            return
        self._running = True
        self._loop = asyncio.get_running_loop()
        self._submit_loop = self._loop.create_task(self._submit_forever())
        submitting: list[Job] = []
        for job in self._jobs.unfinished():
            if job.state in _PREPARING:
                self._prepare(job)
            elif job.state is JobState.SUBMITTING:
                submitting.append(job)
            elif job.task_id is not None:
                self._follow(job.task_id, job.model)
        if submitting:
            self._spawn(self._reconcile(submitting))

    async def stop(self) -> None:
        """Stop working; every job keeps its written state and resumes on the next start."""
        self._running = False
        tasks = [*self._preparing.values(), *self._followers.values(), *self._background]
        if self._submit_loop is not None:
            tasks.append(self._submit_loop)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._preparing.clear()
        self._followers.clear()
        self._background.clear()
        self._waiting_since.clear()
        self._submit_loop = None

    @property
    def concurrency(self) -> tuple[int, int]:
        """The limits now in force: (simultaneous uploads, simultaneous result downloads)."""
        return self._upload_slots.limit, self._fetch_slots.limit

    def set_concurrency(self, *, uploads: int, fetches: int) -> None:
        """New limits for simultaneous uploads and result downloads, applied at once.

        Work under way finishes; raising a limit starts waiting files now.
        """
        self._upload_slots.resize(uploads)
        self._fetch_slots.resize(fetches)

    def set_client(self, client: DashScopeClient) -> None:
        """Use a new client (a new key or endpoint) and lift a pause caused by the old one."""
        self._client = client
        self._set_pause(None)

    def cancel(self, job_id: int) -> Job:
        """Stop a job: before submit it just stops; a pending task is cancelled on the
        service; a running one is detached and its result discarded."""
        job = self._jobs.get(job_id)
        if job.state.final:
            return job
        task = self._preparing.pop(job_id, None)
        if task is not None:
            task.cancel()
        self._waiting_since.pop(job_id, None)
        job = self._write(job_id, state=JobState.CANCELED)
        if job.task_id is not None and self._client is not None:
            self._spawn(self._cancel_task_if_unwanted(job.task_id))
        return job

    def retry(self, job_id: int) -> Job:
        """Queue a failed or cancelled job again, re-using its upload while it is valid."""
        job = self._jobs.get(job_id)
        if job.state not in (JobState.FAILED, JobState.CANCELED):
            return job
        state = JobState.WAITING if self._upload_valid(job) else JobState.QUEUED
        job = self._write(
            job_id,
            state=state,
            task_id=None,
            error_code=None,
            error_message=None,
            advice=None,
            submit_started_at=None,
        )
        if self._running:
            self._prepare(job)
        return job

    def remove(self, job_id: int) -> None:
        """Forget a job (cancelling it first if it is still under way)."""
        if not self._jobs.get(job_id).state.final:
            self.cancel(job_id)
        self._jobs.remove(job_id)

    async def wait_until_settled(self, job_ids: Sequence[int], *, submitted: bool = False) -> None:
        """Return when every job is final (or, with ``submitted``, at least on the service),
        or when the queue pauses on an account problem."""

        def settled(job: Job) -> bool:
            return job.state.final or (submitted and job.state in _ON_SERVICE)

        pending = {i for i in job_ids if not settled(self._jobs.get(i))}
        done = asyncio.Event()

        def on_job(job: Job) -> None:
            if job.id in pending and settled(job):
                pending.discard(job.id)
                if not pending:
                    done.set()

        def on_pause(reason: str | None) -> None:
            if reason is not None:
                done.set()

        if not pending or self._pause_reason is not None:
            return
        forget_jobs, forget_pause = self.on_job(on_job), self.on_pause(on_pause)
        try:
            await done.wait()
        finally:
            forget_jobs()
            forget_pause()

    # -- preparing: probe, validate, upload ----------------------------------

    def _prepare(self, job: Job) -> None:
        if job.id in self._preparing:
            return
        task = self._loop.create_task(self._prepare_job(job.id))
        self._preparing[job.id] = task
        self._batch_of[job.id] = job.batch_key
        task.add_done_callback(lambda _t, job_id=job.id: self._preparing.pop(job_id, None))

    async def _prepare_job(self, job_id: int) -> None:
        job = self._jobs.get(job_id)
        if job.state in (JobState.QUEUED, JobState.PROBING):
            job = await self._probe(job)
        if job.state is JobState.WAITING and not self._upload_valid(job):
            job = self._write(job.id, state=JobState.UPLOADING, file_url=None, bytes_done=0)
        if job.state is JobState.UPLOADING:
            job = await self._retrying(job, self._upload)
        if job.state is JobState.WAITING:
            self._batch_of[job.id] = job.batch_key
            self._waiting_since[job.id] = time.monotonic()
            self._wake.set()

    async def _probe(self, job: Job) -> Job:
        if job.is_url:
            return self._write(job.id, state=JobState.WAITING, file_url=job.source)
        async with self._probe_slots:  # "probing" only once it really is
            job = self._write(job.id, state=JobState.PROBING)
            try:
                media = await probe_async(Path(job.source))
            except ProbeError as error:
                return self._fail(job, "MediaUnreadable", str(error), "")
        options = job_options.decode(job.options)
        spec = catalog.get(job.model)
        language = options.language_hints[0] if options.language_hints else options.language
        channel_ids = options.channel_id or (0,)
        problems = media_rules.refusals(spec, media, channel_ids, language)
        if problems:
            return self._fail(job, "Refused", " ".join(problems), "")
        cost = estimate_cost(job.model, media.duration_ms, job_options.channel_count(options))
        return self._write(
            job.id,
            state=JobState.UPLOADING,
            media=msgspec.json.encode(media).decode(),
            size_bytes=media.size_bytes,
            duration_ms=media.duration_ms,
            estimated_cost=cost,
            bytes_done=0,
        )

    async def _upload(self, job: Job) -> Job:
        client = await self._ready_client()
        async with self._upload_slots:
            # Made once the slot is ours: its clock must not count the wait for it.
            progress = _ProgressWriter(lambda done: self._write(job.id, bytes_done=done))
            uploaded = await client.upload(job.model, Path(job.source), on_progress=progress)
        return self._write(
            job.id,
            state=JobState.WAITING,
            file_url=uploaded.oss_url,
            uploaded_at=datetime.now(UTC),
            bytes_done=uploaded.size,
        )

    def _upload_valid(self, job: Job) -> bool:
        if job.file_url is None:
            return False
        if job.is_url:
            return True
        if job.uploaded_at is None:
            return False
        return datetime.now(UTC) - job.uploaded_at < self._settings.upload_valid_for

    # -- submitting in batches ---------------------------------------------------

    async def _submit_forever(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            await self._unpaused.wait()
            next_check = self._submit_ready_batches()
            if next_check is not None:
                self._loop.call_later(next_check, self._wake.set)

    def _submit_ready_batches(self) -> float | None:
        """Start a submit for every batch that is full or has waited long enough;
        return the seconds until the next batch may be ready."""
        groups: dict[str, list[int]] = {}
        for job_id in self._waiting_since:
            groups.setdefault(self._batch_of[job_id], []).append(job_id)
        limit = self._settings.files_per_task
        if self._client is not None:
            limit = max(1, min(limit, self._client.files_per_task))
        now = time.monotonic()
        next_check: float | None = None
        for key, ids in groups.items():
            while len(ids) >= limit:
                self._start_submit(ids[:limit])
                ids = ids[limit:]
            if not ids:
                continue
            age = now - min(self._waiting_since[i] for i in ids)
            if age >= self._settings.batch_linger_s or not self._still_preparing(key):
                self._start_submit(ids)
            else:
                wait = self._settings.batch_linger_s - age
                next_check = wait if next_check is None else min(next_check, wait)
        return next_check

    def _still_preparing(self, key: str) -> bool:
        """Whether a file of batch ``key`` is still being probed or uploaded.

        This runs each time a file becomes ready: a set of every preparing job's
        key made a big queue quadratic, while the oldest preparing jobs (first
        in the dict) usually answer at once.
        """
        return any(
            self._batch_of[i] == key and i not in self._waiting_since for i in self._preparing
        )

    def _start_submit(self, ids: list[int]) -> None:
        for job_id in ids:
            self._waiting_since.pop(job_id, None)
        batch = self._jobs.update_many(
            ids, state=JobState.SUBMITTING, submit_started_at=datetime.now(UTC)
        )
        for job in batch:
            self._emit(job)
        self._spawn(self._submit(batch))

    async def _submit(self, batch: list[Job]) -> None:
        model = batch[0].model
        options = job_options.decode(batch[0].options)
        urls = [_sent_url(job) for job in batch]
        delays = self._delays()
        while True:
            client = await self._ready_client()
            try:
                async with self._submit_slots:
                    tasks = await client.submit_many(model, urls, options)
                break
            except errors.DashScopeError as raised:
                batch = self._attach_partial(batch, raised, model)
                error = raised.error if isinstance(raised, errors.PartialSubmitError) else raised
                if not batch:
                    return
                if isinstance(error, _ACCOUNT):
                    self._back_to_waiting(batch)
                    self._account_problem(error, client)
                    return
                if isinstance(error, (errors.NetworkError, errors.RequestTimeout)):
                    # The submit may have reached the service: never send it blind again.
                    self._set_trouble(error)
                    await asyncio.sleep(next(delays))
                    await self._reconcile(batch)
                    return
                if errors.is_transient(error):
                    urls = [_sent_url(job) for job in batch]
                    self._set_trouble(error)
                    await asyncio.sleep(next(delays))
                    continue
                for job in batch:
                    self._fail(job, error.code, error.message, error.advice)
                return
        self._set_trouble(None)
        for task_urls, info in tasks:
            self._attach(batch, task_urls, info.task_id, model)

    def _attach_partial(self, batch: list[Job], error: Exception, model: str) -> list[Job]:
        """Attach the tasks a failed multi-task submit did create; return the jobs left."""
        created = error.submitted if isinstance(error, errors.PartialSubmitError) else []
        for task_urls, info in created:
            self._attach(batch, task_urls, info.task_id, model)
        carried = {u for task_urls, _info in created for u in task_urls}
        return [job for job in batch if _sent_url(job) not in carried]

    def _attach(self, batch: Sequence[Job], urls: Sequence[str], task_id: str, model: str) -> None:
        """Store a task id on the jobs whose files it carries (``urls`` as we sent them),
        then follow it."""
        self._jobs.remember_task(task_id, model)
        carried = set(urls)
        ids = [j.id for j in batch if _sent_url(j) in carried]
        canceled = [j.id for j in self._jobs.get_many(ids) if j.state is JobState.CANCELED]
        wanted = [i for i in ids if i not in canceled]
        if canceled:
            self._jobs.update_many(canceled, task_id=task_id)  # kept so the task can be cancelled
        for job in self._jobs.update_many(wanted, state=JobState.SUBMITTED, task_id=task_id):
            self._emit(job)
        self._follow(task_id, model, just_submitted=True)

    def _back_to_waiting(self, batch: Sequence[Job]) -> None:
        for job in batch:
            if self._jobs.get(job.id).state is JobState.SUBMITTING:
                self._write(job.id, state=JobState.WAITING, submit_started_at=None)
                self._batch_of[job.id] = job.batch_key
                self._waiting_since[job.id] = time.monotonic()
        self._wake.set()

    # -- reconciling a submit whose answer was lost ----------------------------

    async def _reconcile(self, jobs: Sequence[Job]) -> None:
        """Find the task a lost submit created, or prove there is none, before resubmitting.

        The task list does not name files, so every task of the model in the
        window that this library never heard of is followed until the service
        says which files it carried (results appear when it ends).
        """
        by_model: dict[str, list[Job]] = {}
        for job in jobs:
            by_model.setdefault(job.model, []).append(job)
        for model, group in by_model.items():
            await self._retrying(group[0], lambda _j, m=model, g=group: self._reconcile_model(m, g))

    async def _reconcile_model(self, model: str, jobs: list[Job]) -> Job:
        client = await self._ready_client()
        margin = self._settings.reconcile_margin
        started = min(j.submit_started_at or datetime.now(UTC) for j in jobs)
        summaries = await client.list_tasks(
            start=started - margin, end=datetime.now(UTC) + margin, model=model
        )
        known = self._jobs.known_task_ids()
        strangers = [s.task_id for s in summaries if s.task_id not in known]
        unmatched = {j.id: j for j in jobs}
        for task_id in strangers:
            if not unmatched:
                break
            info = await client.wait(task_id)
            found = [j for j in unmatched.values() if info.result_for(_sent_url(j))]
            if not info.names_its_files and (len(found) > 1 or len(strangers) > 1):
                continue  # a Qwen3-ASR task does not name its file: resend rather than guess
            if found:
                for job in found:
                    unmatched.pop(job.id)
                self._attach(found, [_sent_url(j) for j in found], task_id, model)
        if unmatched:
            log.info("reconcile: %d file(s) were never submitted; submitting them", len(unmatched))
            self._back_to_waiting(list(unmatched.values()))
        return jobs[0]

    # -- following tasks and fetching results ----------------------------------

    def _follow(self, task_id: str, model: str, *, just_submitted: bool = False) -> None:
        if task_id in self._followers or not self._running:
            return
        task = self._loop.create_task(self._follow_task(task_id, model, just_submitted))
        self._followers[task_id] = task
        task.add_done_callback(lambda _t: self._followers.pop(task_id, None))

    async def _follow_task(self, task_id: str, model: str, just_submitted: bool = False) -> None:
        expected = self._expected_s(task_id, model, just_submitted)  # learned from finished tasks
        try:
            info = await self._retrying_call(
                lambda c: c.wait(task_id, on_update=self._on_task_update, expected_s=expected)
            )
        except errors.DashScopeError as error:  # the service refuses to tell: fail, don't hang
            for job in self._jobs.with_task(task_id):
                if not job.state.final:
                    self._fail(job, error.code, error.message, error.advice)
            return
        await self._settle_task(info, model)

    def _on_task_update(self, info: TaskInfo) -> None:
        if info.status is not TaskStatus.RUNNING:
            return
        ids = [j.id for j in self._jobs.with_task(info.task_id) if j.state is JobState.SUBMITTED]
        if ids:
            for job in self._jobs.update_many(ids, state=JobState.RUNNING):
                self._emit(job)

    def _expected_s(self, task_id: str, model: str, just_submitted: bool) -> float | None:
        """Seconds from now until the task is likely done; None without enough history.

        A task whose submit was just answered was made a moment ago (a submit
        may have waited for its turn, so the job's submit start says less); one
        found again after a restart has been running since its submit started.
        """
        jobs = self._jobs.with_task(task_id)
        lengths = [j.duration_ms for j in jobs if j.duration_ms is not None]
        total = pacing.expected_total_s(
            self._library.task_timings.recent(model), max(lengths) if lengths else None
        )
        if total is None or just_submitted:
            return total
        starts = [j.submit_started_at for j in jobs if j.submit_started_at is not None]
        if not starts:
            return None
        return max(0.0, total - (datetime.now(UTC) - min(starts)).total_seconds())

    def _learn_timing(self, info: TaskInfo, model: str) -> None:
        if info.status is not TaskStatus.SUCCEEDED:
            return  # failures end early (a file not found) and say nothing of the speed
        if info.submit_time is None or info.scheduled_time is None or info.end_time is None:
            return
        lengths = [j.duration_ms for j in self._jobs.with_task(info.task_id) if j.duration_ms]
        self._library.task_timings.record(
            info.task_id,
            model,
            max(lengths) if lengths else None,
            info.submit_time,
            info.scheduled_time,
            info.end_time,
        )

    async def _settle_task(self, info: TaskInfo, model: str) -> None:
        self._learn_timing(info, model)
        jobs = [j for j in self._jobs.with_task(info.task_id) if not j.state.final]
        if info.usage_seconds is not None:
            self._jobs.record_usage(info.task_id, model, float(info.usage_seconds))
            self._share_usage(info.task_id, float(info.usage_seconds))
        if info.status is TaskStatus.CANCELED:
            for job in jobs:
                self._write(job.id, state=JobState.CANCELED)
            return
        if not info.results:
            code = info.code or ("TaskUnknown" if info.status is TaskStatus.UNKNOWN else "Failed")
            for job in jobs:
                self._fail(job, code, info.message or code, _advice_for(code))
            return
        urls: dict[int, str] = {}
        for job in jobs:
            result = info.result_for(_sent_url(job))
            if result is None:
                self._fail(job, "Missing", "the finished task does not mention this file", "")
            elif result.status is TaskStatus.SUCCEEDED and result.transcription_url:
                urls[job.id] = result.transcription_url
            else:
                code = result.code or info.code or "Failed"
                self._fail(job, code, result.message or code, _advice_for(code))
        # All of the task's "fetching" states in one transaction, before any fetch starts.
        fetching = self._jobs.update_many(list(urls), state=JobState.FETCHING) if urls else []
        for job in fetching:
            self._emit(job)
        await asyncio.gather(*(self._fetch(job, urls[job.id], info.task_id) for job in fetching))

    async def _fetch(self, job: Job, url: str, task_id: str) -> None:
        """Download, parse and store one result; the job is already marked fetching."""
        try:
            async with self._fetch_slots:
                raw, transcript = await self._retrying_call(lambda c: c.fetch_transcript(url))
        except errors.DashScopeError as error:  # an expired link, a broken or oversized result
            self._fail(job, error.code, f"{job.title}: {error.message}", error.advice)
            return
        if self._jobs.get(job.id).state is JobState.CANCELED:
            return  # detached while the result was on its way: discard it
        self._library.add_item(
            raw=raw,
            source=url.split("?", 1)[0],
            transcript=transcript,
            title=job.title,
            model=job.model,
            media_path=None if job.is_url else job.source,
            origin="job",
            task_id=task_id,
            completes_job=job.id,
        )
        self._emit(self._jobs.get(job.id))

    def _share_usage(self, task_id: str, seconds: float) -> None:
        """Split a task's billed seconds over its files by their length (equally if unknown)."""
        jobs = self._jobs.with_task(task_id)
        if not jobs:
            return
        lengths = [j.duration_ms or 0 for j in jobs]
        total = sum(lengths)
        shares = {
            job.id: round(seconds * length / total if total else seconds / len(jobs), 3)
            for job, length in zip(jobs, lengths, strict=True)
        }
        for job in self._jobs.set_usage(shares):
            self._emit(job)

    async def _cancel_task_if_unwanted(self, task_id: str) -> None:
        """Cancel a task on the service once none of its jobs wants it (PENDING only)."""
        if any(not j.state.final for j in self._jobs.with_task(task_id)):
            return
        assert self._client is not None
        with contextlib.suppress(errors.DashScopeError):
            await self._client.cancel(task_id)

    # -- plumbing ----------------------------------------------------------------

    async def _ready_client(self) -> DashScopeClient:
        await self._unpaused.wait()
        if self._client is None:
            self._set_pause("No API key is set. Enter your DashScope API key to start the queue.")
            await self._unpaused.wait()
        assert self._client is not None
        return self._client

    async def _retrying(self, job: Job, step: Callable[[Job], object]) -> Job:
        """Run a job step until it succeeds or fails for good; transient errors wait and
        retry, account errors pause the queue and retry once it resumes."""
        try:
            return await self._retrying_call(lambda _client: step(job))  # type: ignore[return-value]
        except errors.DashScopeError as error:
            return self._fail(self._jobs.get(job.id), error.code, error.message, error.advice)
        except OSError as error:
            return self._fail(
                self._jobs.get(job.id),
                "FileUnreadable",
                f"{job.source}: {error.strerror or error}",
                "Check that the file still exists and is readable, then retry.",
            )

    async def _retrying_call(self, call: Callable[[DashScopeClient], object]) -> object:
        """``call`` with the current client until it succeeds; other errors are raised."""
        delays = self._delays()
        while True:
            client = await self._ready_client()
            try:
                done = await call(client)  # type: ignore[misc]
            except _ACCOUNT as error:
                self._account_problem(error, client)
                continue
            except errors.DashScopeError as error:
                if not errors.is_transient(error):
                    raise
                log.info("%s; retrying", error.code)
                self._set_trouble(error)
                await asyncio.sleep(next(delays))
                continue
            self._set_trouble(None)
            return done

    def _account_problem(self, error: errors.DashScopeError, client: object) -> None:
        """Pause for a bad key or arrears, unless the user already replaced the client
        that failed (a request that was in flight with the old key)."""
        if client is self._client:
            self._set_pause(error.advice or str(error))

    def _delays(self) -> Iterator[float]:
        """The configured delays, then the last one for ever."""
        delays = self._settings.retry_delays_s
        return itertools.chain(delays, itertools.repeat(delays[-1]))

    def _set_trouble(self, error: errors.DashScopeError | None) -> None:
        text = None if error is None else f"{error.message} — retrying. {error.advice}"
        if text == self._trouble:
            return
        self._trouble = text
        for listener in list(self._trouble_listeners):
            listener(text)

    def _set_pause(self, reason: str | None) -> None:
        if reason == self._pause_reason:
            return
        self._pause_reason = reason
        if reason is None:
            self._unpaused.set()
            self._wake.set()
        else:
            self._unpaused.clear()
        for listener in list(self._pause_listeners):
            listener(reason)

    def _fail(self, job: Job, code: str, message: str, advice: str) -> Job:
        return self._write(
            job.id,
            state=JobState.FAILED,
            error_code=code,
            error_message=message,
            advice=advice or _advice_for(code),
        )

    def _write(self, job_id: int, **changes: object) -> Job:
        job = self._jobs.update(job_id, **changes)
        self._emit(job)
        return job

    def _emit(self, job: Job) -> None:
        for listener in list(self._job_listeners):
            listener(job)

    def _spawn(self, coroutine: Coroutine[object, object, None]) -> None:
        if self._loop is None:  # not started: nothing runs, and nothing should
            coroutine.close()
            return
        task = self._loop.create_task(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)


class _ProgressWriter:
    """Writes upload progress at most every 2 % or half second: a 2 GB upload
    must not turn into thousands of SQLite commits."""

    def __init__(self, write: Callable[[int], object]) -> None:
        self._write = write
        self._last_bytes = 0
        self._last_time = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total:
            return  # the WAITING write that follows records it
        if done - self._last_bytes < total / 50 and now - self._last_time < 0.5:
            return
        self._last_bytes, self._last_time = done, now
        self._write(done)


_ADVICE = {
    "InvalidFile.DownloadFailed": "The service could not download the file: check that the URL"
    " is public and still valid, or retry to upload the local file again.",
    "InvalidFile.DecodeFailed": "The service could not decode the audio: convert it, e.g."
    " ffmpeg -i FILE -ac 1 -ar 16000 out.wav, and retry.",
    "SUCCESS_WITH_NO_VALID_FRAGMENT": "The service found no speech in the file; check the audio"
    " track and the channel chosen.",
    "ASR_RESPONSE_HAVE_NO_WORDS": "The service found no words in the file; check the audio"
    " track and the language.",
    "InternalError.Timeout": "The service did not finish within 3 hours; split the file and retry.",
    "TaskUnknown": "The service no longer knows this task (it keeps results 24 hours);"
    " retry the job.",
    "Refused": "Choose another model or convert the file as the message says.",
    "MediaUnreadable": "Check that the file plays in a media player, or convert it with ffmpeg.",
}


def _sent_url(job: Job) -> str:
    """The URL the service gets for the job's file: its upload, or the user's URL."""
    return job.file_url or job.source


def _advice_for(code: str) -> str:
    if code in _ADVICE:
        return _ADVICE[code]
    if code.startswith("InvalidFile"):
        return "The service refused the file; check its format and sample rate, then retry."
    return "Retry the job; if it fails again, check the service status."
