"""SRT and WebVTT exports read back by independent readers: same cues, texts and times."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from desktop.domain.subtitles import sentence_cues
from desktop.export import export_transcript
from desktop.export.cue_text import srt_text, vtt_text
from desktop.formats.result_file import parse_result
from tests.helpers.results import FIXTURE_NAMES, load
from tests.helpers.subtitle_readers import letters, read_with_ffmpeg, read_with_pysubs2

READERS = {"pysubs2": read_with_pysubs2, "ffmpeg": read_with_ffmpeg}
CLEAN = ("paraformer_zh_en", "sensevoice_tags", "diarization", "two_channels")


def _expected(name: str) -> list[tuple[int, int, str]]:
    cues = sentence_cues(load(name))
    return sorted((c.start_ms, c.end_ms, c.lines[0]) for c in cues)


def _write(tmp_path: Path, name: str, fmt: str) -> Path:
    path = tmp_path / f"{name}.{fmt}"
    path.write_bytes(export_transcript(load(name), fmt))
    return path


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", CLEAN)
def test_srt_reads_back_with_the_sentence_texts_and_times(tmp_path, name, reader) -> None:
    cues = READERS[reader](_write(tmp_path, name, "srt"))
    assert sorted(cues) == _expected(name)


@pytest.mark.parametrize("name", CLEAN)
def test_vtt_reads_back_with_the_sentence_texts_and_times_in_ffmpeg(tmp_path, name) -> None:
    cues = read_with_ffmpeg(_write(tmp_path, name, "vtt"))
    assert sorted(cues) == _expected(name)


def test_vtt_names_speakers_with_voice_tags(tmp_path: Path) -> None:
    data = export_transcript(load("diarization"), "vtt").decode()
    assert "<v Speaker 1>How did you start?" in data
    assert "<v Speaker 2>I started in 2019." in data
    cues = read_with_pysubs2(_write(tmp_path, "diarization", "vtt"))
    assert cues[0][2] == "<v Speaker 1>How did you start?"


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_files_are_utf8_without_bom_with_lf_and_one_blank_line_between_cues(fmt: str) -> None:
    data = export_transcript(load("two_channels"), fmt)
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    text = data.decode("utf-8")
    assert "\n\n\n" not in text and text.endswith("\n\n")
    assert text.startswith("WEBVTT\n\n1\n" if fmt == "vtt" else "1\n00:00:00,200 --> ")


def test_cues_are_in_start_order_and_never_end_before_they_start(tmp_path: Path) -> None:
    cues = read_with_ffmpeg(_write(tmp_path, "two_channels", "srt"))
    assert [c[0] for c in cues] == sorted(c[0] for c in cues)
    assert all(end > start for start, end, _ in cues)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_hostile_text_cannot_break_the_file(tmp_path, fmt, reader) -> None:
    transcript = load("hostile")
    written = sentence_cues(transcript)
    path = _write(tmp_path, "hostile", fmt)
    cues = READERS[reader](path)
    non_blank = [c for c in written if c.lines[0].strip()]
    # Every non-blank sentence is one cue, at its own time, with one line of text.
    assert [(s, e) for s, e, _ in cues] == [(c.start_ms, c.end_ms) for c in non_blank]
    for (_, _, text), cue in zip(cues, non_blank, strict=True):
        assert "\n" not in text
        if fmt == "srt":
            assert "-->" not in text
            if reader == "pysubs2":
                assert text == srt_text(cue.lines)
    data = path.read_text(encoding="utf-8")
    assert "\ufeff" not in data and "\x00" not in data and "\x1b" not in data


def test_vtt_escapes_markup_so_readers_get_the_literal_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "hostile", "vtt")
    by_start = {start: text for start, _, text in read_with_ffmpeg(path)}
    assert by_start[2000] == "<i>not italic</i> a < b & c > d <font color=red>x</font>"
    assert by_start[11000] == "&amp; literal entity &lt; and tab here CRLF CR"
    assert by_start[1000] == "00∶00∶01,000 --> 00∶00∶02,000 fake timing"
    assert by_start[7000] == "emoji 👩‍👩‍👧 and 🎉 flags 🇨🇳"
    assert by_start[8000] == "RTL: שלום עולם and مرحبا بالعالم"


def test_srt_neutralises_markup_and_keeps_unicode(tmp_path: Path) -> None:
    by_start = {s: t for s, _, t in read_with_ffmpeg(_write(tmp_path, "hostile", "srt"))}
    assert by_start[2000] == "＜i>not italic＜/i> a ＜ b & c > d ＜font color=red>x＜/font>"
    assert by_start[3000] == "｛\\an8｝top ｛curly｝ and ＼N not a break ＼h"
    assert by_start[1000] == "00∶00∶01,000 -> 00∶00∶02,000 fake timing"
    assert by_start[4000] == "42"
    assert by_start[8000] == "RTL: שלום עולם and مرحبا بالعالم"


def test_a_lone_number_never_sits_on_its_own_line_under_text() -> None:
    assert srt_text(("Count:", "7")) == "Count: 7"
    assert srt_text(("7", "apples")) == "7\napples"
    assert vtt_text(("", "a", "", "b")) == "a\nb"


def test_an_empty_transcript_writes_a_valid_empty_file(tmp_path: Path) -> None:
    assert export_transcript(load("empty"), "srt") == b""
    assert export_transcript(load("empty"), "vtt") == b"WEBVTT\n\n"
    assert read_with_ffmpeg(_write(tmp_path, "empty", "vtt")) == []


def test_a_zero_length_sentence_still_gets_a_cue_that_ends_after_it_starts(tmp_path) -> None:
    transcript = load("paraformer_zh_en")
    channel = transcript.channels[0]
    zero = msgspec.structs.replace(channel.sentences[0], begin_ms=5000, end_ms=5000)
    one = msgspec.structs.replace(channel, sentences=(zero,))
    path = tmp_path / "zero.srt"
    path.write_bytes(export_transcript(msgspec.structs.replace(transcript, channels=(one,)), "srt"))
    [(start, end, text)] = read_with_ffmpeg(path)
    assert start == 5000 and end > start and text == zero.text


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_fixture_exports_in_every_format_and_reads_back(tmp_path: Path, name: str) -> None:
    """Hostile and empty transcripts too: what a player, an editor or our own import reads."""
    transcript = load(name)
    times = sorted((cue.start_ms, cue.end_ms) for cue in sentence_cues(transcript))
    for fmt in ("srt", "vtt"):
        if not times:
            assert export_transcript(transcript, fmt).strip() in (b"", b"WEBVTT")
            continue
        cues = read_with_ffmpeg(_write(tmp_path, name, fmt))
        assert sorted((start, end) for start, end, _ in cues) == times, fmt
        assert all(text.strip() for _, _, text in cues), fmt  # no cue shows nothing
    spoken = letters("".join(s.text for c in transcript.channels for s in c.sentences))
    assert not spoken - letters(export_transcript(transcript, "txt").decode("utf-8"))
    assert parse_result(export_transcript(transcript, "json")) == transcript
