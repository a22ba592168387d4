"""Translation planning: batches within the model's limits, context, glossary, replies, cost."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktop.domain import glossary, translation_models
from desktop.domain.catalog import Region
from desktop.domain.translation import (
    Batch,
    Request,
    SourceCue,
    WrongCueCount,
    batch_budget,
    estimate_cost,
    estimate_tokens,
    flat_text,
    parse_reply,
    pending_keys,
    plan_batches,
    request_body,
    request_tokens,
    stale_keys,
)

MT = translation_models.get("qwen-mt-turbo")
CHAT = translation_models.get("qwen-plus")


def cues(n: int, text: str = "我们今天讨论翻译的质量问题") -> list[SourceCue]:
    return [SourceCue(f"c{i}", f"{text}{i}") for i in range(n)]


def test_batches_cover_every_cue_once_in_order_within_the_budget():
    track = cues(300)
    batches = plan_batches(track, MT, max_batch_tokens=200)
    keys = [k for b in batches for k in b.keys]
    assert keys == [c.key for c in track]
    assert all(b.source_tokens <= 200 for b in batches)
    assert len(batches) > 10


def test_the_budget_respects_the_models_output_limit():
    small = translation_models.TextModel(
        "tiny", translation_models.ModelKind.MT, 1000, 100, 60, 1000, {}
    )
    assert batch_budget(small, 5000) == 50
    assert batch_budget(MT) <= MT.max_output_tokens // 2


def test_context_is_the_true_neighbours_even_for_a_few_wanted_cues():
    track = cues(10)
    (batch,) = plan_batches(track, MT, wanted=["c4", "c5"])
    assert batch.keys == ("c4", "c5")
    assert batch.before == (track[2].flat, track[3].flat)
    assert batch.after == (track[6].flat, track[7].flat)
    body = request_body(batch, Request("qwen-mt-turbo", "en", "zh", title="访谈"), MT)
    # Only the batch's cues are sent to be translated; context rides in ``domains``.
    assert body["messages"] == [{"role": "user", "content": f"{track[4].text}\n{track[5].text}"}]
    domains = body["translation_options"]["domains"]
    assert track[3].text in domains and track[6].text in domains and "访谈" in domains
    assert body["translation_options"]["source_lang"] == "Chinese"
    assert body["translation_options"]["target_lang"] == "English"


def test_halves_keep_their_own_neighbours_as_context():
    track = cues(8)
    batch = plan_batches(track, MT, wanted=[c.key for c in track[2:6]])[0]
    left, right = batch.halves()
    assert left.keys == ("c2", "c3") and right.keys == ("c4", "c5")
    assert left.after == (track[4].flat, track[5].flat)
    assert right.before == (track[2].flat, track[3].flat)
    assert right.after == batch.after
    with pytest.raises(ValueError):
        Batch((track[0],)).halves()


def test_chat_prompt_marks_context_and_numbers_the_cues():
    track = cues(5)
    batch = plan_batches(track, CHAT, wanted=["c2"])[0]
    terms = glossary.from_rows([("讨论", "discuss"), ("没有", "none")])
    body = request_body(batch, Request("qwen-plus", "en", None, "T", terms), CHAT)
    system, user = body["messages"]
    assert "讨论 = discuss" in system["content"] and "没有" not in system["content"]
    text = user["content"]
    assert f"[1] {track[2].text}" in text
    assert text.index("<context>") < text.index(track[1].text) < text.index("<subtitles>")
    assert "[2]" not in text


def test_mt_terms_only_those_in_the_batch_and_hot_words_as_hints():
    batch = Batch((SourceCue("a", "欢迎使用阿里云"),))
    terms = glossary.from_rows([("阿里云", "Alibaba Cloud"), ("腾讯", "Tencent")]).merged(
        glossary.from_vocabulary(["使用", "通义"])
    )
    body = request_body(batch, Request("qwen-mt-turbo", "en", None, glossary=terms), MT)
    options = body["translation_options"]
    assert options["terms"] == [{"source": "阿里云", "target": "Alibaba Cloud"}]
    assert "使用" in options["domains"] and "通义" not in options["domains"]
    assert options["source_lang"] == "auto"


def test_multi_line_cues_are_sent_as_one_line():
    assert flat_text("We are\ngoing home") == "We are going home"
    assert flat_text("我们\n回家") == "我们回家"
    batch = Batch((SourceCue("a", "one\ntwo"), SourceCue("b", "three")))
    body = request_body(batch, Request("qwen-mt-turbo", "en", None), MT)
    assert body["messages"][0]["content"] == "one two\nthree"


def test_reply_parser_never_misaligns():
    batch = Batch(tuple(cues(3)))
    assert parse_reply("a\nb\n\nc\n", batch, MT) == ["a", "b", "c"]
    with pytest.raises(WrongCueCount) as wrong:
        parse_reply("a\nb", batch, MT)
    assert (wrong.value.expected, wrong.value.got) == (3, 2)
    assert parse_reply("[1] a\n[2] b\n[3] c", batch, CHAT) == ["a", "b", "c"]
    with pytest.raises(WrongCueCount):
        parse_reply("[1] a\n[3] c\n[2] b", batch, CHAT)
    with pytest.raises(WrongCueCount):
        parse_reply("[1] a\n[2] b", batch, CHAT)
    one = Batch((SourceCue("a", "x"),))
    assert parse_reply("two\nlines", one, MT) == ["two lines"]
    assert parse_reply("no number", one, CHAT) == ["no number"]
    with pytest.raises(WrongCueCount):
        parse_reply("  ", one, MT)


def test_cost_is_estimated_from_tokens_before_sending():
    track = cues(900)
    batches = plan_batches(track, MT)
    request = Request("qwen-mt-turbo", "en", "zh", title="一小时的访谈")
    estimate = estimate_cost(batches, request, MT, Region.BEIJING)
    source_tokens = sum(estimate_tokens(c.flat) for c in track)
    assert estimate.requests == len(batches)
    assert source_tokens < estimate.input_tokens < 2 * source_tokens
    expected = (
        Decimal(estimate.input_tokens) * Decimal("0.101")
        + Decimal(estimate.output_tokens) * Decimal("0.28")
    ) / Decimal(1_000_000)
    assert estimate.amount == expected.quantize(Decimal("0.0001"))
    assert estimate.currency == "USD"
    assert "requests" in estimate.describe()
    unknown = estimate_cost(batches, request, translation_models.get("qwen-mt-flash"), None)
    assert unknown.amount is None and "not published" in unknown.describe()
    body = request_body(batches[0], request, MT)
    assert request_tokens(body, MT) > batches[0].source_tokens


def test_stale_and_pending_cues():
    track = [SourceCue("a", "你好"), SourceCue("b", "再见"), SourceCue("c", "新的")]
    finished = {"a": "你好", "b": "再见吧"}
    assert stale_keys(track, finished) == ["b"]
    assert pending_keys(track, finished) == ["b", "c"]
    assert pending_keys([SourceCue("a", "你\n好")], {"a": "你好"}) == []


def test_token_estimate():
    assert estimate_tokens("") == 0
    assert estimate_tokens("你好") == 2
    assert estimate_tokens("hello world") == 3


def test_glossary_csv(tmp_path: Path):
    path = tmp_path / "terms.csv"
    path.write_text(
        "term,translation\n阿里云,Alibaba Cloud\n\n通义, Tongyi \n", encoding="utf-8-sig"
    )
    terms = glossary.load_csv(path)
    assert [(t.source, t.target) for t in terms.terms] == [
        ("阿里云", "Alibaba Cloud"),
        ("通义", "Tongyi"),
    ]
    path.write_text("阿里云,Alibaba Cloud\nonly one column\n", encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match=r"terms.csv, line 2: expected two columns"):
        glossary.load_csv(path)
    path.write_bytes("阿里云,x".encode("gbk"))
    with pytest.raises(glossary.GlossaryError, match="not UTF-8"):
        glossary.load_csv(path)
    with pytest.raises(glossary.GlossaryError, match="cannot read"):
        glossary.load_csv(tmp_path / "missing.csv")


def test_languages_by_code_or_name():
    assert translation_models.language_code("English") == "en"
    assert translation_models.language_code("zh-TW") == "zh_tw"
    with pytest.raises(translation_models.UnknownLanguageError, match="Klingon"):
        translation_models.language_code("Klingon")
    with pytest.raises(translation_models.UnknownTextModelError, match="qwen-mt-turbo"):
        translation_models.get("gpt-4")
