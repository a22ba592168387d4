"""``tingxie export --preset``, ``tingxie check`` and ``tingxie presets`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli.main import run
from desktop.domain.subtitle_presets import BUILTIN_PRESETS, builtin
from desktop.domain.subtitles import segment
from desktop.export.cue_text import ass_text, srt_text
from desktop.formats.result_file import encode_result
from tests.helpers.long_transcript import long_mixed_transcript
from tests.helpers.results import fixture_path
from tests.helpers.subtitle_readers import read_ass_with_ffmpeg, read_with_ffmpeg

CUT_PRESETS = [p.id for p in BUILTIN_PRESETS if p.split_sentences]


@pytest.fixture(scope="module")
def long_result(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 40-minute mixed Chinese/English meeting with three speakers, as a result file."""
    path = tmp_path_factory.mktemp("long") / "meeting.json"
    path.write_bytes(encode_result(long_mixed_transcript(40, seed=11, speakers=3)))
    return path


@pytest.mark.slow
@pytest.mark.parametrize("preset_id", CUT_PRESETS)
def test_exports_of_a_long_mixed_transcript_pass_their_own_check_and_read_back_in_ffmpeg(
    tmp_path: Path, long_result: Path, preset_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.store.imports import read_result_file

    expected = segment(read_result_file(long_result)[1], builtin(preset_id)).cues
    for fmt in ("srt", "vtt", "ass"):
        out = tmp_path / f"meeting.{fmt}"
        assert (
            run(["export", str(long_result), "-f", fmt, "--preset", preset_id, "-o", str(out)]) == 0
        )
        capsys.readouterr()
        assert run(["check", str(out), "--preset", preset_id, "--json"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert (report["cues"], report["errors"]) == (len(expected), 0)
    want = [(c.start_ms, c.end_ms, srt_text(c.lines)) for c in expected]
    assert read_with_ffmpeg(tmp_path / "meeting.srt") == want
    vtt = [(a, b, t.replace("\\{", "{")) for a, b, t in read_with_ffmpeg(tmp_path / "meeting.vtt")]
    assert vtt == want
    assert read_ass_with_ffmpeg(tmp_path / "meeting.ass") == [
        (c.start_ms, c.end_ms, ass_text(c.lines)) for c in expected
    ]


def test_check_of_a_transcript_lists_violations_with_number_time_and_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = run(["check", str(fixture_path("hostile")), "--preset", "netflix-zh-hans"])
    out = capsys.readouterr().out
    assert code == 1  # errors found
    first = out.splitlines()[0]
    assert first.startswith("netflix-zh-hans at 24 fps:") and "errors" in first
    assert "#1     00:00:00.000 --> " in out
    assert "line-too-long" in out and "why: " in out


def test_check_of_a_clean_export_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "d.srt"
    source = str(fixture_path("diarization"))
    assert run(["export", source, "-f", "srt", "--preset", "bbc", "-o", str(out)]) == 0
    assert run(["check", str(out), "--preset", "bbc"]) == 0
    assert "0 errors" in capsys.readouterr().out


def test_check_finds_problems_in_a_subtitle_made_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:01,300\nToo short.\n\n"
        "2\n00:00:01,320 --> 00:00:03,000\nA line much longer than forty-two characters here\n"
    )
    assert run(["check", str(path), "--preset", "netflix-en", "--fps", "25", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["fps"] == 25
    errors = [(v["cue"], v["rule"]) for v in report["violations"] if v["severity"] == "error"]
    assert errors == [
        (1, "too-short"),
        (1, "gap"),
        (2, "line-too-long"),
    ]


def test_export_accepts_presets_conversion_and_several_items(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["import", str(fixture_path("diarization"))]) == 0
    assert run(["import", str(fixture_path("two_channels"))]) == 0
    capsys.readouterr()
    code = run(
        [
            "export",
            "1",
            "2",
            "-f",
            "vtt",
            "--preset",
            "netflix-zh-hans",
            "--convert",
            "s2t",
            "-o",
            str(tmp_path),
        ]
    )
    assert code == 0
    written = [Path(line) for line in capsys.readouterr().out.splitlines()]
    # Titled by their media files, they export as "interview one.vtt", not ".mp3.vtt".
    assert [p.name for p in written] == ["interview one.vtt", "call-0042.vtt"]
    assert "後來我們" in written[0].read_text(encoding="utf-8")


def test_export_refuses_several_sources_without_a_folder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = str(fixture_path("diarization"))
    assert run(["export", source, source, "-f", "srt"]) == 1
    assert "several sources need -o naming an existing folder" in capsys.readouterr().err


def test_an_unknown_preset_names_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["export", str(fixture_path("diarization")), "-f", "srt", "--preset", "nope"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: unknown preset 'nope'; choose one of netflix-en,")


def test_import_of_a_subtitle_file_then_export_as_ass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    subtitle = tmp_path / "clip.vtt"
    subtitle.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ann>Hello, world.\n")
    assert run(["import", str(subtitle)]) == 0
    item = capsys.readouterr().out.strip()
    assert run(["export", item, "-f", "ass", "--preset", "netflix-en"]) == 0
    ass = capsys.readouterr().out
    assert "Dialogue: 0,0:00:01.00,0:00:03.00,Ann,Ann,0,0,0,,Hello, world." in ass


def test_custom_presets_are_saved_listed_used_and_deleted(
    tingxie_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            [
                "presets",
                "save",
                "wide-zh",
                "--from",
                "netflix-zh-hans",
                "--max-chars",
                "20",
                "--name",
                "Wide Chinese",
            ]
        )
        == 0
    )
    assert (tingxie_home / "subtitle_presets.json").is_file()
    assert run(["presets"]) == 0
    assert (
        "wide-zh          Wide Chinese — 20 characters/line, 2 lines, 9 cps"
        in capsys.readouterr().out
    )
    assert run(["check", str(fixture_path("diarization")), "--preset", "wide-zh", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["preset"] == "wide-zh"
    assert run(["presets", "save", "netflix-en"]) == 1
    assert "built-in preset" in capsys.readouterr().err
    assert run(["presets", "delete", "wide-zh"]) == 0
    assert run(["check", str(fixture_path("diarization")), "--preset", "wide-zh"]) == 1


def test_a_broken_preset_file_is_reported_not_overwritten(
    tingxie_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tingxie_home.mkdir(parents=True, exist_ok=True)
    broken = tingxie_home / "subtitle_presets.json"
    broken.write_text("[{oops")
    assert run(["presets", "save", "mine"]) == 1
    assert f"error: {broken}: not a list of presets" in capsys.readouterr().err
    assert broken.read_text() == "[{oops"
