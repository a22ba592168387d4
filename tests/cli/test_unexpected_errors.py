"""A bug in a command: one ``error:`` line and the log's path, the traceback in the log only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

KEY = "sk-cli0123456789abcdef0123456789ab"

# The real program with one command broken, as a bug would break it.
BROKEN_LIBRARY_COMMAND = f"""
import sys
import desktop.cli.library_commands as commands

def cmd_library(args):
    raise KeyError("no item 'x' in the cache, while using {KEY}")

commands.cmd_library = cmd_library
from desktop.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BROKEN_LIBRARY_COMMAND, *args],
        env={**os.environ, "TINGXIE_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_an_unexpected_error_prints_one_clean_line_and_the_log_path(tmp_path: Path) -> None:
    home = tmp_path / "home"
    run = _run(home, "library")
    assert run.returncode == 1
    log_file = home / "tingxie.log"
    assert run.stderr.splitlines() == [
        "error: Tingxie hit an unexpected error (KeyError: \"no item 'x' in the cache, while"
        ' using sk-[redacted]"); please report it',
        f"see the log: {log_file}",
    ]
    assert run.stdout == ""
    log = log_file.read_text(encoding="utf-8")
    assert "unexpected error in 'tingxie library'" in log
    assert "Traceback (most recent call last):" in log and "in cmd_library" in log
    assert " DEBUG " not in log  # INFO and above without --debug
    assert KEY not in log and KEY not in run.stderr


def test_with_debug_the_log_keeps_debug_lines_and_the_terminal_shows_the_traceback(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    run = _run(home, "--debug", "library")
    assert run.returncode == 1
    assert "Traceback (most recent call last):" in run.stderr
    assert f"see the log: {home / 'tingxie.log'}" in run.stderr
    log = (home / "tingxie.log").read_text(encoding="utf-8")
    assert " DEBUG MainThread desktop.cli.main: data folder " in log
    assert KEY not in log and KEY not in run.stderr
