"""Which failures are retried, how long the client waits, and submits that must not double."""

from __future__ import annotations

import asyncio

import pytest

from desktop.dashscope import errors
from desktop.dashscope.wire import TaskStatus
from tests.fake_dashscope import FaultKind
from tests.helpers.clients import FAST_RETRY, fast_client, short_timeout_http

URL = "https://files.example/meeting.wav"
TASK = "6f1f2a0e-0000-4000-8000-000000000000"


def statuses(emulator, route):
    return [r.status for r in emulator.requests(route)]


@pytest.mark.asyncio
@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_a_burst_of_5xx_is_retried(dashscope_emulator, sleeps, status):
    dashscope_emulator.faults.server_errors("query", count=2, status=status)
    async with fast_client(dashscope_emulator, sleep=sleeps) as client:
        info = await client.query(TASK)
    assert info.status is TaskStatus.UNKNOWN
    assert statuses(dashscope_emulator, "query") == [status, status, 200]
    # Exponential back-off with jitter: the second wait is about twice the first.
    first, second = sleeps.asked
    assert FAST_RETRY.base_delay <= first <= FAST_RETRY.base_delay * 1.25
    assert 2 * FAST_RETRY.base_delay <= second <= 2 * FAST_RETRY.base_delay * 1.25


@pytest.mark.asyncio
async def test_429_is_retried_after_the_time_the_service_asks(dashscope_emulator, sleeps):
    dashscope_emulator.faults.inject(
        FaultKind.ERROR, "query", 1, status=429, code="Throttling.RateQuota",
        message="Requests rate limit exceeded", retry_after="7",
    )  # fmt: skip
    async with fast_client(dashscope_emulator, sleep=sleeps) as client:
        await client.query(TASK)
    assert statuses(dashscope_emulator, "query") == [429, 200]
    assert sleeps.asked == [7.0]


@pytest.mark.asyncio
async def test_retries_stop_after_the_configured_attempts(dashscope_emulator, sleeps):
    dashscope_emulator.faults.server_errors("query", count=100)
    async with fast_client(dashscope_emulator, sleep=sleeps) as client:
        with pytest.raises(errors.ServerError):
            await client.query(TASK)
    assert len(dashscope_emulator.requests("query")) == FAST_RETRY.attempts
    assert len(sleeps.asked) == FAST_RETRY.attempts - 1


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [
        (400, "InvalidParameter", errors.InvalidParameterError),
        (401, "InvalidApiKey", errors.AuthError),
        (403, "AccessDenied.Unpurchased", errors.ModelUnavailableError),
        (404, "NotFound", errors.NotFoundError),
        (429, "Throttling.AllocationQuota", errors.QuotaError),
    ],
)
async def test_other_4xx_are_never_retried(dashscope_emulator, sleeps, status, code, kind):
    dashscope_emulator.faults.inject(
        FaultKind.ERROR, "query", None, status=status, code=code, message="no"
    )
    async with fast_client(dashscope_emulator, sleep=sleeps) as client:
        with pytest.raises(kind):
            await client.query(TASK)
    assert statuses(dashscope_emulator, "query") == [status]
    assert sleeps.asked == []


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "kind", [FaultKind.DROP, FaultKind.LOSE_ANSWER, FaultKind.TRUNCATE, FaultKind.MALFORMED]
)
async def test_broken_answers_to_queries_are_retried(dashscope_emulator, sleeps, kind):
    dashscope_emulator.faults.inject(kind, "query", 2)
    async with fast_client(dashscope_emulator, sleep=sleeps) as client:
        if kind is FaultKind.MALFORMED:
            # An unreadable 200 is not an HTTP failure; wait() polls past it.
            info = await client.wait(TASK)
        else:
            info = await client.query(TASK)
    assert info.status is TaskStatus.UNKNOWN
    assert len(dashscope_emulator.requests("query")) == 3


@pytest.mark.asyncio
async def test_wait_outlasts_an_outage_longer_than_one_call_retries(dashscope_emulator):
    dashscope_emulator.script(URL, duration_ms=1000)
    async with fast_client(dashscope_emulator) as client:
        task = await client.submit("paraformer-v2", [URL])
        dashscope_emulator.faults.server_errors("query", count=FAST_RETRY.attempts * 2)
        done = await client.wait(task.task_id)
    assert done.status is TaskStatus.SUCCEEDED


