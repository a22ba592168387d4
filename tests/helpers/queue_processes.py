"""``tingxie`` queue commands as live processes on one library, and what the library and
the emulator say afterwards: files lost, submitted twice, results stored twice."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.fake_dashscope.process import REPO, EmulatorProcess

# A default endpoint that never answers: every test proves jobs keep their own.
UNREACHABLE = "https://tingxie-default.invalid/api/v1"


def queue_env(emulator: EmulatorProcess, home: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "TINGXIE_HOME": str(home),
        "TINGXIE_ENDPOINT": UNREACHABLE,
        "DASHSCOPE_API_KEY": emulator.api_key,
        "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p),
    }
    return env


class Tingxie:
    """One ``python -m desktop ...`` process; its output goes to files (never a full pipe)."""

    def __init__(self, *args: str | Path, env: dict[str, str], folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.out_path = folder / "stdout.txt"
        self.err_path = folder / "stderr.txt"
        self._out = self.out_path.open("wb")
        self._err = self.err_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "desktop", *map(str, args)],
            env=env,
            cwd=REPO,
            stdout=self._out,
            stderr=self._err,
        )

    @property
    def stdout(self) -> str:
        return self.out_path.read_text(encoding="utf-8", errors="replace")

    @property
    def stderr(self) -> str:
        return self.err_path.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        """SIGKILL, as a crash or a power cut would."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self._close()

    def interrupt(self) -> int:
        """Ctrl+C."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(20)
        self._close()
        return code

    def wait(self, timeout: float = 60) -> int:
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(
                f"tingxie did not finish in {timeout} s:\n{self.stdout[-3000:]}\n{self.stderr}"
            ) from None
        self._close()
        return code

    def _close(self) -> None:
        self._out.close()
        self._err.close()


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def rows(home: Path, sql: str) -> list[tuple[object, ...]]:
    """What the library holds now ([] while it is still being created)."""
    db = home / "library.sqlite3"
    if not db.exists():
        return []
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:  # the schema is still being created
        return []


def job_states(home: Path) -> list[str]:
    return [str(r[0]) for r in rows(home, "SELECT state FROM jobs ORDER BY id")]


@dataclass(frozen=True)
class Outcome:
    """The three counts of the fault table, plus what a person would check."""

    files: int
    done: int
    failed: int
    lost: int  # files with no job that is done or failed with a reason
    submitted_twice: int  # files the service made more than one task entry for
    stored_twice: int  # jobs whose result is in the library more than once
    items: int
    uploads: int  # successful uploads the service received


def outcome(home: Path, emulator: EmulatorProcess, files: int) -> Outcome:
    states = Counter(job_states(home))
    settled = states["done"] + sum(
        1
        for (message,) in rows(home, "SELECT error_message FROM jobs WHERE state = 'failed'")
        if message
    )
    per_file = Counter(
        url.rsplit("/", 1)[-1] for task in emulator.tasks() for url in task["file_urls"]
    )
    items = rows(home, "SELECT COUNT(*) FROM items")[0][0]
    duplicates = rows(
        home,
        "SELECT COUNT(*) FROM (SELECT task_id, file_url FROM items GROUP BY task_id, file_url"
        " HAVING COUNT(*) > 1)",
    )[0][0]
    uploads = sum(
        1 for r in emulator.requests() if r["route"] == "upload" and r["status"] in (200, 204)
    )
    return Outcome(
        files=files,
        done=states["done"],
        failed=states["failed"],
        lost=files - settled,
        submitted_twice=sum(1 for n in per_file.values() if n > 1),
        stored_twice=int(duplicates),  # type: ignore[arg-type]
        items=int(items),  # type: ignore[arg-type]
        uploads=uploads,
    )
