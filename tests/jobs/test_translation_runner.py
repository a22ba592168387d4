"""The translation runner against the emulator, storing into a real library file.

Every check reads what a user would see: each cue's translation came from that
cue (the pseudo-translation is reversible), flagged cues are flagged and the
rest are translated, and nothing stored is sent again.
"""

from __future__ import annotations

import asyncio
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.dashscope.chat import ChatClient
from desktop.dashscope.errors import AuthError
from desktop.dashscope.retry import RetryPolicy
from desktop.domain import glossary
from desktop.domain.translation import CueStatus, Request, SourceCue, flat_text
from desktop.jobs.translation import TranslationRunner, plan_translation, translate_cues
from desktop.store.database import connect
from desktop.store.schema import MIGRATIONS
from desktop.store.translations import (
    SqliteTranslationStore,
    TranslationBusyError,
    languages,
)
from tests.fake_dashscope import Emulator, EmulatorConfig
from tests.fake_dashscope.chat import ChatAction, ChatScript
from tests.fake_dashscope.pseudo import source_of

FAST_RETRY = RetryPolicy(attempts=5, base_delay=0.01, max_delay=0.05)
TRACK_ID = 7


@pytest.fixture
def emulator_config() -> EmulatorConfig:
    return EmulatorConfig(chat_rate_factor=50)


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = connect(tmp_path / "library.sqlite")
    yield connection
    connection.close()


def track(n: int) -> list[SourceCue]:
    lines = ["我们今天讨论", "翻译的质量", "还有时间轴", "每一句都要对齐"]
    return [SourceCue(f"cue-{i}", f"{lines[i % 4]}第{i}句\n第二行{i}") for i in range(n)]


async def run(
    emulator: Emulator,
    store: SqliteTranslationStore,
    cues: list[SourceCue],
    *,
    model: str = "qwen-mt-turbo",
    key: str | None = None,
    **plan_kw,
):
    request = Request(model, "en", "zh", title="测试视频", **plan_kw)
    plan = plan_translation(cues, request, finished=store.finished())
    async with ChatClient(emulator.base_url, key or emulator.api_key) as client:
        runner = TranslationRunner(client, store, parallel=3, retry=FAST_RETRY, rate_factor=50)
        return await runner.run(plan), plan


def assert_aligned(store: SqliteTranslationStore, cues: list[SourceCue], skip=()) -> None:
    stored = store.all()
    for cue in cues:
        if cue.key in skip:
            continue
        row = stored[cue.key]
        assert row.status is CueStatus.TRANSLATED, cue.key
        assert source_of(row.text) == flat_text(cue.text), cue.key
        assert row.source_text == cue.text


@pytest.mark.asyncio
async def test_every_cue_translated_in_place_and_a_second_run_sends_nothing(
    dashscope_emulator, conn
):
    cues = track(200)
    store = SqliteTranslationStore(conn, TRACK_ID, "en")
    outcome, plan = await run(dashscope_emulator, store, cues)
    assert outcome.translated == 200 and not outcome.refused
    assert len(plan.batches) >= 3
    assert outcome.requests == len(plan.batches) == len(dashscope_emulator.requests("chat"))
    assert_aligned(store, cues)
    assert store.usage() == outcome.usage
    assert store.usage().total == billed_tokens(dashscope_emulator) > 0
    assert languages(conn, TRACK_ID) == ["en"]

    again, plan = await run(dashscope_emulator, store, cues)
    assert plan.batches == [] and again.requests == 0
    assert len(dashscope_emulator.requests("chat")) == outcome.requests


@pytest.mark.asyncio
async def test_wrong_line_count_splits_the_batch_and_never_misaligns(dashscope_emulator, conn):
    cues = track(40)
    # Whenever cue 13 is in a batch of two or more, the model drops a line.
    dashscope_emulator.chat.scripts.add(ChatScript(ChatAction.WRONG_COUNT, match="第13句"))
    store = SqliteTranslationStore(conn, TRACK_ID, "en")
    outcome, plan = await run(dashscope_emulator, store, cues)
    assert outcome.translated == 40
    assert outcome.requests > len(plan.batches)
    assert_aligned(store, cues)
    # The failed replies were paid for: their tokens are in the ledger too.
    assert store.usage().total == billed_tokens(dashscope_emulator)


