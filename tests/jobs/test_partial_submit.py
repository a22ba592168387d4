"""A batch whose submit fails halfway: the tasks made are kept, the failure handled as itself.

The service takes one file per task here (strict mode), so a batch of three
is sent as three tasks; the key is refused on one of them. Two tasks are
paid for and must come back; the third file must wait for a working key
(an account problem pauses the queue), not fail as if its file were bad.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import pytest

from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.options import TranscriptionOptions
from desktop.jobs.engine import JobEngine
from desktop.jobs.sources import expand
from desktop.store.jobs import JobState
from desktop.store.library import Library
from tests.fake_dashscope import FaultKind
from tests.fake_dashscope.server import Emulator
from tests.helpers.clients import FAST_ENGINE, FAST_POLL, FAST_RETRY

pytestmark = pytest.mark.asyncio
SUBMIT_PATH = "/services/audio/asr/transcription"


def refuse_the_key_at_submit(emulator: Emulator, number: int) -> httpx.AsyncClient:
    """An HTTP client that arms a 401 for the ``number``-th submit just before sending it."""
    sent = 0

    async def before(request: httpx.Request) -> None:
        nonlocal sent
        if request.url.path.endswith(SUBMIT_PATH):
            sent += 1
            if sent == number:
                emulator.faults.inject(
                    FaultKind.ERROR, "submit", 1, status=401, code="InvalidApiKey",
                    message="Invalid API-key provided.",
                )  # fmt: skip

    return httpx.AsyncClient(timeout=httpx.Timeout(30.0), event_hooks={"request": [before]})


async def test_tasks_made_before_a_refused_key_are_kept_and_the_rest_waits(
    library: Library, emulator: Emulator, make_folder
) -> None:
    emulator.config.max_files_per_task = 1
    # Submits: the three together (refused: one per task), the first alone, then the
    # other two at once; the key is refused on the fourth request.
    http = refuse_the_key_at_submit(emulator, 4)
    client = DashScopeClient(
        Endpoint.named(emulator.base_url),
        emulator.api_key,
        http=http,
        retry=FAST_RETRY,
        poll=FAST_POLL,
    )
    engine = JobEngine(library, client, FAST_ENGINE)
    reasons: list[str | None] = []
    engine.on_pause(reasons.append)
    jobs = engine.add(expand(map(str, make_folder(3))), "paraformer-v2", TranscriptionOptions())
    ids = [j.id for j in jobs]
    try:
        engine.start()
        await asyncio.wait_for(engine.wait_until_settled(ids), 60)
        paused = [library.jobs.get(i) for i in ids]
        attached = [j for j in paused if j.task_id is not None]
        assert len(attached) == 2 and len({j.task_id for j in attached}) == 2  # paid: kept
        assert [j.state for j in paused if j.task_id is None] == [JobState.WAITING]  # not failed
        assert reasons and "key" in (reasons[0] or "").lower()
        engine.set_client(client)  # the user confirms the key
        await asyncio.wait_for(engine.wait_until_settled(ids), 60)
        assert [library.jobs.get(i).state for i in ids] == [JobState.DONE] * 3
    finally:
        await engine.stop()
        await client.aclose()
        await http.aclose()
    sent = Counter(u for body in emulator.submit_bodies() for u in body["input"]["file_urls"])
    assert len(sent) == 3 and set(sent.values()) == {1}  # no file paid for twice
