"""Every subtitle format read back by readers that are not ours: ffmpeg and webvtt-py."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import webvtt

from desktop.domain.subtitle_presets import BUILTIN_PRESETS, builtin
from desktop.domain.subtitles import Cue, segment
from desktop.domain.transcript import Transcript
from desktop.export.cue_text import ass_text, srt_text, vtt_text
from desktop.export.subtitle_formats import to_ass, to_srt, to_vtt
from tests.helpers.long_transcript import long_mixed_transcript
from tests.helpers.results import load
from tests.helpers.subtitle_readers import read_ass_with_ffmpeg, read_with_ffmpeg

FIXTURES = ("diarization", "two_channels", "hostile", "sensevoice_tags", "paraformer_zh_en")


def expected(cues: list[Cue], text_of) -> list[tuple[int, int, str]]:
    ordered = sorted(cues, key=lambda c: (c.start_ms, c.end_ms))
    return [(c.start_ms, c.end_ms, text_of(c)) for c in ordered if text_of(c)]


def _vtt_as_read(cue: Cue) -> str:
    """What a WebVTT reader shows: the text without the voice tag, entities decoded."""
    return html.unescape(re.sub(r"^<v [^>]*>", "", vtt_text(cue.lines, cue.speaker)))


def _unescape_ffmpeg_srt(cues: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    # ffmpeg's SRT encoder escapes braces it got from a WebVTT decoder; a player shows them plain
    return [(a, b, t.replace("\\{", "{").replace("\\}", "}")) for a, b, t in cues]


def cuts() -> list[tuple[str, Transcript, str]]:
    cases = [(name, load(name), preset) for name in FIXTURES for preset in ("netflix-en", "bbc")]
    long = long_mixed_transcript(4, seed=3)
    cases += [("long", long, p.id) for p in BUILTIN_PRESETS]
    return cases


@pytest.mark.parametrize(("name", "transcript", "preset_id"), cuts())
def test_ffmpeg_reads_srt_vtt_and_ass_back_with_the_same_text_and_times(
    tmp_path: Path, name: str, transcript: Transcript, preset_id: str
) -> None:
    cues = segment(transcript, builtin(preset_id)).cues
    srt, vtt, ass = tmp_path / "c.srt", tmp_path / "c.vtt", tmp_path / "c.ass"
    srt.write_bytes(to_srt(cues))
    vtt.write_bytes(to_vtt(cues))
    ass.write_bytes(to_ass(cues))

    assert read_with_ffmpeg(srt) == expected(cues, lambda c: srt_text(c.lines))
    assert _unescape_ffmpeg_srt(read_with_ffmpeg(vtt)) == expected(cues, _vtt_as_read)
    got, want = read_ass_with_ffmpeg(ass), expected(cues, lambda c: ass_text(c.lines))
    if builtin(preset_id).split_sentences:
        assert got == want  # cut cues sit on the 10 ms grid ASS can store
    else:  # sentence times are the service's milliseconds; ASS keeps centiseconds
        assert [t for *_, t in got] == [t for *_, t in want]
        assert all(
            abs(a - c) <= 5 and abs(b - d) <= 5
            for (a, b, _), (c, d, _) in zip(got, want, strict=True)
        )


@pytest.mark.parametrize("name", FIXTURES)
def test_webvtt_py_reads_our_vtt_with_voices(tmp_path: Path, name: str) -> None:
    cues = segment(load(name), builtin("netflix-en")).cues
    path = tmp_path / "c.vtt"
    path.write_bytes(to_vtt(cues))
    captions = webvtt.read(str(path))
    ordered = [c for c in sorted(cues, key=lambda c: (c.start_ms, c.end_ms)) if _vtt_as_read(c)]
    assert len(captions) == len(ordered)
    for caption, cue in zip(captions, ordered, strict=True):
        assert round(caption.start_in_seconds * 1000) // 1000 == cue.start_ms // 1000
        assert caption.start == _vtt_time(cue.start_ms)
        assert caption.end == _vtt_time(cue.end_ms)
        assert html.unescape(caption.text) == _vtt_as_read(cue)
        if cue.speaker and caption.text:
            assert caption.voice == html.escape(cue.speaker, quote=False)


def test_ass_styles_speakers_as_actors(tmp_path: Path) -> None:
    cues = segment(load("diarization"), builtin("netflix-en")).cues
    path = tmp_path / "c.ass"
    path.write_bytes(to_ass(cues, title="Interview"))
    text = path.read_text(encoding="utf-8")
    assert "Style: Speaker 1,Noto Sans CJK SC," in text
    assert "Style: Speaker 2,Noto Sans CJK SC,54,&H0000FFFF" in text  # yellow, the BBC's second
    assert "Dialogue: 0,0:00:00.30,0:00:01.71,Speaker 1,Speaker 1," in text
    assert "WrapStyle: 2" in text and "Title: Interview" in text


def _vtt_time(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def test_ass_keeps_times_past_ten_hours(tmp_path: Path) -> None:
    late = [Cue(36_000_000, 36_002_000, ("Ten hours in.",)), Cue(43_199_000, 43_200_000, ("End.",))]
    path = tmp_path / "long.ass"
    path.write_bytes(to_ass(late))
    assert "Dialogue: 0,11:59:59.00,12:00:00.00,Default,," in path.read_text()
    # ffmpeg's ASS writer clamps at 9:59:59.99, so read the times through its SRT writer
    assert [(a, b) for a, b, _ in read_with_ffmpeg(path)] == [
        (36_000_000, 36_002_000),
        (43_199_000, 43_200_000),
    ]