def billed_tokens(emulator: Emulator) -> int:
    return sum(u["prompt_tokens"] + u["completion_tokens"] for u in emulator.chat.billed())


@pytest.mark.asyncio
async def test_refused_cue_is_flagged_and_the_rest_goes_on(dashscope_emulator, conn):
    cues = track(30)
    dashscope_emulator.chat.scripts.add(ChatScript(ChatAction.REFUSE_INPUT, match="第21句"))
    store = SqliteTranslationStore(conn, TRACK_ID, "en")
    outcome, _ = await run(dashscope_emulator, store, cues)
    assert outcome.refused == ["cue-21"]
    assert outcome.translated == 29
    assert store.all()["cue-21"].status is CueStatus.REFUSED
    assert store.all()["cue-21"].text is None
    assert_aligned(store, cues, skip={"cue-21"})
    # A refused cue is not sent again on the next run (it would be refused again).
    again, plan = await run(dashscope_emulator, store, cues)
    assert plan.batches == [] and again.requests == 0


@pytest.mark.asyncio
async def test_a_cue_the_model_cannot_finish_is_flagged_truncated(dashscope_emulator, conn):
    cues = track(10)
    dashscope_emulator.chat.scripts.add(ChatScript(ChatAction.TRUNCATE, match="第4句"))
    store = SqliteTranslationStore(conn, TRACK_ID, "en")
    outcome, _ = await run(dashscope_emulator, store, cues)
    assert outcome.truncated == ["cue-4"]
    assert_aligned(store, cues, skip={"cue-4"})


@pytest.mark.asyncio
async def test_throttling_and_server_errors_are_retried(dashscope_emulator, conn):
    cues = track(10)
    dashscope_emulator.faults.server_errors(
        "chat", count=2, status=429, code="limit_requests", retry_after="0.01"
    )
    dashscope_emulator.faults.server_errors("chat", count=1, status=500)
    store = SqliteTranslationStore(conn, TRACK_ID, "en")
    outcome, plan = await run(dashscope_emulator, store, cues)
    assert outcome.translated == 10
    assert outcome.requests == len(plan.batches) + 3
    assert_aligned(store, cues)


@pytest.mark.asyncio
async def test_bad_key_stops_the_run_and_stores_nothing(dashscope_emulator, conn):
    store = SqliteTranslationStore(conn, TRACK_ID, "en")
    with pytest.raises(AuthError):
        await run(dashscope_emulator, store, track(100), key="sk-wrong")
    assert store.finished() == {}


@pytest.mark.asyncio
async def test_stale_cues_are_redone_and_edits_kept(dashscope_emulator, conn):
    cues = track(20)
    store = SqliteTranslationStore(conn, TRACK_ID, "en")
    await run(dashscope_emulator, store, cues)
    store.set_text("cue-3", cues[3].text, "A translation a person wrote.")
    cues[8] = SourceCue("cue-8", "改过的原文")
    dashscope_emulator.clear_requests()
    outcome, plan = await run(dashscope_emulator, store, cues)
    assert [b.keys for b in plan.batches] == [("cue-8",)]
    assert outcome.requests == 1
    assert source_of(store.all()["cue-8"].text) == "改过的原文"
    assert store.all()["cue-3"].text == "A translation a person wrote."
    assert store.all()["cue-3"].status is CueStatus.EDITED


@pytest.mark.asyncio
async def test_chat_model_with_glossary_in_the_prompt(dashscope_emulator, conn):
    cues = track(12)
    terms = glossary.from_rows([("时间轴", "timeline")])
    store = SqliteTranslationStore(conn, TRACK_ID, "en")
    outcome, _ = await run(dashscope_emulator, store, cues, model="qwen-plus", glossary=terms)
    assert outcome.translated == 12
    assert_aligned(store, cues)
    system = dashscope_emulator.requests("chat")[0].body["messages"][0]["content"]
    assert "时间轴 = timeline" in system


