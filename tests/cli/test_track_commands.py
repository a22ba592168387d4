"""``tingxie tracks``, ``export --track`` and ``check --track`` as a subtitler uses them.

The story of the issue: a transcribed video, a Netflix track, three fixes
(a line break, an end pulled to a shot change, a merge) saved as the editor
saves them, and an SRT that ffmpeg reads back with exactly those changes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli.main import run
from desktop.domain import cue_editing as edit
from desktop.domain.cue_timing import apply_timing_rules
from desktop.domain.editing import SentenceRef, edit_text
from desktop.domain.timecode import FrameRate, frame_to_ms
from desktop.domain.track_check import CheckContext
from desktop.domain.transcript import Channel, Sentence, Transcript, Word
from desktop.formats.result_file import encode_result
from desktop.media.shot_changes import shot_changes_for
from desktop.store.library import Library
from desktop.store.subtitle_profiles import find_preset
from tests.helpers.cut_video import cut_video
from tests.helpers.subtitle_readers import read_with_ffmpeg, read_with_pysubs2

RATE = FrameRate(24000, 1001)
TRACK = "Netflix English (USA)"


def _sentence(begin: int, text: str, step: int) -> Sentence:
    tokens = text.split()
    words = tuple(
        Word(begin + i * step, begin + i * step + step - 20,
             token + ("" if i == len(tokens) - 1 else " "))
        for i, token in enumerate(tokens)
    )  # fmt: skip
    return Sentence(begin, words[-1].end_ms, text, words)


SENTENCES = (
    _sentence(300, "Where were you last night?", 360),  # speech ends 2 frames past the cut
    _sentence(4000, "I was at home with my sister, watching the game until very late.", 300),
    _sentence(9000, "Really? You never told me.", 300),
    _sentence(11000, "I did.", 300),
)
TALK = Transcript("file:///talk.mp4", (Channel(0, SENTENCES),), duration_ms=14_000)
BROKEN = "I was at home with my sister,\nwatching the game until very late."


@pytest.fixture
def item(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> int:
    """The talk imported with its video: a hard cut at frame 48 (2.002 s), 23.976 fps."""
    video = cut_video(tmp_path / "talk.mp4", "24000/1001", shots=(2.0, 12.0))
    result = tmp_path / "talk.json"
    result.write_bytes(encode_result(TALK))
    assert run(["import", str(result), "--media", str(video)]) == 0
    item_id = int(capsys.readouterr().out.strip())
    assert shot_changes_for(video) == [frame_to_ms(48, RATE)]  # the editor detects them once
    return item_id


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    run(list(argv))
    return json.loads(capsys.readouterr().out)


def test_a_netflix_track_fixed_three_times_exports_exactly_as_edited(
    item: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["tracks", "create", str(item), "--preset", "netflix-en"]) == 0
    assert capsys.readouterr().out.strip() == TRACK
    report = _json(capsys, "check", str(item), "--track", TRACK, "--json")
    assert report["fps"] == pytest.approx(23.976, abs=1e-3)
    assert [(v["cue"], v["rule"]) for v in report["violations"]] == [(1, "shot-change")]

    with Library.open() as library:  # the three fixes, each one undoable step of the editor
        info = library.tracks.find(item, TRACK)
        track = library.tracks.load(info.id)
        track = edit.set_text(track, 1, BROKEN)
        context = CheckContext(find_preset("netflix-en"), track.rate, (frame_to_ms(48, RATE),))
        track, changes = apply_timing_rules(track, context)
        assert [(c.index, c.reasons) for c in changes] == [(0, ("shot change",))]
        track = edit.merge_with_next(track, 2)
        library.tracks.save(info.id, track)

    clean = _json(capsys, "check", str(item), "--track", TRACK, "--json")
    assert (clean["errors"], clean["cues"]) == (0, 3)
    out = tmp_path / "talk.srt"
    assert run(["export", str(item), "--track", TRACK, "-f", "srt", "-o", str(out)]) == 0
    cues = read_with_ffmpeg(out)
    assert cues == read_with_pysubs2(out)
    first, second, third = cues
    assert first[1] == frame_to_ms(46, RATE)  # 2 frames before the shot change
    assert second[2] == BROKEN
    assert third[2] == "Really? You never told me.\nI did."
    assert third[0] == track.cues[2].start_ms and third[1] == track.cues[2].end_ms


def test_tracks_list_shows_problems_and_the_cues_a_correction_made_stale(
    item: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["tracks", "create", str(item), "--preset", "netflix-en", "--name", "EN"])
    capsys.readouterr()
    with Library.open() as library:
        info = library.tracks.find(item, "EN")
        manual = edit.set_text(library.tracks.load(info.id), 0, "Where were you\nlast night?")
        library.tracks.save(info.id, manual)
        corrected = edit_text(
            library.transcript(item), SentenceRef(0, 2), "Really? You never said."
        )
        library.save_transcript(item, corrected)
    (row,) = _json(capsys, "tracks", "list", str(item), "--json")
    assert (row["name"], row["preset"], row["cues"], row["stale"]) == ("EN", "netflix-en", 4, 1)
    assert row["problems"] == 1  # the end two frames past the shot change
    assert run(["tracks", "recut", str(item), "--track", "EN"]) == 0
    assert capsys.readouterr().out.startswith("EN: 1 cue re-cut into 1 cue;")
    out = tmp_path / "en.vtt"
    run(["export", str(item), "--track", "EN", "-f", "vtt", "-o", str(out)])
    texts = [text for _s, _e, text in read_with_pysubs2(out)]
    assert texts[0] == "Where were you\nlast night?"  # manual work kept
    assert "Really? You never said." in texts
    (row,) = _json(capsys, "tracks", "list", str(item), "--json")
    assert row["stale"] == 0


def test_an_imported_srt_becomes_a_track_checked_and_exported_as_it_was(
    item: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srt = tmp_path / "vendor.srt"
    srt.write_text(
        "1\n00:00:00,300 --> 00:00:02,100\nWhere were you?\n\n"
        "2\n00:00:02,120 --> 00:00:02,500\nHome.\n",
        encoding="utf-8",
    )
    assert run(["tracks", "import", str(item), str(srt), "--name", "vendor"]) == 0
    assert capsys.readouterr().out.strip() == "vendor"
    assert run(["check", str(item), "--track", "vendor"]) == 1  # errors exit 1
    text = capsys.readouterr().out
    assert "too-short" in text and "gap" in text and "shot-change" in text
    out = tmp_path / "back.srt"
    run(["export", str(item), "--track", "vendor", "-f", "srt", "-o", str(out)])
    assert read_with_ffmpeg(out) == [(300, 2100, "Where were you?"), (2120, 2500, "Home.")]


def test_mistakes_get_one_line_that_says_what_to_do(
    item: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["export", str(item), "--track", "nope", "-f", "srt"]) == 1
    assert f"see 'tingxie tracks list {item}'" in capsys.readouterr().err
    run(["tracks", "create", str(item), "--preset", "bbc", "--name", "B"])
    assert run(["tracks", "create", str(item), "--preset", "bbc", "--name", "B"]) == 1
    assert "choose another --name" in capsys.readouterr().err
    assert run(["export", str(item), "--track", "B", "-f", "docx"]) == 1
    assert "leave --track out" in capsys.readouterr().err
    assert run(["check", str(item)]) == 1
    assert "--preset ID (or --track NAME" in capsys.readouterr().err
    assert run(["tracks", "create", str(item), "--preset", "nope"]) == 1
    assert "unknown preset 'nope'" in capsys.readouterr().err
