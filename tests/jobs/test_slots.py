"""A concurrency limit changed while work runs: more starts at once, less lets work finish."""

from __future__ import annotations

import asyncio

import pytest

from desktop.jobs.slots import Slots

pytestmark = pytest.mark.asyncio


class Work:
    """Jobs that hold a slot until told to finish, recording how many ran at once."""

    def __init__(self, slots: Slots) -> None:
        self.slots = slots
        self.running = 0
        self.most = 0
        self.started: list[int] = []
        self.finish = asyncio.Event()

    async def job(self, number: int) -> None:
        async with self.slots:
            self.started.append(number)
            self.running += 1
            self.most = max(self.most, self.running)
            await self.finish.wait()
            self.running -= 1


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_raising_the_limit_starts_waiting_work_at_once_in_order() -> None:
    work = Work(Slots(2))
    tasks = [asyncio.create_task(work.job(n)) for n in range(6)]
    await settle()
    assert work.started == [0, 1]
    work.slots.resize(4)
    await settle()
    assert work.started == [0, 1, 2, 3]
    work.finish.set()
    await asyncio.gather(*tasks)
    assert work.started == list(range(6)) and work.most == 4


async def test_lowering_the_limit_lets_running_work_finish_and_starts_nothing_new() -> None:
    slots = Slots(3)
    holders = [asyncio.Event() for _ in range(3)]
    started: list[int] = []

    async def job(number: int, done: asyncio.Event) -> None:
        async with slots:
            started.append(number)
            await done.wait()

    tasks = [asyncio.create_task(job(n, holders[n])) for n in range(3)]
    late = asyncio.Event()
    tasks.append(asyncio.create_task(job(3, late)))
    await settle()
    slots.resize(1)
    holders[0].set()
    await settle()
    assert started == [0, 1, 2]  # two still run: over the new limit, nothing starts
    holders[1].set()
    await settle()
    assert started == [0, 1, 2]
    holders[2].set()
    await settle()
    assert started == [0, 1, 2, 3] and slots.held == 1
    late.set()
    await asyncio.gather(*tasks)
    assert slots.held == 0


async def test_a_cancelled_waiter_does_not_keep_a_slot() -> None:
    slots = Slots(1)
    await slots.acquire()
    waiting = asyncio.create_task(slots.acquire())
    await settle()
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    slots.release()
    assert slots.held == 0
    await asyncio.wait_for(slots.acquire(), 1)  # the slot is free for the next one
    assert slots.held == 1


async def test_a_limit_under_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Slots(0)
