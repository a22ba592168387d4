"""How a task is waited for: when to ask again, and the loop that asks.

A task runs for minutes to hours and every query counts against the
model's query rate limit, so polls back off; but a result should be seen soon
after the task ends, so when the task's expected processing time is known,
polls gather just after its expected end. Change :class:`PollPolicy` to
change how polling backs off.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from desktop.dashscope.errors import TRANSIENT, WaitTimeout
from desktop.dashscope.retry import Sleep
from desktop.dashscope.wire import TaskInfo, TaskStatus

log = logging.getLogger(__name__)


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


async def wait_until_final(
    query: Callable[[str], Awaitable[TaskInfo]],
    task_id: str,
    policy: PollPolicy,
    sleep: Sleep,
    *,
    on_update: Callable[[TaskInfo], None] | None = None,
    timeout: float | None = None,
    expected_s: float | None = None,
) -> TaskInfo:
    """Poll ``query(task_id)`` until the task is final (see ``DashScopeClient.wait``).

    A poll that fails with passing trouble is not the end of the wait: the
    task is not lost because one query failed, so the schedule simply goes on.
    """
    loop = asyncio.get_running_loop()
    deadline = None if timeout is None else loop.time() + timeout
    started = loop.time()
    expected = None if expected_s is None else max(expected_s, 0.0)
    last: TaskStatus | None = None
    polls = 0
    while True:
        try:
            info: TaskInfo | None = await query(task_id)
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
        delay = policy.next_delay(polls, loop.time() - started, expected)
        polls += 1
        if deadline is not None and loop.time() + delay > deadline:
            raise WaitTimeout(
                f"task {task_id} not finished after {timeout:g} s "
                f"(last status {last.value if last else 'not known'})",
                code="WaitTaskTimeout",
            )
        await sleep(delay)
