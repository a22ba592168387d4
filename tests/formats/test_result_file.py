from __future__ import annotations

import json

import msgspec
import pytest

from desktop.formats.result_file import (
    MAX_RESULT_BYTES,
    ResultFileError,
    encode_result,
    parse_result,
)
from tests.helpers.results import FIXTURE_NAMES, encode, fixture_json, fixture_path, load


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_fixture_parses(name: str) -> None:
    transcript = parse_result(fixture_path(name).read_bytes())
    assert transcript.file_url.startswith("https://")


def _broken(mutate) -> bytes:
    document = fixture_json("paraformer_zh_en")
    mutate(document)
    return encode(document)


def _sentence(doc):
    return doc["transcripts"][0]["sentences"][0]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("transcripts"), "object missing required field transcripts"),
        (lambda d: d.pop("file_url"), "object missing required field file_url"),
        (
            lambda d: _sentence(d).pop("begin_time"),
            "transcripts[0].sentences[0]: object missing required field begin_time",
        ),
        (
            lambda d: _sentence(d).update(begin_time="100"),
            "transcripts[0].sentences[0].begin_time: expected int, got str",
        ),
        (
            lambda d: _sentence(d).update(end_time=-5),
            "transcripts[0].sentences[0].end_time: expected int >= 0",
        ),
        (
            lambda d: _sentence(d)["words"][2].update(end_time=10),
            "transcripts[0].sentences[0].words[2]: end_time (10) is before begin_time (844)",
        ),
        (
            lambda d: _sentence(d).update(begin_time=9000),
            "transcripts[0].sentences[0]: end_time (3820) is before begin_time (9000)",
        ),
        (
            lambda d: _sentence(d).update(text=None),
            "transcripts[0].sentences[0].text: expected str, got null",
        ),
        (
            lambda d: d["transcripts"].append(dict(d["transcripts"][0])),
            "transcripts[1].channel_id: channel 0 appears twice",
        ),
        (
            lambda d: _sentence(d).update(begin_time=1e300),
            "transcripts[0].sentences[0].begin_time: expected int, got float",
        ),
        (lambda d: d.update(transcripts={"0": 1}), "transcripts: expected array, got object"),
    ],
)
def test_malformed_fields_are_named_in_the_error(mutate, message: str) -> None:
    with pytest.raises(ResultFileError) as caught:
        parse_result(_broken(mutate))
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("raw", "start"),
    [
        (b"", "not valid JSON"),
        (b'{"file_url": "x", ', "not valid JSON"),
        (b"\xff\xfe{}", "not valid JSON"),
        (b"[1, 2, 3]", "expected object, got array"),
        (b"[" * 200_000, "expected object, got array"),
        (b"null", "expected object, got null"),
    ],
)
def test_non_result_bytes_give_a_clear_error(raw: bytes, start: str) -> None:
    with pytest.raises(ResultFileError) as caught:
        parse_result(raw)
    assert str(caught.value).startswith(start)


def test_a_file_over_the_size_limit_is_refused_before_decoding() -> None:
    with pytest.raises(ResultFileError, match=r"at most 64 MB"):
        parse_result(b" " * (MAX_RESULT_BYTES + 1))


def test_a_utf8_bom_and_unknown_fields_are_tolerated() -> None:
    document = fixture_json("paraformer_zh_en")
    document["new_field_from_the_future"] = {"x": 1}
    _sentence(document)["confidence"] = 0.9
    transcript = parse_result(b"\xef\xbb\xbf" + encode(document))
    assert transcript.channels[0].sentences[0].text.startswith("Hello")


def test_sentences_and_words_are_put_in_time_order() -> None:
    document = fixture_json("paraformer_zh_en")
    _sentence(document)["words"].reverse()
    transcript = parse_result(encode(document))
    starts = [w.begin_ms for w in transcript.channels[0].sentences[0].words]
    assert starts == sorted(starts)
    sense = load("sensevoice_tags").channels[0].sentences
    assert [s.begin_ms for s in sense] == [0, 7060, 11850]


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_json_export_reads_back_as_the_same_transcript(name: str) -> None:
    transcript = load(name)
    exported = encode_result(transcript)
    assert parse_result(exported) == transcript
    json.loads(exported)  # any JSON reader takes it


def test_json_export_keeps_the_service_schema_and_sensevoice_tags() -> None:
    exported = json.loads(encode_result(load("sensevoice_tags")))
    assert list(exported) == ["file_url", "properties", "transcripts"]
    texts = [s["text"] for s in exported["transcripts"][0]["sentences"]]
    assert texts[0].endswith("<|/Speech|> <|ANGRY|>")
    original = fixture_json("paraformer_zh_en")
    again = json.loads(encode_result(load("paraformer_zh_en")))
    assert again["transcripts"][0]["sentences"][0]["words"] == _sentence(original)["words"]
    assert again["properties"] == original["properties"]


def test_edited_sensevoice_text_is_exported_with_its_labels_as_tags() -> None:
    transcript = load("sensevoice_tags")
    channel = transcript.channels[0]
    edited_sentence = msgspec.structs.replace(channel.sentences[0], text="Dear staff.")
    edited = msgspec.structs.replace(
        transcript,
        channels=(
            msgspec.structs.replace(channel, sentences=(edited_sentence, *channel.sentences[1:])),
        ),
    )
    text = json.loads(encode_result(edited))["transcripts"][0]["sentences"][0]["text"]
    assert text == "<|Speech|> Dear staff. <|/Speech|> <|ANGRY|>"


def test_a_qwen3_asr_result_becomes_the_same_transcript_model() -> None:
    transcript = load("qwen3_asr")
    assert (transcript.audio_format, transcript.sampling_rate) == ("aac", 44100)
    first, second = transcript.channels[0].sentences
    assert (first.sentence_id, first.language, first.emotion) == (0, "zh", "NEUTRAL")
    assert (second.language, second.emotion) == ("en", "HAPPY")
    assert second.labels == ("HAPPY", "en")  # emotion spelled as SenseVoice's, language last
    assert first.text == "欢迎使用阿里云。" and first.raw_text is None
    assert "".join(w.display for w in second.words) == "Thank you all!"


def test_a_qwen3_asr_result_exports_its_labels_as_fields_not_tags() -> None:
    exported = json.loads(encode_result(load("qwen3_asr")))
    sentence = exported["transcripts"][0]["sentences"][1]
    assert (sentence["language"], sentence["emotion"]) == ("en", "happy")
    assert sentence["text"] == "Thank you all!"
    assert (
        "language"
        not in json.loads(encode_result(load("sensevoice_tags")))["transcripts"][0]["sentences"][0]
    )