@pytest.mark.asyncio
async def test_a_submit_rejected_before_handling_is_simply_retried(dashscope_emulator):
    dashscope_emulator.script(URL, duration_ms=1000)
    dashscope_emulator.faults.server_errors("submit", count=2)
    async with fast_client(dashscope_emulator) as client:
        task = await client.submit("paraformer-v2", [URL])
    assert statuses(dashscope_emulator, "submit") == [503, 503, 200]
    assert len(dashscope_emulator.tasks.all()) == 1
    assert dashscope_emulator.tasks.all()[0].task_id == task.task_id
    assert dashscope_emulator.requests("list") == []


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "kind", [FaultKind.LOSE_ANSWER, FaultKind.SLOW_ANSWER, FaultKind.TRUNCATE, FaultKind.MALFORMED]
)
async def test_a_submit_whose_answer_is_lost_is_found_in_the_task_list_not_sent_twice(
    dashscope_emulator, kind
):
    dashscope_emulator.script(URL, duration_ms=1000)
    dashscope_emulator.faults.inject(kind, "submit", 1, delay_s=2.0)
    async with fast_client(dashscope_emulator, http=short_timeout_http(0.5)) as client:
        task = await client.submit("paraformer-v2", [URL])
        done = await client.wait(task.task_id)
    created = dashscope_emulator.tasks.all()
    assert [t.task_id for t in created] == [task.task_id]  # exactly one paid task
    assert len(dashscope_emulator.requests("submit")) == 1
    assert dashscope_emulator.requests("list")  # it looked before deciding
    assert done.status is TaskStatus.SUCCEEDED


@pytest.mark.asyncio
async def test_a_submit_dropped_before_the_service_saw_it_is_sent_again_after_checking(
    dashscope_emulator,
):
    dashscope_emulator.script(URL, duration_ms=1000)
    dashscope_emulator.faults.inject(FaultKind.DROP, "submit", 1)
    async with fast_client(dashscope_emulator) as client:
        task = await client.submit("paraformer-v2", [URL])
    assert [t.task_id for t in dashscope_emulator.tasks.all()] == [task.task_id]
    assert statuses(dashscope_emulator, "submit") == [None, 200]
    assert dashscope_emulator.requests("list")


@pytest.mark.asyncio
async def test_a_lost_submit_is_not_resent_when_the_list_cannot_be_checked(dashscope_emulator):
    dashscope_emulator.script(URL, duration_ms=1000)
    dashscope_emulator.faults.inject(FaultKind.LOSE_ANSWER, "submit", None)
    dashscope_emulator.faults.inject(FaultKind.DROP, "list", None)
    async with fast_client(dashscope_emulator) as client:
        with pytest.raises(errors.RequestTimeout, match="not sent again") as caught:
            await client.submit("paraformer-v2", [URL])
    assert "task list" in caught.value.advice
    assert len(dashscope_emulator.requests("submit")) == 1


@pytest.mark.asyncio
async def test_concurrent_lost_submits_each_adopt_their_own_task(dashscope_emulator):
    urls = [f"https://files.example/c{n}.wav" for n in range(4)]
    for url in urls:
        dashscope_emulator.script(url, duration_ms=1000)
    dashscope_emulator.faults.inject(FaultKind.LOSE_ANSWER, "submit", 2)
    async with fast_client(dashscope_emulator) as client:
        tasks = await asyncio.gather(*(client.submit("paraformer-v2", [u]) for u in urls))
    created = {t.task_id: t.file_urls for t in dashscope_emulator.tasks.all()}
    # Each call got the task holding its own file: none swapped, none paid twice.
    assert {t.task_id: [u] for t, u in zip(tasks, urls, strict=True)} == created


@pytest.mark.asyncio
async def test_every_request_is_counted_and_a_callers_client_is_left_as_it_was(
    dashscope_emulator, spoken_wav
):
    dashscope_emulator.faults.server_errors("query", count=2)
    http = short_timeout_http(5.0)
    async with fast_client(dashscope_emulator, http=http) as client:
        await client.query(TASK)  # two refusals, then the answer
        await client.upload("paraformer-v2", spoken_wav)  # the policy, then the file
        counted = client.request_count
    assert counted == len(dashscope_emulator.requests()) == 5
    assert http.event_hooks["request"] == []  # no hook of the closed client stays behind
    assert not http.is_closed  # the caller's client is the caller's to close
    await http.aclose()
