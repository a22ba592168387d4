"""Submits are sent once only: when a reply is lost, the task list decides.

A submit that may have reached the service (a timeout or a dropped
connection after sending, an unreadable reply) may have created a task, and
a duplicate task costs money. So it is never sent again blindly: the task
list is read first, and a task this client has not seen is taken as the lost
submit's own ("adopted"); only when there is none is the submit sent again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Protocol

from desktop.dashscope.errors import DashScopeError, MalformedResponseError, RequestTimeout
from desktop.dashscope.polling import PollPolicy
from desktop.dashscope.retry import RetryPolicy, Sleep, TryAgain, retrying
from desktop.dashscope.transport import MaybeSent
from desktop.dashscope.wire import TaskInfo, TaskStatus, TaskSummary

log = logging.getLogger(__name__)

# How far back the task list is searched for a submit whose reply was lost
# (the service clock and ours may differ a little).
SUBMIT_CLOCK_SLACK = timedelta(seconds=30)


class TaskLookup(Protocol):
    """What the search needs of the client: one task, and the task list."""

    async def query(self, task_id: str) -> TaskInfo: ...

    async def list_tasks(
        self,
        *,
        start: datetime,
        end: datetime,
        model: str | None = None,
        status: TaskStatus | None = None,
    ) -> list[TaskSummary]: ...


class OnceOnlySubmits:
    """Sends submits, and finds the task of one whose reply was lost.

    Every task id this client has seen is known, so a search never takes a
    task another submit of this client made. New submits wait while the list
    is read, and the search waits for those in flight, so a task whose reply
    is merely late is never taken for the lost one.
    """

    def __init__(
        self, tasks: TaskLookup, *, retry: RetryPolicy, poll: PollPolicy, sleep: Sleep
    ) -> None:
        self._tasks = tasks
        self._retry = retry
        self._poll = poll
        self._sleep = sleep
        self._known_tasks: set[str] = set()
        self._gate = asyncio.Condition()
        self._submits_in_flight = 0
        self._recovering = False
        self._unconfirmed: dict[str, int] = {}  # submits per model whose answer was lost
        self._disowned: set[str] = set()  # unknown failed tasks no lost submit may take

    async def submit(
        self, model: str, urls: list[str], send: Callable[[], Awaitable[TaskInfo]]
    ) -> TaskInfo:
        """The task ``send()`` created for ``urls``, sent again only when it made none.

        ``send`` is the submit call made not idempotent: it raises
        :class:`MaybeSent` or :class:`MalformedResponseError` when unsure.
        """

        async def attempt() -> TaskInfo:
            started = datetime.now(UTC)
            async with self._in_flight():
                try:
                    info = await send()
                except (MalformedResponseError, MaybeSent) as exc:
                    unsure = exc.error if isinstance(exc, MaybeSent) else exc
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
            raise TryAgain(unsure)

        return await retrying(attempt, self._retry, self._sleep, what=f"submit to {model}")

    @asynccontextmanager
    async def _in_flight(self) -> AsyncIterator[None]:
        """Counts a submit as in flight, once no lost-submit search is running."""
        async with self._gate:
            await self._gate.wait_for(lambda: not self._recovering)
            self._submits_in_flight += 1
        try:
            yield
        finally:
            async with self._gate:
                self._submits_in_flight -= 1
                self._gate.notify_all()

    @asynccontextmanager
    async def _alone(self) -> AsyncIterator[None]:
        """Held while the list is read: no other search, no submit in flight."""
        async with self._gate:
            await self._gate.wait_for(lambda: not self._recovering)
            self._recovering = True
            await self._gate.wait_for(lambda: self._submits_in_flight == 0)
        try:
            yield
        finally:
            async with self._gate:
                self._recovering = False
                self._gate.notify_all()

    async def _find_lost_submit(
        self, model: str, urls: list[str], started: datetime, error: DashScopeError
    ) -> TaskInfo | None:
        """The task an unanswered submit created, from the task list; None if there is none.

        A single unanswered submit and a single unknown task belong together.
        With several of either, a task is only taken once its results name
        exactly these files, so two lost submits never swap their tasks (this
        can mean waiting until the tasks finish). A failed task that names no
        files cannot be told apart: the files are sent again and that task is
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
            await self._sleep(self._poll.delay(polls))
            polls += 1

    async def _unknown_tasks(
        self, model: str, started: datetime, error: DashScopeError
    ) -> tuple[list[TaskSummary], bool]:
        """Listed tasks of ``model`` that no call of this client has claimed, and whether
        only one unanswered submit is looking for its task."""
        async with self._alone():
            try:
                listed = await self._tasks.list_tasks(
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
            info = await self._tasks.query(task_id)
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
            return await self._tasks.query(task_id)
        except DashScopeError:
            return TaskInfo(task_id=task_id, status=TaskStatus.PENDING)
