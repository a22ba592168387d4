"""Subtitle files made elsewhere, imported into the library to review and correct."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.formats.subtitle_file import read_subtitle_cues
from desktop.store.imports import ImportFailedError
from desktop.store.library import Library
from desktop.store.subtitle_import import import_subtitle_file

SRT = (
    "1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Hello</i> there,\r\nfriend.\r\n\r\n"
    "2\r\n00:00:03,000 --> 00:00:04,000\r\n大家好。\r\n"
)
VTT = """WEBVTT

intro
00:00:00.500 --> 00:00:02.000
<v Alice Wong>Fish &amp; chips?

00:02.500 --> 00:04.000
<v Bob>Yes &lt;please&gt;.
"""
ASS = """[Script Info]
ScriptType: v4.00+

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:01.00,0:00:02.00,Default,Host,0,0,0,,{\\an8}Welcome\\Nback
Comment: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,a note, not a subtitle
Dialogue: 0,0:00:03.00,0:00:04.50,Default,Guest,0,0,0,,Thanks
"""


def test_an_srt_with_its_media_becomes_a_library_item_without_words(tmp_path: Path) -> None:
    subtitle = tmp_path / "talk.srt"
    subtitle.write_bytes(SRT.encode("utf-8-sig"))
    media = tmp_path / "talk.mp4"
    media.write_bytes(b"not really a video")
    with Library.open() as library:
        item = import_subtitle_file(library, subtitle, media=media)
        transcript = library.transcript(item)
        summary = library.item(item)
    sentences = transcript.channels[0].sentences
    assert [(s.begin_ms, s.end_ms, s.text) for s in sentences] == [
        (1000, 2500, "Hello there, friend."),
        (3000, 4000, "大家好。"),
    ]
    assert all(s.words == () for s in sentences)
    assert summary.title == "talk.mp4" and summary.media_path == str(media.resolve())


def test_vtt_voices_and_ass_actors_become_named_speakers(tmp_path: Path) -> None:
    vtt = tmp_path / "a.vtt"
    vtt.write_text(VTT, encoding="utf-8")
    ass = tmp_path / "b.ass"
    ass.write_text(ASS, encoding="utf-8")
    with Library.open() as library:
        first = library.transcript(import_subtitle_file(library, vtt))
        second = library.transcript(import_subtitle_file(library, ass))
    lines = [(first.speaker_label(s), s.text) for s in first.channels[0].sentences]
    assert lines == [("Alice Wong", "Fish & chips?"), ("Bob", "Yes <please>.")]
    lines = [(second.speaker_label(s), s.text) for s in second.channels[0].sentences]
    assert lines == [("Host", "Welcome back"), ("Guest", "Thanks")]


def test_a_gbk_subtitle_is_read(tmp_path: Path) -> None:
    path = tmp_path / "old.srt"
    path.write_bytes("1\n00:00:01,000 --> 00:00:02,000\n繁體與简体\n".encode("gb18030"))
    assert [c.lines for c in read_subtitle_cues(path)] == [("繁體與简体",)]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.srt", "", "has no subtitles with text"),
        ("notes.txt", "hello", "not a subtitle file"),
    ],
)
def test_a_bad_subtitle_file_is_refused_and_adds_nothing(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with Library.open() as library:
        with pytest.raises(ImportFailedError, match=message) as error:
            import_subtitle_file(library, path)
        assert str(path) in str(error.value)
        assert library.items() == []
