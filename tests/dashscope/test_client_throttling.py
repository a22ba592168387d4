"""A hundred jobs at once stay inside the service's rate limits (the emulator enforces them)."""

from __future__ import annotations

import asyncio

import pytest

from desktop.dashscope.wire import TaskStatus
from tests.helpers.clients import fast_client


@pytest.mark.slow
@pytest.mark.asyncio
async def test_a_hundred_parallel_jobs_never_trip_throttling(dashscope_emulator):
    assert dashscope_emulator.config.rate_limits
    jobs = [
        ("paraformer-v2" if n % 2 else "fun-asr", f"https://files.example/j{n}.wav")
        for n in range(100)
    ]
    for _, url in jobs:
        dashscope_emulator.script(url, duration_ms=2000)

    async with fast_client(dashscope_emulator) as client:

        async def job(model: str, url: str) -> bytes:
            task = await client.submit(model, [url])
            done = await client.wait(task.task_id)
            assert done.status is TaskStatus.SUCCEEDED
            return await client.fetch_result(done.results[0].transcription_url)

        bodies = await asyncio.gather(*(job(model, url) for model, url in jobs))

    assert len(bodies) == 100
    throttled = [r for r in dashscope_emulator.requests() if r.status == 429]
    assert throttled == []
    assert len(dashscope_emulator.requests("submit")) == 100  # nothing had to be sent twice
