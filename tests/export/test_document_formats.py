"""DOCX, CSV, WhisperX JSON, Chinese conversion and batch export, read back independently."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import docx
import pytest

from desktop.domain.subtitle_presets import builtin
from desktop.export import FORMATS, SUFFIXES, ExportOptions, export_transcript
from desktop.export.files import ExportWriteError, export_batch, file_name
from tests.helpers.results import load
from tests.helpers.subtitle_readers import letters, visible_text


def test_docx_is_an_interview_transcript_with_speaker_turns_and_times() -> None:
    data = export_transcript(load("diarization"), "docx", options=ExportOptions(title="Interview"))
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[0] == "Interview"
    assert document.core_properties.title == "Interview"
    assert texts[2:] == [
        "[00:00:00] Speaker 1: How did you start?",
        "[00:00:01] Speaker 2: I started in 2019.",
        "[00:00:04] Speaker 1: 然后呢？",
        "[00:00:05] Speaker 2: 后来我们搬到了杭州。",
    ]
    speaker_run = document.paragraphs[2].runs[1]
    assert speaker_run.text == "Speaker 1" and speaker_run.bold


def test_docx_survives_hostile_text() -> None:
    data = export_transcript(load("hostile"), "docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "<i>not italic</i>" in text and "\x00" not in text


def test_csv_has_one_row_per_cue_and_defuses_formulas() -> None:
    options = ExportOptions(preset=builtin("netflix-en"))
    data = export_transcript(load("diarization"), "csv", options=options)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["start", "end", "speaker", "text"]
    assert rows[1] == ["00:00:00.300", "00:00:01.710", "Speaker 1", "How did you start?"]
    assert rows[4][2:] == ["Speaker 2", "后来我们搬到了杭州。"]
    hostile = export_transcript(load("hostile"), "csv").decode("utf-8-sig")
    for row in list(csv.reader(io.StringIO(hostile)))[1:]:
        assert not row[3].startswith(("=", "+", "-", "@"))


def test_whisperx_json_has_segments_with_timed_words() -> None:
    document = json.loads(export_transcript(load("diarization"), "whisperx"))
    first = document["segments"][0]
    assert first["text"] == "How did you start?"
    assert (first["start"], first["end"], first["speaker"]) == (0.3, 1.5, "Speaker 1")
    assert first["words"][0] == {"word": "How", "start": 0.3, "end": 0.6, "speaker": "Speaker 1"}
    assert len(document["word_segments"]) == 13  # 4 + 4 + 1 + 4 words


def test_chinese_conversion_applies_to_every_format_and_keeps_times() -> None:
    options = ExportOptions(preset=builtin("netflix-zh-hans"), chinese="s2t")
    transcript = load("diarization")
    srt = export_transcript(transcript, "srt", options=options).decode()
    assert "後來我們搬到了杭州。" in srt and "后来" not in srt
    plain = export_transcript(transcript, "srt", options=ExportOptions(builtin("netflix-zh-hans")))
    times = [line for line in srt.splitlines() if "-->" in line]
    assert times == [line for line in plain.decode().splitlines() if "-->" in line]
    data = json.loads(export_transcript(transcript, "json", options=options))
    words = data["transcripts"][0]["sentences"][3]["words"]
    assert [w["text"] for w in words] == ["後來", "我們", "搬到了", "杭州"]
    assert "後來" in export_transcript(transcript, "txt", options=options).decode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_exports_every_fixture_with_no_word_lost(tmp_path: Path, fmt: str) -> None:
    for name in ("paraformer_zh_en", "sensevoice_tags", "two_channels", "empty", "hostile"):
        transcript = load(name)
        spoken = letters("".join(s.text for c in transcript.channels for s in c.sentences))
        for preset in ("netflix-en", "netflix-ja", "vertical"):
            data = export_transcript(transcript, fmt, options=ExportOptions(builtin(preset)))
            shown = visible_text(fmt, data, tmp_path / f"{name}-{preset}.{fmt}")
            assert not spoken - letters(shown), (name, preset, dict(spoken - letters(shown)))


def test_batch_export_writes_one_safe_file_per_item_without_overwriting(tmp_path: Path) -> None:
    (tmp_path / "Interview.srt").write_text("keep me")
    items = [
        ("Interview", lambda: load("diarization")),
        ('Call: agent/caller "A"', lambda: load("two_channels")),
        ("Interview", lambda: load("paraformer_zh_en")),
    ]
    written = export_batch(items, "srt", ExportOptions(builtin("netflix-en")), tmp_path)
    assert [p.name for p in written] == [
        "Interview (2).srt",
        "Call_ agent_caller _A_.srt",
        "Interview (3).srt",
    ]
    assert (tmp_path / "Interview.srt").read_text() == "keep me"
    assert "How did you start?" in written[0].read_text()
    with pytest.raises(ExportWriteError, match="no such folder"):
        export_batch(items, "srt", ExportOptions(), tmp_path / "missing")


def test_file_names_take_the_formats_suffix() -> None:
    taken: set[str] = set()
    assert file_name("talk", "whisperx", taken) == "talk" + SUFFIXES["whisperx"]
    assert file_name("  ", "docx", taken) == "transcript.docx"


def test_an_item_titled_by_its_media_file_exports_as_talk_srt_not_talk_mp4_srt() -> None:
    taken: set[str] = set()
    assert file_name("talk.mp4", "srt", taken) == "talk.srt"
    assert file_name("Call 2.WAV", "vtt", taken) == "Call 2.vtt"
    assert file_name("v1.2 notes", "txt", taken) == "v1.2 notes.txt"


def test_exported_files_honour_the_umask_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        [written] = export_batch(
            [("talk", lambda: load("diarization"))], "srt", ExportOptions(), tmp_path
        )
    finally:
        os.umask(old)
    assert written.stat().st_mode & 0o777 == 0o644
