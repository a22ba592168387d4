"""When wait() polls: blind back-off, or timed to the task's expected end."""

from __future__ import annotations

import itertools

import pytest

from desktop.dashscope.polling import PollPolicy
from desktop.dashscope.wire import TaskStatus
from tests.helpers.clients import fast_client


def schedule(policy: PollPolicy, expected: float | None, until: float) -> list[float]:
    """The moments (seconds after the wait began) at which it polls."""
    moments, now, number = [0.0], 0.0, 0
    while now < until:
        now += policy.next_delay(number, now, expected)
        number += 1
        moments.append(round(now, 2))
    return moments


def test_without_a_hint_polls_back_off_to_the_longest_interval():
    moments = schedule(PollPolicy(), None, 30)
    gaps = [round(b - a, 2) for a, b in itertools.pairwise(moments)]
    assert gaps[0] == 1.0
    assert gaps == sorted(gaps)
    assert max(gaps) == 5.0


def test_with_a_hint_it_polls_early_then_just_after_the_expected_end_then_closely():
    policy = PollPolicy()
    moments = schedule(policy, 20.0, 30)
    assert moments[:3] == [0.0, 1.0, 20.0 + policy.near / 2]
    after_due = [m for m in moments if m > 20]
    gaps = [round(b - a, 2) for a, b in itertools.pairwise(after_due)]
    assert set(gaps[:10]) == {policy.near}  # seen within `near` of the end
    assert len(moments) < len(schedule(policy, None, 30)) + 35  # bounded close polling


def test_a_far_end_is_still_checked_now_and_then():
    """A pessimistic estimate must not hide a task that finished early for long."""
    policy = PollPolicy()
    moments = schedule(policy, 600.0, 600)
    before_due = [m for m in moments if m < 600]
    gaps = [round(b - a, 2) for a, b in itertools.pairwise(before_due)]
    assert max(gaps) == policy.longest_before_due
    assert len(before_due) <= 2 + 600 / policy.longest_before_due


def test_a_late_task_falls_back_to_the_back_off():
    policy = PollPolicy()
    moments = schedule(policy, 10.0, 120)
    late = [round(b - a, 2) for a, b in itertools.pairwise(moments) if a > 30]
    assert late and all(gap == policy.longest for gap in late)


@pytest.mark.asyncio
async def test_an_accurate_hint_sees_the_result_with_few_polls(dashscope_emulator):
    dashscope_emulator.config.fixed_processing_s = 2.0
    dashscope_emulator.config.pending_s = 0.1
    dashscope_emulator.script("https://files.example/h.wav", duration_ms=60_000)
    async with fast_client(dashscope_emulator, poll=PollPolicy()) as client:
        task = await client.submit("paraformer-v2", ["https://files.example/h.wav"])
        done = await client.wait(task.task_id, expected_s=2.1)
    assert done.status is TaskStatus.SUCCEEDED
    # 0 s, 1 s, just after 2.1 s, then 0.3 s apart until it shows SUCCEEDED.
    assert len(dashscope_emulator.requests("query")) <= 5