@pytest.mark.asyncio
async def test_translate_cues_estimates_first_and_reports_progress(dashscope_emulator, conn):
    cues = track(60)
    store = SqliteTranslationStore(conn, TRACK_ID, "de")
    seen = []
    declined = await translate_cues(
        store, cues, endpoint=dashscope_emulator.base_url, api_key=dashscope_emulator.api_key,
        target="German", confirm=lambda estimate: seen.append(estimate) and False,
    )  # fmt: skip
    assert declined.canceled and dashscope_emulator.requests("chat") == []
    assert seen[0].requests >= 1 and seen[0].input_tokens > 0
    progress: list[tuple[int, int]] = []
    outcome = await translate_cues(
        store, cues, endpoint=dashscope_emulator.base_url, api_key=dashscope_emulator.api_key,
        target="de", source="zh", progress=lambda d, t: progress.append((d, t)), rate_factor=50,
    )  # fmt: skip
    assert outcome.translated == 60
    assert progress[-1] == (60, 60)
    body = dashscope_emulator.requests("chat")[0].body
    assert body["translation_options"]["target_lang"] == "German"


@pytest.mark.asyncio
async def test_cancel_stops_sending(dashscope_emulator, conn):
    dashscope_emulator.config.chat_latency_s = 0.2
    cues = track(200)
    store = SqliteTranslationStore(conn, TRACK_ID, "en")
    cancel = asyncio.Event()
    request = Request("qwen-mt-turbo", "en", None)
    plan = plan_translation(cues, request)
    async with ChatClient(dashscope_emulator.base_url, dashscope_emulator.api_key) as client:
        runner = TranslationRunner(
            client, store, parallel=1, cancel=cancel, progress=lambda d, t: cancel.set()
        )
        outcome = await runner.run(plan)
    assert outcome.canceled
    assert outcome.requests == 1 < len(plan.batches)
    assert len(store.finished()) == len(plan.batches[0].cues)


def test_the_migration_is_the_last_step(conn):
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(cue_translations)")}
    assert {"track_id", "cue_key", "language", "source_text", "text", "status"} <= columns


@pytest.mark.asyncio
async def test_a_second_process_cannot_translate_the_same_track_at_once(
    dashscope_emulator, conn, tmp_path
):
    store = SqliteTranslationStore(conn, TRACK_ID, "en")
    other = connect(tmp_path / "library.sqlite")
    try:
        # Another live process holds the claim (pid 1 always runs).
        other.execute(
            "INSERT INTO translation_claims VALUES (?, 'en', ?, ?)",
            (TRACK_ID, f"{socket.gethostname()}:1", time.time() + 60),
        )
        with pytest.raises(TranslationBusyError, match="already translating this track into en"):
            await translate_cues(
                store, track(5), endpoint=dashscope_emulator.base_url,
                api_key=dashscope_emulator.api_key, target="en",
            )  # fmt: skip
        assert dashscope_emulator.requests("chat") == []
        # A claim whose process is gone (a kill) does not block the resume.
        gone = subprocess.Popen([sys.executable, "-c", "pass"])
        gone.wait()
        other.execute(
            "UPDATE translation_claims SET owner = ?", (f"{socket.gethostname()}:{gone.pid}",)
        )
        outcome = await translate_cues(
            store, track(5), endpoint=dashscope_emulator.base_url,
            api_key=dashscope_emulator.api_key, target="en", rate_factor=50,
        )  # fmt: skip
        assert outcome.translated == 5
        assert other.execute("SELECT COUNT(*) FROM translation_claims").fetchone()[0] == 0
    finally:
        other.close()


@pytest.mark.asyncio
async def test_the_published_rate_limit_is_kept_without_a_single_429(dashscope_emulator, conn):
    """qwen-mt-turbo's 60 RPM, enforced by the emulator as 1 request a second."""
    dashscope_emulator.config.chat_rate_factor = 1.0
    cues = track(160)  # four batches
    store = SqliteTranslationStore(conn, TRACK_ID, "en")
    plan = plan_translation(cues, Request("qwen-mt-turbo", "en", None))
    assert len(plan.batches) == 4
    started = time.monotonic()
    async with ChatClient(dashscope_emulator.base_url, dashscope_emulator.api_key) as client:
        outcome = await TranslationRunner(client, store, parallel=4).run(plan)
    assert outcome.translated == 160
    statuses = [r.status for r in dashscope_emulator.requests("chat")]
    assert statuses == [200] * 4
    assert time.monotonic() - started >= 3 / 0.85 - 0.1
