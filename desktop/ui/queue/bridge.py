"""The job engine on Qt's event loop: engine callbacks become signals for the widgets.

The engine (``desktop.jobs``) knows nothing of Qt; this bridge owns it, feeds
its ``ClientFactory`` the key and the endpoint in force (``desktop.connection``,
the command line's rule: new jobs go there; each older job keeps its own), and
re-emits every job change and pause as a signal, so views stay views. Job
changes made by other processes on the same library (``tingxie resume`` in a
terminal) arrive through the engine too. It needs qasync's loop (the app's
``_run_event_loop``): engine work runs as asyncio tasks on Qt's own thread, so
the UI never blocks on the network and no locks are needed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from desktop.connection import EndpointChoiceError, choose_endpoint
from desktop.dashscope import credentials
from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.endpoints import BEIJING
from desktop.dashscope.factory import ClientFactory, build_for_queue
from desktop.dashscope.options import TranscriptionOptions
from desktop.jobs.engine import EngineSettings, JobEngine
from desktop.jobs.sources import Source
from desktop.settings import Settings, load_settings
from desktop.store.jobs import Job
from desktop.store.library import Library
from desktop.ui.util.background import run_in_thread

log = logging.getLogger(__name__)


class EngineBridge(QObject):
    """Owns the job engine on Qt's loop and turns its callbacks into signals.

    Signals:
        job_changed(Job): a job's new state, as stored.
        job_removed(int): the id of a job removed from the queue.
        paused(str): the queue stopped for a reason only the person can fix (the
            key, the account); an empty string once it runs again.
        trouble(str): passing trouble being retried (network, throttling), said as
            the banner shows it; an empty string once it is over.
        result_stored(int): the library item id of a job's arrived result.
    """

    job_changed = Signal(Job)
    job_removed = Signal(int)
    paused = Signal(str)
    trouble = Signal(str)
    result_stored = Signal(int)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._clients = ClientFactory(None, BEIJING, build=build_for_queue)
        self._bad_endpoint: str | None = None
        self._lookups = self._answered = 0  # key lookups asked for / applied
        self._start_when_key_known = False
        self._shut_down = False
        settings = load_settings()
        self.engine = JobEngine(library, self._clients, _engine_settings(settings))
        self.engine.on_job(self._relay_job)
        self.engine.on_pause(lambda reason: self.paused.emit(reason or ""))
        self.engine.on_trouble(lambda text: self.trouble.emit(text or ""))
        self.reload_client(settings)

    # -- life cycle --------------------------------------------------------------

    def start(self) -> None:
        """Resume every unfinished job of the library, on the running asyncio loop
        (qasync's, in the app); without one there is nothing to run the queue on.

        If the keyring has not answered yet, the queue starts when it does: started
        without a client it would pause with "no key" for a moment.
        """
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            log.warning("no asyncio loop runs on Qt's thread; the queue stays stopped")
            return
        if self.key_known():
            self.engine.start()
        else:
            self._start_when_key_known = True

    def reload_client(self, settings: Settings | None = None) -> None:
        """A client for the current key and endpoint, and the current limits, applied at once;
        the queue resumes if it was paused.

        The key is read on a worker thread: a locked keyring may wait for the
        person to unlock it, and the window must not freeze meanwhile.
        """
        settings = settings or load_settings()
        try:  # at once: a job added before the keyring answers goes to the new default
            # TINGXIE_ENDPOINT beats Settings, as on the command line.
            self._clients.set_default(choose_endpoint(settings=settings).endpoint)
            self._bad_endpoint = None
        except EndpointChoiceError as error:
            self._bad_endpoint = str(error)
        self.engine.set_concurrency(
            uploads=settings.upload_concurrency, fetches=settings.poll_concurrency
        )
        self._lookups += 1
        number = self._lookups
        run_in_thread(
            self,
            credentials.load_api_key,
            lambda key: self._use_key(number, key),
            lambda error: self._key_unreadable(number, error),
        )

    def key_known(self) -> bool:
        """The client reflects the latest key lookup (tests wait for it)."""
        return self._answered == self._lookups

    def _key_unreadable(self, number: int, error: Exception) -> None:
        """A keyring failure ``keyring`` does not wrap: no key, and the queue waits."""
        log.warning("reading the key failed (%s); the queue waits", type(error).__name__)
        self._use_key(number, None)

    def _use_key(self, number: int, key: str | None) -> None:
        if number != self._lookups or self._shut_down:
            return  # a newer lookup is on its way, or the queue has stopped for good
        self._answered = number
        self._set_client(key)
        if self._start_when_key_known:
            self._start_when_key_known = False
            self.engine.start()

    def _set_client(self, key: str | None) -> None:
        """The new key (the endpoint is already set): every waiting retry tries again."""
        if self._bad_endpoint is not None:
            self._clients.set_key(None)
            self.paused.emit(self._bad_endpoint)
            return
        self._clients.set_key(key)

    @property
    def client(self) -> DashScopeClient | None:
        """The client of the default endpoint (what new jobs use), if there is a key."""
        try:
            return self._clients.client_for()
        except ValueError:
            return None

    def in_flight(self) -> list[Job]:
        """Jobs that are under way here now (what quitting would interrupt); jobs another
        process (``tingxie resume``) works go on without this window."""
        mine = (None, self.engine.owner)
        return [j for j in self.library.jobs.unfinished() if j.lease_owner in mine]

    async def shutdown(self) -> None:
        """Stop cleanly: every job keeps its state and resumes on the next start."""
        self._shut_down = True
        await self.engine.stop()
        await self._clients.aclose()

    # -- commands ------------------------------------------------------------------

    def add(self, sources: Sequence[Source], model: str, options: TranscriptionOptions) -> None:
        self.engine.add(sources, model, options)

    def cancel(self, job_ids: Sequence[int]) -> None:
        for job_id in job_ids:
            self.engine.cancel(job_id)

    def retry(self, job_ids: Sequence[int]) -> None:
        for job_id in job_ids:
            self.engine.retry(job_id)

    def retry_with_model(self, job_ids: Sequence[int], model: str) -> None:
        """Queue the jobs again on ``model`` (checked against their media afresh)."""
        for job_id in job_ids:
            self.engine.retry(job_id, model)

    def remove(self, job_ids: Sequence[int]) -> None:
        for job_id in job_ids:
            self.engine.remove(job_id)
            self.job_removed.emit(job_id)

    def _relay_job(self, job: Job) -> None:
        self.job_changed.emit(job)
        if job.item_id is not None and job.state == "done":
            self.result_stored.emit(job.item_id)


def _engine_settings(settings: Settings) -> EngineSettings:
    return EngineSettings(
        upload_concurrency=settings.upload_concurrency,
        fetch_concurrency=settings.poll_concurrency,
    )
