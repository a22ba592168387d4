"""The library commands, run as a separate process exactly as a user types them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.helpers.cli import tingxie
from tests.helpers.results import fixture_path
from tests.helpers.subtitle_readers import read_with_ffmpeg


def test_import_library_search_export_round_trip(tingxie_home: Path, tmp_path: Path) -> None:
    imported = tingxie("import", fixture_path("paraformer_zh_en"), home=tingxie_home)
    assert imported.returncode == 0, imported.stderr
    item_id = imported.stdout.strip()
    assert item_id.isdigit()

    listing = tingxie("library", home=tingxie_home)
    assert listing.returncode == 0
    header, row = listing.stdout.splitlines()
    assert header.split() == ["ID", "TITLE", "MODEL", "DURATION", "CREATED"]
    assert row.split()[:4] == [item_id, "hello_world_female2.wav", "-", "00:00:03"]

    found = tingxie("search", "阿里巴巴", home=tingxie_home)
    assert found.returncode == 0
    assert found.stdout.splitlines()[1].split(maxsplit=2) == [
        item_id,
        "00:00:00.100",
        "Hello world, 这里是阿里巴巴语音实验室。",
    ]

    exported = tingxie("export", item_id, "--format", "srt", home=tingxie_home)
    assert exported.returncode == 0
    srt = tmp_path / "out.srt"
    srt.write_text(exported.stdout, encoding="utf-8")
    assert read_with_ffmpeg(srt) == [(100, 3820, "Hello world, 这里是阿里巴巴语音实验室。")]


def test_json_output_of_library_and_search(tingxie_home: Path) -> None:
    tingxie("import", fixture_path("diarization"), "--model", "paraformer-v2", home=tingxie_home)
    [item] = json.loads(tingxie("library", "--json", home=tingxie_home).stdout)
    assert item["title"] == "interview one.mp3"
    assert item["model"] == "paraformer-v2"
    assert (item["duration_ms"], item["sentences"]) == (9000, 4)
    hits = json.loads(tingxie("search", "杭州", "--json", home=tingxie_home).stdout)
    assert hits == [
        {
            "item_id": item["id"],
            "title": "interview one.mp3",
            "channel_id": 0,
            "speaker_id": 1,
            "begin_ms": 5400,
            "end_ms": 8600,
            "text": "后来我们搬到了杭州。",
            "labels": [],
        }
    ]


def test_every_angry_sentence_across_the_library_from_the_command_line(
    tingxie_home: Path,
) -> None:
    calls = [
        tingxie("import", fixture_path(name), home=tingxie_home).stdout.strip()
        for name in ("sensevoice_tags", "diarization")
    ]
    found = tingxie("search", "--label", "Angry", home=tingxie_home)
    assert found.returncode == 0, found.stderr
    header, row = found.stdout.splitlines()
    assert header.split() == ["ID", "TIME", "LABELS", "TEXT"]
    assert row.split()[:4] == [calls[0], "00:00:00.000", "angry,speech", "Senior"]

    nothing = tingxie("search", "--label", "sad", home=tingxie_home)
    assert nothing.returncode == 0 and nothing.stdout == ""
    assert "no sentence has the label 'sad'; labels in the library: angry," in nothing.stderr

    empty = tingxie("search", home=tingxie_home)
    assert empty.returncode == 2
    assert "give words to find, or --label" in empty.stderr


def test_export_straight_from_a_result_file_to_a_file(tingxie_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "call.vtt"
    done = tingxie(
        "export", fixture_path("two_channels"), "-f", "vtt", "-o", out, home=tingxie_home
    )
    assert done.returncode == 0 and done.stdout == ""
    assert [c[2] for c in read_with_ffmpeg(out)][:2] == [
        "您好，请问有什么可以帮您？",
        "我的订单还没到。",
    ]
    assert not (tingxie_home / "library.sqlite3").exists()  # a file export needs no library


def test_export_txt_with_speakers_and_timestamps(tingxie_home: Path) -> None:
    done = tingxie(
        "export",
        fixture_path("diarization"),
        "-f",
        "txt",
        "--speakers",
        "--timestamps",
        home=tingxie_home,
    )
    assert done.stdout.splitlines()[1] == "[00:00:01.800] Speaker 2: I started in 2019."


def test_json_export_is_the_service_schema(tingxie_home: Path) -> None:
    done = tingxie("export", fixture_path("paraformer_zh_en"), "-f", "json", home=tingxie_home)
    exported = json.loads(done.stdout)
    original = json.loads(fixture_path("paraformer_zh_en").read_text(encoding="utf-8"))
    assert exported["transcripts"][0]["sentences"] == original["transcripts"][0]["sentences"]


def _library_state(home: Path) -> list[tuple]:
    with sqlite3.connect(home / "library.sqlite3") as conn:
        return conn.execute("SELECT id, title, sentences FROM items ORDER BY id").fetchall()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            b'{"file_url": "u", "transcripts": [{"channel_id": 0,'
            b' "sentences": [{"begin_time": "1"}]}]}',
            "transcripts[0].sentences[0].begin_time: expected int, got str",
        ),
        (b"not json at all", "not valid JSON: invalid character (byte 4)"),
        (
            b'{"file_url": "u", "transcripts": [{"channel_id": 0, "sentences": '
            b'[{"begin_time": 5, "end_time": 1, "text": "x"}]}]}',
            "transcripts[0].sentences[0]: end_time (1) is before begin_time (5)",
        ),
    ],
)
def test_a_bad_result_file_gives_one_error_line_exit_1_and_no_change(
    tingxie_home: Path, tmp_path: Path, content: bytes, problem: str
) -> None:
    tingxie("import", fixture_path("paraformer_zh_en"), home=tingxie_home)
    before = _library_state(tingxie_home)
    bad = tmp_path / "broken result.json"
    bad.write_bytes(content)
    done = tingxie("import", bad, home=tingxie_home)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == f"error: {bad}: {problem}\n"
    assert _library_state(tingxie_home) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("import", "/nonexistent/r.json"),
            "error: /nonexistent/r.json: No such file or directory\n",
        ),
        (("export", "42", "-f", "srt"), "error: no library item with id 42\n"),
        (
            ("export", "nope.json", "-f", "srt"),
            "error: nope.json: no such file, and not a library item id (see 'tingxie library')\n",
        ),
        (("import", "RESULT", "--model", "whisper"), None),
        (
            ("export", "RESULT", "-f", "srt", "-o", "/nonexistent/dir/x.srt"),
            "error: /nonexistent/dir/x.srt: the folder /nonexistent/dir does not exist\n",
        ),
    ],
)
def test_user_errors_are_one_line_with_exit_1(tingxie_home: Path, args, message) -> None:
    args = tuple(str(fixture_path("diarization")) if a == "RESULT" else a for a in args)
    done = tingxie(*args, home=tingxie_home)
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("error: ")
    if message:
        assert done.stderr == message
    else:
        assert "unknown model 'whisper'" in done.stderr and "paraformer-v2" in done.stderr


@pytest.mark.parametrize(
    "args",
    [("export", "1"), ("export", "1", "-f", "docx9"), ("frobnicate",), ("search",)],
)
def test_usage_errors_exit_2(tingxie_home: Path, args) -> None:
    done = tingxie(*args, home=tingxie_home)
    assert done.returncode == 2
    assert "usage: tingxie" in done.stderr


def test_empty_library_and_no_hits_say_so_on_stderr(tingxie_home: Path) -> None:
    empty = tingxie("library", home=tingxie_home)
    assert empty.returncode == 0 and empty.stdout == "" and "library is empty" in empty.stderr
    none = tingxie("search", "nothing", home=tingxie_home)
    assert none.returncode == 0 and none.stdout == "" and "no sentence matches" in none.stderr
