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
because the user may have gone home; a new key or endpoint ends every such
wait at once (``desktop.jobs.backoff``), and each wait is announced with the
host at fault (``desktop.jobs.trouble``).

A job belongs to the endpoint that took its file (``Job.endpoint``): its upload
and task id are valid only there, so every later step, cancel and retry uses
that endpoint's client from the ``ClientFactory``, whatever the default now is.
Until its file is uploaded nothing of it exists anywhere, so when the person
changes the default while the engine runs (fixes the region in Settings), such
jobs follow it at once; a restart with another default leaves them alone.

Several processes may share one library. An engine works only the jobs it
holds a lease on (``desktop.store.leases``), renews them with a heartbeat,
takes over jobs whose holder stopped or died, and relays the job changes
other processes write to its own listeners, so every window and terminal
shows the same queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import msgspec

from desktop.dashscope import errors
from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.factory import ClientFactory
from desktop.dashscope.options import TranscriptionOptions
from desktop.dashscope.wire import TaskInfo, TaskStatus
from desktop.domain import catalog, media_rules
from desktop.jobs import job_options, pacing
from desktop.jobs.backoff import Attempts, Backoff
from desktop.jobs.relay import ChangeRelay
from desktop.jobs.slots import Slots
from desktop.jobs.sources import Source
from desktop.jobs.trouble import failure_text, host_of, trouble_text
from desktop.jobs.usage import estimate_cost
from desktop.media.probe import ProbeError, probe_async
from desktop.store.jobs import Job, JobState, NewJob
from desktop.store.leases import new_owner
from desktop.store.library import Library

log = logging.getLogger(__name__)

T = TypeVar("T")
# A job's endpoint, or how to read it at each try (it may be rebound meanwhile).
EndpointOf = str | None | Callable[[], str | None]
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
    # A lease outlives a missed heartbeat or two, but a holder that died on another
    # machine loses its jobs within seconds (one on this machine: at the next beat).
    lease_ttl_s: float = 12.0
    heartbeat_s: float = 2.0
    # How often the library is asked whether another process wrote to it.
    watch_s: float = 0.3
    # Passing trouble is said again at least this often while it lasts.
    trouble_repeat_s: float = 5.0


