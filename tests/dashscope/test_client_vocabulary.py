"""Hot-word vocabularies: the five actions, all pages, and local checks before any request."""

from __future__ import annotations

import pytest

from desktop.dashscope import errors
from desktop.dashscope.options import TranscriptionOptions
from desktop.dashscope.vocabulary import VocabularyEntry
from desktop.dashscope.wire import TaskStatus
from tests.helpers.clients import fast_client

WORDS = [VocabularyEntry("通义千问", 4, "zh"), VocabularyEntry("Model Studio", 5, "en")]


@pytest.mark.asyncio
async def test_create_query_update_use_and_delete(dashscope_emulator):
    url = "https://files.example/v.wav"
    dashscope_emulator.script(url, duration_ms=1000)
    async with fast_client(dashscope_emulator) as client:
        vocab_id = await client.vocabularies.create("paraformer-v2", "demo", WORDS)
        assert vocab_id.startswith("vocab-demo-")
        stored = await client.vocabularies.query(vocab_id)
        assert stored.target_model == "paraformer-v2"
        assert stored.vocabulary == WORDS
        assert stored.ready
        await client.vocabularies.update(vocab_id, WORDS[:1], "paraformer-v2")
        assert (await client.vocabularies.query(vocab_id)).vocabulary == WORDS[:1]
        task = await client.submit(
            "paraformer-v2", [url], TranscriptionOptions(vocabulary_id=vocab_id)
        )
        assert (await client.wait(task.task_id)).status is TaskStatus.SUCCEEDED
        await client.vocabularies.delete(vocab_id)
        with pytest.raises(errors.NotFoundError):
            await client.vocabularies.query(vocab_id)
        assert await client.vocabularies.list() == []


@pytest.mark.asyncio
async def test_list_reads_every_page_and_filters_by_prefix(dashscope_emulator):
    dashscope_emulator.config.max_vocabularies = 30
    async with fast_client(dashscope_emulator) as client:
        made = {await client.vocabularies.create("fun-asr", "team", WORDS[:1]) for _ in range(12)}
        other = await client.vocabularies.create("fun-asr", "other", WORDS[:1])
        listed = await client.vocabularies.list()
        team = await client.vocabularies.list(prefix="team")
    assert {v.vocabulary_id for v in listed} == made | {other}
    assert {v.vocabulary_id for v in team} == made
    pages = [r.body["input"]["page_index"] for r in dashscope_emulator.requests("customization")
             if r.body["input"]["action"] == "list_vocabulary"]  # fmt: skip
    assert pages[:2] == [0, 1]


@pytest.mark.asyncio
async def test_the_account_limit_comes_back_as_a_clear_error(dashscope_emulator):
    dashscope_emulator.config.max_vocabularies = 1
    async with fast_client(dashscope_emulator) as client:
        await client.vocabularies.create("fun-asr", "a", WORDS[:1])
        with pytest.raises(errors.InvalidParameterError):
            await client.vocabularies.create("fun-asr", "b", WORDS[:1])


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("model", "prefix", "entries", "words"),
    [
        ("paraformer-v2", "demo", [VocabularyEntry("词", 6)], "from 1 to 5"),
        ("paraformer-v2", "demo", [VocabularyEntry("词", 0)], "from 1 to 5"),
        (
            "paraformer-v2",
            "demo",
            [VocabularyEntry("一二三四五六七八九十一二三四五六")],
            "15 characters",
        ),
        ("paraformer-v2", "demo", [VocabularyEntry("a b c d e f g h")], "7 words"),
        ("paraformer-v2", "demo", [VocabularyEntry(" ")], "empty"),
        ("paraformer-v2", "demo", [VocabularyEntry(f"w{n}") for n in range(501)], "500"),
        ("paraformer-v2", "demo", [], "at least one"),
        ("fun-asr", "demo", [VocabularyEntry("hola", 4, "es")], "'es'"),
        ("sensevoice-v1", "demo", WORDS, "does not use"),
        ("paraformer-v2", "Demo", WORDS, "lowercase"),
        ("paraformer-v2", "toolongprefix", WORDS, "1-9"),
    ],
)
async def test_bad_vocabularies_are_refused_before_any_request(
    dashscope_emulator, model, prefix, entries, words
):
    async with fast_client(dashscope_emulator) as client:
        with pytest.raises(errors.OptionRefused, match=words):
            await client.vocabularies.create(model, prefix, entries)
    assert dashscope_emulator.requests() == []


@pytest.mark.asyncio
async def test_a_create_whose_answer_is_lost_is_not_sent_twice(dashscope_emulator):
    from tests.fake_dashscope import FaultKind

    dashscope_emulator.faults.inject(FaultKind.LOSE_ANSWER, "customization", 1)
    async with fast_client(dashscope_emulator) as client:
        with pytest.raises(errors.NetworkError):
            await client.vocabularies.create("fun-asr", "once", WORDS[:1])
        listed = await client.vocabularies.list(prefix="once")
    assert len(listed) == 1  # made once; the caller finds it by listing
    creates = [r for r in dashscope_emulator.requests("customization")
               if r.body["input"]["action"] == "create_vocabulary"]  # fmt: skip
    assert len(creates) == 1
