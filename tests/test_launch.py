"""Telling ``tingxie FILE...`` (open the app) from ``tingxie COMMAND ...`` (run headless)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.launch import AppLaunch, app_launch, sort_opened
from tests.helpers.results import fixture_path


def test_no_arguments_or_only_the_probe_open_the_app() -> None:
    assert app_launch([]) == AppLaunch()
    assert app_launch(["--startup-probe"]) == AppLaunch(startup_probe=True)


def test_debug_opens_the_app_with_a_debug_log_or_goes_with_a_command() -> None:
    assert app_launch(["--debug"]) == AppLaunch(debug=True)
    launch = app_launch(["--debug", "/nowhere/talk.mp3"])
    assert launch is not None and launch.debug and launch.paths == (Path("/nowhere/talk.mp3"),)
    assert app_launch(["--debug", "library"]) is None  # the command line's --debug


def test_existing_files_open_the_app_with_absolute_paths(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "talk.wav").write_bytes(b"RIFF")
    launch = app_launch(["talk.wav", str(fixture_path("empty"))])
    assert launch == AppLaunch((tmp_path / "talk.wav", fixture_path("empty")))


def test_a_missing_media_file_still_opens_the_app_so_it_can_say_what_is_wrong() -> None:
    launch = app_launch(["/nowhere/Talk.MP3"])
    assert launch == AppLaunch((Path("/nowhere/Talk.MP3"),))


def test_commands_and_options_go_to_the_command_line() -> None:
    assert app_launch(["import", str(fixture_path("empty"))]) is None
    assert app_launch(["library", "--json"]) is None
    assert app_launch(["--help"]) is None
    assert app_launch(["--version"]) is None
    assert app_launch(["notes.txt"]) is None  # neither a file here nor a kind the app opens


def test_the_finder_process_serial_number_is_ignored() -> None:
    assert app_launch(["-psn_0_1234567"]) == AppLaunch()


def test_opened_files_are_sorted_into_results_media_and_problems(tmp_path) -> None:
    wav = tmp_path / "a.WAV"
    wav.write_bytes(b"RIFF")
    notes = tmp_path / "notes.txt"
    notes.write_text("hi")
    opened = sort_opened([fixture_path("empty"), wav, notes, tmp_path / "gone.mp3", tmp_path])
    assert opened.results == (fixture_path("empty"),)
    assert opened.media == (wav,)
    assert len(opened.problems) == 3
    assert opened.problems[0].startswith(f"{notes}: Tingxie opens result files (.json)")
    assert "mp3" in opened.problems[0]
    assert opened.problems[1].startswith(f"{tmp_path / 'gone.mp3'}: file not found")
    assert opened.problems[2].startswith(f"{tmp_path}: file not found")


def test_a_missing_file_on_the_command_line_opens_the_app_not_a_usage_error(tmp_path) -> None:
    from tests.helpers.cli import tingxie

    done = tingxie(
        tmp_path / "gone.mp3",
        "--startup-probe",
        home=tmp_path / "home",
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("first_paint_s=")
    assert "invalid choice" not in done.stderr