class JobEngine:
    """Runs the queue on the current asyncio loop; the GUI and the CLI drive it alike."""

    def __init__(
        self,
        library: Library,
        clients: ClientFactory | DashScopeClient | None,
        settings: EngineSettings | None = None,
    ) -> None:
        self._library = library
        self._jobs = library.jobs
        self._settings = settings or EngineSettings()
        if isinstance(clients, DashScopeClient):
            clients = ClientFactory.serving(clients)
        self._clients = clients
        self._leases = library.leases(new_owner(), self._settings.lease_ttl_s)
        self._backoff = Backoff(self._settings.retry_delays_s)
        self._job_listeners: list[JobListener] = []
        self._pause_listeners: list[PauseListener] = []
        self._trouble_listeners: list[PauseListener] = []
        self._trouble: str | None = None
        self._trouble_said_at = 0.0
        self._running = False
        self._scope: set[int] | None = None  # the jobs this engine may take; None: all
        self._held: set[int] = set()  # jobs this engine holds and works now
        self._pause_reason: str | None = None
        self._unpaused = asyncio.Event()
        self._unpaused.set()
        self._wake = asyncio.Event()
        self._probe_slots = Slots(self._settings.probe_concurrency)
        self._upload_slots = Slots(self._settings.upload_concurrency)
        self._fetch_slots = Slots(self._settings.fetch_concurrency)
        self._submit_slots = Slots(self._settings.submit_concurrency)
        self._preparing: dict[int, asyncio.Task[None]] = {}  # job id → probe/upload task
        self._batch_of: dict[int, str] = {}  # job id → endpoint + batch key, for jobs here
        self._waiting_since: dict[int, float] = {}  # job id → monotonic time it became WAITING
        self._followers: dict[str, asyncio.Task[None]] = {}  # task id → follow task
        self._background: set[asyncio.Task[None]] = set()
        self._submit_loop: asyncio.Task[None] | None = None
        self._heartbeat: asyncio.Task[None] | None = None
        self._relay = ChangeRelay(self._jobs, self._leases, self._emit)
        # The loop ``start`` ran on: commands from Qt slots schedule work on it even
        # when they run between turns of the loop.
        self._loop: asyncio.AbstractEventLoop | None = None
        self._last_default = self._default_url()
        if self._clients is not None:
            self._clients.on_change(self._clients_changed)

    # -- events ----------------------------------------------------------------

    def on_job(self, listener: JobListener) -> Callable[[], None]:
        """Call ``listener`` with the new row after every state or progress write, this
        engine's own and (while it runs) those other processes make."""
        self._job_listeners.append(listener)
        return lambda: self._job_listeners.remove(listener)

    def on_pause(self, listener: PauseListener) -> Callable[[], None]:
        """Call ``listener`` with the reason when the queue pauses, ``None`` when it resumes."""
        self._pause_listeners.append(listener)
        return lambda: self._pause_listeners.remove(listener)

    def on_trouble(self, listener: PauseListener) -> Callable[[], None]:
        """Call ``listener`` with a sentence while passing trouble (network, server,
        throttling) is being retried, e.g. "cannot reach dashscope.aliyuncs.com: name
        not resolved; next try in 30 s" (again every few seconds while it lasts), and
        with ``None`` once requests succeed again."""
        self._trouble_listeners.append(listener)
        return lambda: self._trouble_listeners.remove(listener)

    @property
    def pause_reason(self) -> str | None:
        return self._pause_reason

    @property
    def clients(self) -> ClientFactory | None:
        return self._clients

    @property
    def owner(self) -> str:
        """This engine's lease name (``host/pid/token``), as other processes see it."""
        return self._leases.owner

    # -- commands --------------------------------------------------------------

    def add(
        self, sources: Sequence[Source], model: str, options: TranscriptionOptions
    ) -> list[Job]:
        """Queue one job per source on the current default endpoint, held by this
        engine; they start at once when the engine runs."""
        catalog.get(model)  # an unknown model fails here, not in the middle of the queue
        options_json = job_options.encode(options)
        key = job_options.batch_key(model, options_json)
        endpoint = None if self._clients is None else self._clients.default.base_url
        added = self._jobs.add_many(
            [NewJob(s.text, s.is_url, s.title) for s in sources],
            model=model,
            options=options_json,
            batch_key=key,
            endpoint=endpoint,
            lease_owner=self._leases.owner,
            lease_until=self._leases.until(),
        )
        for job in added:
            if self._scope is not None:
                self._scope.add(job.id)
            self._emit(job)
            if self._running:
                self._held.add(job.id)
                self._prepare(job)
        return added

    def start(self, *, only: Sequence[int] | None = None) -> None:
        """Pick up every unfinished job no other live engine works (of ``only``, if
        given) where it stopped, run new ones as they come, and keep taking over jobs
        whose engine stops or dies."""
        if self._running:
            return
        self._running = True
        self._scope = None if only is None else set(only)
        self._loop = asyncio.get_running_loop()
        self._submit_loop = self._loop.create_task(self._submit_forever())
        self._relay.begin()
        self._take_free_jobs()
        self._heartbeat = self._loop.create_task(self._beat_forever())

    async def stop(self) -> None:
        """Stop working and give back every lease; every job keeps its written state and
        resumes on the next start, here or in another process."""
        self._running = False
        tasks = [*self._preparing.values(), *self._followers.values(), *self._background]
        for task in (self._submit_loop, self._heartbeat):
            if task is not None:
                tasks.append(task)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._preparing.clear()
        self._followers.clear()
        self._background.clear()
        self._waiting_since.clear()
        self._submit_loop = self._heartbeat = None
        self.release_leases()
        self._held.clear()

    def release_leases(self) -> None:
        """Give back every lease this engine holds (``stop`` does; so does a command
        interrupted before its loop ran), so the next engine starts them at once."""
        try:
            self._leases.release()
        except sqlite3.OperationalError:  # locked past the busy timeout: the leases lapse
            log.warning("could not give the queue's jobs back; they free up in seconds")

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
        """Use ``client`` for its endpoint and make that the default for new jobs; lifts a
        pause caused by the old one and wakes every waiting retry (see ``wake``)."""
        if self._clients is None:
            self._clients = ClientFactory.serving(client)
            self._clients.on_change(self._clients_changed)
            self._clients_changed()
        else:
            self._clients.use(client)

    def wake(self) -> None:
        """Something that made requests fail may have changed (a new key, endpoint or
        network): lift an account pause and end every back-off wait now."""
        self._set_pause(None)
        self._backoff.wake()
        self._wake.set()

    def others(self) -> dict[str, int]:
        """Unfinished jobs other live engines work now: owner (``host/pid/…``) → count."""
        return self._leases.held_by_others()

    def cancel(self, job_id: int) -> Job:
        """Stop a job: before submit it just stops; a pending task is cancelled on the
        service (the job's own endpoint); a running one is detached and its result
        discarded. Works on jobs another process holds too: that engine lets go."""
        job = self._jobs.get(job_id)
        if job.state.final:
            return job
        task = self._preparing.pop(job_id, None)
        if task is not None:
            task.cancel()
        self._waiting_since.pop(job_id, None)
        job = self._write(job_id, state=JobState.CANCELED)
        if job.task_id is not None:
            self._spawn(self._cancel_task_if_unwanted(job.task_id, job.endpoint))
        return job

    def retry(self, job_id: int, model: str | None = None) -> Job:
        """Queue a failed or cancelled job again, re-using its upload while it is valid;
        it stays on its own endpoint, and this engine holds it. With ``model`` the job
        changes model (a refusal or a retired model) and is checked again from the probe."""
        job = self._jobs.get(job_id)
        if job.state not in (JobState.FAILED, JobState.CANCELED):
            return job
        state = JobState.WAITING if self._upload_valid(job) else JobState.QUEUED
        changes: dict[str, object] = {}
        if model is not None and model != job.model:
            catalog.get(model)  # an unknown name is a programming error, raised here
            changes = {"model": model}
            state = JobState.QUEUED
        changed = self._jobs.update_if(
            [job_id],
            [JobState.FAILED, JobState.CANCELED],
            owner=None,
            **changes,
            state=state,
            task_id=None,
            error_code=None,
            error_message=None,
            advice=None,
            submit_started_at=None,
            lease_owner=self._leases.owner,
            lease_until=self._leases.until(),
        )
        if not changed:  # another process retried it first
            return self._jobs.get(job_id)
        job = changed[0]
        if self._scope is not None:
            self._scope.add(job.id)
        self._emit(job)
        if self._running:
            self._held.add(job.id)
            self._prepare(job)
        return job

    def remove(self, job_id: int) -> None:
        """Forget a job (cancelling it first if it is still under way)."""
        if not self._jobs.get(job_id).state.final:
            self.cancel(job_id)
        self._jobs.remove(job_id)

    async def wait_until_settled(self, job_ids: Sequence[int], *, submitted: bool = False) -> None:
        """Return when every job is final (or, with ``submitted``, at least on the service),
        or when the queue pauses on an account problem. Jobs another process works
        count too: their changes arrive through the library."""

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

    # -- leases: taking jobs, the heartbeat, other processes' changes --------------

    def _take_free_jobs(self) -> None:
        """Take every free job in scope and continue it from its written state."""
        scope = None if self._scope is None else sorted(self._scope - self._held)
        taken = [j for j in self._leases.take(scope) if j.id not in self._held]
        submitting: list[Job] = []
        for job in taken:
            self._held.add(job.id)
            if job.endpoint is None and self._clients is not None:
                # Queued before jobs were bound: the default now in force binds it.
                job = self._write(job.id, endpoint=self._clients.default.base_url)
            if job.state in _PREPARING:
                self._prepare(job)
            elif job.state is JobState.SUBMITTING:
                submitting.append(job)
            elif job.task_id is not None:
                self._follow(job.task_id, job.model, job.endpoint)
        if submitting:
            self._spawn(self._reconcile(submitting))

    async def _beat_forever(self) -> None:
        """Renew our leases, let go of jobs that are no longer ours, take free ones, and
        relay what other processes wrote; one loop so the order is always the same."""
        next_beat = time.monotonic() + self._settings.heartbeat_s
        while True:
            await asyncio.sleep(self._settings.watch_s)
            try:
                self._relay.poll()
                if time.monotonic() >= next_beat:
                    next_beat = time.monotonic() + self._settings.heartbeat_s
                    self._beat()
            except Exception:  # a locked or busy file: the next beat tries again
                log.exception("the queue's heartbeat failed; trying again")

    def _beat(self) -> None:
        still = self._leases.renew()
        for job_id in self._held - still:
            self._let_go(job_id)
        self._held &= still
        self._take_free_jobs()

    def _let_go(self, job_id: int) -> None:
        """A job is no longer ours (finished, cancelled or taken by another engine):
        stop whatever this engine still does for it."""
        task = self._preparing.pop(job_id, None)
        if task is not None:
            task.cancel()
        self._waiting_since.pop(job_id, None)

    def _mine(self, jobs: Sequence[Job]) -> list[Job]:
        """The unfinished ones of ``jobs`` this engine holds."""
        return [j for j in jobs if not j.state.final and j.lease_owner == self._leases.owner]

    # -- preparing: probe, validate, upload ----------------------------------

    def _prepare(self, job: Job) -> None:
        if job.id in self._preparing:
            return
        task = self._loop.create_task(self._prepare_job(job.id))
        self._preparing[job.id] = task
        self._batch_of[job.id] = _group(job)
        task.add_done_callback(lambda _t, job_id=job.id: self._preparing.pop(job_id, None))

    async def _prepare_job(self, job_id: int) -> None:
        job = self._jobs.get(job_id)
        if job.state in (JobState.QUEUED, JobState.PROBING):
            job = await self._probe(job)
        if job.state is JobState.WAITING and not self._upload_valid(job):
            job = self._write(job.id, state=JobState.UPLOADING, file_url=None, bytes_done=0)
        if job.state is JobState.UPLOADING:
            # Read at each try: a region fixed meanwhile rebinds the job (``_rebind``).
            job = await self._retrying(
                job, self._upload, endpoint=lambda: self._jobs.get(job_id).endpoint
            )
        if job.state is JobState.WAITING:
            self._batch_of[job.id] = _group(job)
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

    async def _upload(self, job: Job, client: DashScopeClient) -> Job:
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
            endpoint=client.endpoint.base_url,
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
        now = time.monotonic()
        next_check: float | None = None
        for key, ids in groups.items():
            limit = self._files_per_task(key)
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

    def _files_per_task(self, group: str) -> int:
        limit = self._settings.files_per_task
        client = self._client_or_none(group.split("\n", 1)[0] or None)
        if client is not None:
            limit = max(1, min(limit, client.files_per_task))
        return limit

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
        # Only jobs still waiting and still ours: a job cancelled or taken over
        # meanwhile must not be sent (and paid for) by this engine.
        batch = self._jobs.update_if(
            ids,
            [JobState.WAITING],
            owner=self._leases.owner,
            state=JobState.SUBMITTING,
            submit_started_at=datetime.now(UTC),
        )
        for job in batch:
            self._emit(job)
        if batch:
            self._spawn(self._submit(batch))

    async def _submit(self, batch: list[Job]) -> None:
        model, endpoint = batch[0].model, batch[0].endpoint
        options = job_options.decode(batch[0].options)
        urls = [_sent_url(job) for job in batch]
        attempts = self._backoff.attempts()
        while True:
            client = await self._ready_client(endpoint)
            attempts.trying()
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
                    self._account_problem(error, client, endpoint)
                    return
                if isinstance(error, (errors.NetworkError, errors.RequestTimeout)):
                    # The submit may have reached the service: never send it blind again.
                    await self._wait_out(error, client.endpoint.base_url, attempts)
                    await self._reconcile(batch)
                    return
                if errors.is_transient(error):
                    urls = [_sent_url(job) for job in batch]
                    await self._wait_out(error, client.endpoint.base_url, attempts)
                    continue
                message = failure_text(error, client.endpoint.base_url)
                for job in batch:
                    self._fail(job, error.code, message, error.advice)
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
        then follow it; a task none of whose jobs is wanted any more (all cancelled
        while the submit was in flight) is cancelled on the service, not left to bill."""
        self._jobs.remember_task(task_id, model)
        carried = set(urls)
        ids = [j.id for j in batch if _sent_url(j) in carried]
        endpoint = batch[0].endpoint if batch else None
        canceled = [j.id for j in self._jobs.get_many(ids) if j.state is JobState.CANCELED]
        wanted = [i for i in ids if i not in canceled]
        if canceled:
            self._jobs.update_many(canceled, task_id=task_id)  # kept so the task can be cancelled
        for job in self._jobs.update_many(wanted, state=JobState.SUBMITTED, task_id=task_id):
            self._emit(job)
        if wanted:
            self._follow(task_id, model, endpoint, just_submitted=True)
        else:
            self._spawn(self._cancel_task_if_unwanted(task_id, endpoint))

    def _back_to_waiting(self, batch: Sequence[Job]) -> None:
        for job in batch:
            if self._jobs.get(job.id).state is JobState.SUBMITTING:
                self._write(job.id, state=JobState.WAITING, submit_started_at=None)
                self._batch_of[job.id] = _group(job)
                self._waiting_since[job.id] = time.monotonic()
        self._wake.set()

    # -- reconciling a submit whose answer was lost ----------------------------

    async def _reconcile(self, jobs: Sequence[Job]) -> None:
        """Find the task a lost submit created, or prove there is none, before resubmitting.

        The task list does not name files, so every task of the model in the
        window that this library never heard of is followed until the service
        says which files it carried (results appear when it ends). When the
        search itself fails for good, every job of the group fails with its
        reason: none is left "submitting" until the next start.
        """
        groups: dict[tuple[str, str | None], list[Job]] = {}
        for job in jobs:
            groups.setdefault((job.model, job.endpoint), []).append(job)
        for (model, endpoint), group in groups.items():
            try:
                await self._retrying_call(
                    endpoint, lambda c, m=model, g=group: self._reconcile_model(c, m, g)
                )
            except errors.DashScopeError as error:
                message = failure_text(error, endpoint or self._default_url())
                for job in self._jobs.get_many([j.id for j in group]):
                    if job.state is JobState.SUBMITTING:
                        self._fail(job, error.code, message, error.advice)

    async def _reconcile_model(self, client: DashScopeClient, model: str, jobs: list[Job]) -> None:
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

    # -- following tasks and fetching results ----------------------------------

    def _follow(
        self, task_id: str, model: str, endpoint: str | None, *, just_submitted: bool = False
    ) -> None:
        if task_id in self._followers or not self._running:
            return
        task = self._loop.create_task(self._follow_task(task_id, model, endpoint, just_submitted))
        self._followers[task_id] = task
        task.add_done_callback(lambda _t: self._followers.pop(task_id, None))

    async def _follow_task(
        self, task_id: str, model: str, endpoint: str | None, just_submitted: bool = False
    ) -> None:
        expected = self._expected_s(task_id, model, just_submitted)  # learned from finished tasks
        try:
            info = await self._retrying_call(
                endpoint,
                lambda c: c.wait(task_id, on_update=self._on_task_update, expected_s=expected),
            )
        except errors.DashScopeError as error:  # the service refuses to tell: fail, don't hang
            message = failure_text(error, endpoint or self._default_url())
            for job in self._mine(self._jobs.with_task(task_id)):
                self._fail(job, error.code, message, error.advice)
            return
        await self._settle_task(info, model, endpoint)

    def _on_task_update(self, info: TaskInfo) -> None:
        if info.status is not TaskStatus.RUNNING:
            return
        ids = [
            j.id
            for j in self._mine(self._jobs.with_task(info.task_id))
            if j.state is JobState.SUBMITTED
        ]
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

    async def _settle_task(self, info: TaskInfo, model: str, endpoint: str | None) -> None:
        self._learn_timing(info, model)
        jobs = self._mine(self._jobs.with_task(info.task_id))
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
                # Name the file the service could not take: "cannot be downloaded" alone
                # does not say which URL.
                message = f"{_sent_url(job)}: {result.message or code}"
                self._fail(job, code, message, _advice_for(code))
        # All of the task's "fetching" states in one transaction, before any fetch starts.
        fetching = self._jobs.update_many(list(urls), state=JobState.FETCHING) if urls else []
        for job in fetching:
            self._emit(job)
        await asyncio.gather(
            *(self._fetch(job, urls[job.id], info.task_id, endpoint) for job in fetching)
        )

    async def _fetch(self, job: Job, url: str, task_id: str, endpoint: str | None) -> None:
        """Download, parse and store one result; the job is already marked fetching."""
        try:
            async with self._fetch_slots:
                raw, transcript = await self._download(job, url, task_id, endpoint)
        except errors.DashScopeError as error:  # an expired link, a broken or oversized result
            self._fail(job, error.code, f"{job.title}: {error.message}", error.advice)
            return
        now = self._jobs.get(job.id)
        if now.state is not JobState.FETCHING or now.lease_owner != self._leases.owner:
            return  # cancelled or taken over while the result was on its way: not ours
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
            result_key=f"{task_id} {_sent_url(job)}",
        )
        self._emit(self._jobs.get(job.id))

    async def _download(
        self, job: Job, url: str, task_id: str, endpoint: str | None
    ) -> tuple[bytes, object]:
        """The result, asking the task once for a fresh link if the first one expired
        (a restart after a long stop finds yesterday's signed URL)."""
        try:
            return await self._retrying_call(
                endpoint, lambda c: c.fetch_transcript(url), host=host_of(url)
            )
        except errors.ResultExpiredError:
            info = await self._retrying_call(endpoint, lambda c: c.query(task_id))
            fresh = info.result_for(_sent_url(job))
            if fresh is None or not fresh.transcription_url or fresh.transcription_url == url:
                raise
            fresh_url = fresh.transcription_url
            return await self._retrying_call(
                endpoint, lambda c: c.fetch_transcript(fresh_url), host=host_of(fresh_url)
            )

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

    async def _cancel_task_if_unwanted(self, task_id: str, endpoint: str | None) -> None:
        """Cancel a task on its own service once none of its jobs wants it (PENDING only)."""
        if any(not j.state.final for j in self._jobs.with_task(task_id)):
            return
        client = self._client_or_none(endpoint)
        if client is None:
            return
        with contextlib.suppress(errors.DashScopeError):
            await client.cancel(task_id)

    # -- plumbing ----------------------------------------------------------------

    def _default_url(self) -> str | None:
        return None if self._clients is None else self._clients.default.base_url

    def _client_or_none(self, endpoint: str | None) -> DashScopeClient | None:
        if self._clients is None:
            return None
        try:
            return self._clients.client_for(endpoint)
        except ValueError:
            return None

    async def _ready_client(self, endpoint: str | None) -> DashScopeClient:
        """The client of ``endpoint`` (a job's own), waiting while the queue is paused."""
        while True:
            await self._unpaused.wait()
            try:
                client = None if self._clients is None else self._clients.client_for(endpoint)
            except ValueError as error:
                raise errors.DashScopeError(
                    f"the job's endpoint {endpoint} is not valid: {error}",
                    code="BadEndpoint",
                    advice="Remove the job and add the file again.",
                ) from None
            if client is not None:
                return client
            self._set_pause("No API key is set. Enter your DashScope API key to start the queue.")

    async def _retrying(
        self,
        job: Job,
        step: Callable[[Job, DashScopeClient], Coroutine[object, object, Job]],
        *,
        endpoint: EndpointOf,
    ) -> Job:
        """Run a job step until it succeeds or fails for good; transient errors wait and
        retry, account errors pause the queue and retry once it resumes."""
        try:
            return await self._retrying_call(endpoint, lambda client: step(job, client))
        except errors.DashScopeError as error:
            now = self._jobs.get(job.id)
            message = failure_text(error, now.endpoint or self._default_url())
            return self._fail(now, error.code, message, error.advice)
        except OSError as error:
            return self._fail(
                self._jobs.get(job.id),
                "FileUnreadable",
                f"{job.source}: {error.strerror or error}",
                "Check that the file still exists and is readable, then retry.",
            )

    async def _retrying_call(
        self,
        endpoint: EndpointOf,
        call: Callable[[DashScopeClient], Coroutine[object, object, T]],
        *,
        host: str | None = None,
    ) -> T:
        """``call`` with the client of ``endpoint`` until it succeeds; errors that are not
        passing trouble are raised. ``host`` names who is at fault when it is not the
        endpoint (a result download from the storage host)."""
        attempts = self._backoff.attempts()
        while True:
            client = await self._ready_client(endpoint() if callable(endpoint) else endpoint)
            attempts.trying()
            try:
                done = await call(client)
            except _ACCOUNT as error:
                self._account_problem(error, client, client.endpoint.base_url)
                continue
            except errors.DashScopeError as error:
                if not errors.is_transient(error):
                    raise
                await self._wait_out(error, host or client.endpoint.base_url, attempts)
                continue
            self._set_trouble(None)
            return done

    async def _wait_out(self, error: errors.DashScopeError, where: str, attempts: Attempts) -> None:
        """Say what failed, with whom, and when the next try is; then wait for it (or for
        a wake, when the key or endpoint changed)."""
        host = host_of(where) if "://" in where else where
        text = trouble_text(error, host, attempts.next_delay())
        log.info("%s (%s)", text, error.code)
        self._set_trouble(text)
        await attempts.wait()

    def _account_problem(
        self, error: errors.DashScopeError, client: object, endpoint: str | None
    ) -> None:
        """Pause for a bad key or arrears, unless the user already replaced the client
        that failed (a request that was in flight with the old key)."""
        if client is self._client_or_none(endpoint):
            self._set_pause(error.advice or str(error))

    def _clients_changed(self) -> None:
        """A new key, default or client: nothing waits out a back-off that no longer applies,
        and the jobs of this engine that have nothing on any service yet follow a new
        default (the person fixed the region for them too)."""
        default = self._default_url()
        if default != self._last_default:
            self._last_default = default
            self._rebind(default)
        self.wake()

    def _rebind(self, endpoint: str | None) -> None:
        """Point this engine's not-yet-uploaded jobs at ``endpoint``.

        Only on a change made while the engine runs: a restart with another
        default (``tingxie resume`` in a shell with another TINGXIE_ENDPOINT)
        leaves every job on the endpoint it was queued for.
        """
        held = [i for i in self._held if i not in self._waiting_since]
        if not held or endpoint is None:
            return
        for job in self._jobs.update_if(
            held,
            [JobState.QUEUED, JobState.PROBING, JobState.UPLOADING],
            owner=self._leases.owner,
            endpoint=endpoint,
        ):
            self._batch_of[job.id] = _group(job)
            self._emit(job)

    def _set_trouble(self, text: str | None) -> None:
        now = time.monotonic()
        repeat = text is not None and now - self._trouble_said_at >= self._settings.trouble_repeat_s
        if text == self._trouble and not repeat:
            return
        self._trouble = text
        if text is not None:
            self._trouble_said_at = now
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
        self._relay.told(job)
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


def _group(job: Job) -> str:
    """Jobs of one group may share a task: the same endpoint, model and options."""
    return f"{job.endpoint or ''}\n{job.batch_key}"


def _sent_url(job: Job) -> str:
    """The URL the service gets for the job's file: its upload, or the user's URL."""
    return job.file_url or job.source


def _advice_for(code: str) -> str:
    if code in _ADVICE:
        return _ADVICE[code]
    if code.startswith("InvalidFile"):
        return "The service refused the file; check its format and sample rate, then retry."
    return "Retry the job; if it fails again, check the service status."
