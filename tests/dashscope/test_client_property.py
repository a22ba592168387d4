"""Property: however task states, faults and completions interleave, every file ends with
exactly one outcome - one fetched result or one failure - and no task is paid for twice."""

from __future__ import annotations

import asyncio
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.dashscope.wire import TaskStatus
from tests.fake_dashscope import AllFailedShape, Emulator, EmulatorConfig, FaultKind
from tests.helpers.clients import FAST_RETRY, fast_client

FAILURE_CODES = [
    "InvalidFile.DownloadFailed",
    "InvalidFile.DecodeFailed",
    "SUCCESS_WITH_NO_VALID_FRAGMENT",
]
FAULT_KINDS = [
    FaultKind.ERROR,
    FaultKind.DROP,
    FaultKind.LOSE_ANSWER,
    FaultKind.TRUNCATE,
    FaultKind.MALFORMED,
]
FAULT_ROUTES = ["submit", "query", "result", "list"]

files = st.lists(
    st.tuples(st.sampled_from([None, *FAILURE_CODES]), st.integers(500, 90_000)),
    min_size=1,
    max_size=7,
)
faults = st.lists(
    st.tuples(st.sampled_from(FAULT_KINDS), st.sampled_from(FAULT_ROUTES), st.integers(1, 2),
              st.sampled_from([500, 503, 429])),
    max_size=4,
).filter(lambda armed: all(
    sum(count for _, r, count, _ in armed if r == route) < FAST_RETRY.attempts
    for route in FAULT_ROUTES
))  # fmt: skip
# Fewer faults per route than one call's attempts: with more, the client gives up
# with an error by design (tested in test_client_retries), which is not this property.


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    files=files,
    faults=faults,
    files_per_task=st.integers(1, 4),
    strict=st.booleans(),
    pending_s=st.sampled_from([0.0, 0.05, 0.2]),
    speed=st.sampled_from([300.0, 3000.0, 100_000.0]),
    partial=st.booleans(),
    shape=st.sampled_from(list(AllFailedShape)),
)
def test_no_result_is_lost_or_duplicated(
    files, faults, files_per_task, strict, pending_s, speed, partial, shape
):
    config = EmulatorConfig(
        max_files_per_task=1 if strict else 100,
        pending_s=pending_s,
        processing_speed=speed,
        running_partial_results=partial,
        all_failed_shape=shape,
    )
    with Emulator(config) as emulator:
        urls = []
        for number, (code, duration_ms) in enumerate(files):
            url = f"https://files.example/p{number}.wav"
            urls.append(url)
            if code is None:
                emulator.script(url, duration_ms=duration_ms)
            else:
                emulator.script(url, code=code, message=code, duration_ms=duration_ms)
        for kind, route, count, status in faults:
            emulator.faults.inject(kind, route, count, status=status, code="Fault", message="x")
        groups, results, orphans = asyncio.run(_run(emulator, urls, files_per_task))
        created = {t.task_id: list(t.file_urls) for t in emulator.tasks.all()}

    # Every file went into exactly one task, and each task the service made is one we know,
    # except failed tasks that never named their files (a lost answer to their submit):
    # those were not billed, and their files were sent again.
    assert sorted(u for _, group in groups for u in group) == sorted(urls)
    mine = dict(groups)
    assert {k: v for k, v in created.items() if k not in orphans} == mine
    for task_id, info in orphans.items():
        assert task_id not in mine
        assert info.status is TaskStatus.FAILED and not info.results and info.usage_seconds is None
    # Every file has exactly one outcome, and it is the one the service decided.
    assert sorted(results) == sorted(urls)
    for url, (code, _) in zip(urls, files, strict=True):
        kind, value = results[url]
        if code is None:
            assert kind == "result" and value == url  # the fetched file is this file's result
        elif shape is AllFailedShape.FAILED_WITHOUT_RESULTS and value != code:
            # This shape names one code for the whole task; the file is still failed, once.
            assert kind == "failed" and value in FAILURE_CODES
        else:
            assert kind == "failed" and value == code


async def _run(emulator: Emulator, urls: list[str], files_per_task: int):
    async with fast_client(emulator, files_per_task=files_per_task) as client:
        made = await client.submit_many("paraformer-v2", urls)
        finished = await asyncio.gather(*(client.wait(info.task_id) for _, info in made))
        results: dict[str, tuple[str, str | None]] = {}
        for (group, _), info in zip(made, finished, strict=True):
            assert info.is_final
            for url in group:
                sub = info.result_for(url)
                assert url not in results, f"{url} reported twice"
                if sub is not None and sub.status is TaskStatus.SUCCEEDED:
                    assert sub.transcription_url
                    body = await client.fetch_result(sub.transcription_url)
                    results[url] = ("result", json.loads(body)["file_url"])
                else:
                    code = sub.code if sub is not None else info.code
                    results[url] = ("failed", code)
        known = {info.task_id for _, info in made}
        orphans = {
            task.task_id: await client.query(task.task_id)
            for task in emulator.tasks.all()
            if task.task_id not in known
        }
    return [(info.task_id, group) for group, info in made], results, orphans
