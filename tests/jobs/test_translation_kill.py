"""Kill a translation mid-run and resume it: no stored batch paid twice, no cue lost.

The emulator and the translation both run as their own processes; the run is
SIGKILLed once a few batches are stored and then started again on the same
library file. The emulator's request log says which cues were sent when.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.domain.translation import flat_text
from tests.fake_dashscope.process import REPO, EmulatorProcess
from tests.fake_dashscope.pseudo import source_of
from tests.helpers.translate_track import TRACK_ID, synthetic_track

CUES = 600
PARALLEL = 2

pytestmark = pytest.mark.slow


def start_run(emulator: EmulatorProcess, library: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TINGXIE_API_KEY": emulator.api_key, "PYTHONPATH": str(REPO)}
    command = [
        sys.executable, "-m", "tests.helpers.translate_track", "--library", str(library),
        "--endpoint", emulator.base_url, "--cues", str(CUES), "--parallel", str(PARALLEL),
        "--rate-factor", "30",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE)


def stored(library: Path) -> dict[str, str]:
    if not library.exists():
        return {}
    conn = sqlite3.connect(library, timeout=5)
    try:
        rows = conn.execute(
            "SELECT cue_key, text FROM cue_translations WHERE track_id = ?", (TRACK_ID,)
        ).fetchall()
    except sqlite3.OperationalError:  # the schema is not there yet
        return {}
    finally:
        conn.close()
    return dict(rows)


def sent_cues(requests: list[dict], by_text: dict[str, str]) -> list[str]:
    keys = []
    for record in requests:
        if record["route"] == "chat" and record["status"] == 200:
            content = record["body"]["messages"][0]["content"]
            keys += [by_text[line] for line in content.split("\n")]
    return keys


def test_kill_and_resume_pays_no_stored_batch_twice(tmp_path: Path):
    library = tmp_path / "library.sqlite"
    track = synthetic_track(CUES)
    by_text = {flat_text(c.text): c.key for c in track}
    with EmulatorProcess("--chat-latency-s", "0.15", "--chat-rate-factor", "30") as emulator:
        run = start_run(emulator, library)
        deadline = time.monotonic() + 60
        while len(stored(library)) < 120 and time.monotonic() < deadline:
            assert run.poll() is None, "the run ended before it could be killed"
            time.sleep(0.02)
        run.send_signal(signal.SIGKILL)
        run.wait(10)
        before_kill = stored(library)
        assert 120 <= len(before_kill) < CUES
        time.sleep(0.5)  # the answers in flight at the kill are recorded once sent
        requests_at_kill = len(emulator.requests())

        again = start_run(emulator, library)
        out, _ = again.communicate(timeout=120)
        assert again.returncode == 0, out

        requests = emulator.requests()
    first_run = sent_cues(requests[:requests_at_kill], by_text)
    second_run = sent_cues(requests[requests_at_kill:], by_text)
    final = stored(library)
    # No cue lost, each translation from its own cue.
    assert set(final) == {c.key for c in track}
    for cue in track:
        assert source_of(final[cue.key]) == flat_text(cue.text)
    # Nothing stored before the kill was sent again; the rest was sent exactly once more.
    assert not set(second_run) & set(before_kill)
    assert sorted(second_run) == sorted(set(final) - set(before_kill))
    # Paid twice: only the answers in flight at the kill, at most one batch per slot.
    in_flight = set(first_run) - set(before_kill)
    assert len(in_flight) <= PARALLEL * 40
    assert {k for k in first_run + second_run if (first_run + second_run).count(k) > 1} == (
        in_flight
    )
