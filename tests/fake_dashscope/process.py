"""The emulator as a separate process, for benchmarks and kill -9 tests.

``EmulatorProcess`` runs ``python -m tests.fake_dashscope`` with the given
options, waits for its ready line (so the port is known and accepting), and
stops it by its own pid — never by name.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parents[2]


class EmulatorProcess:
    def __init__(
        self,
        *options: str,
        api_key: str = "sk-emulator",
        request_log: Path | None = None,
        ready_timeout: float = 30.0,
    ) -> None:
        self.api_key = api_key
        self.request_log = request_log
        self._options = list(options)
        self._ready_timeout = ready_timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self.base_url = ""
        self.port = 0

    @property
    def pid(self) -> int:
        assert self._process is not None
        return self._process.pid

    def start(self) -> EmulatorProcess:
        command = [
            sys.executable,
            "-m",
            "tests.fake_dashscope",
            "--port",
            "0",
            "--api-key",
            self.api_key,
            *self._options,
        ]
        if self.request_log is not None:
            command += ["--request-log", str(self.request_log)]
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the process
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p
            ),
        }
        self._process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=self._stderr
        )
        ready = self._read_ready()
        self.base_url = ready["base_url"]
        self.port = int(ready["port"])
        return self

    def _read_ready(self) -> dict[str, Any]:
        assert self._process is not None and self._process.stdout is not None
        deadline = time.monotonic() + self._ready_timeout
        with selectors.DefaultSelector() as selector:
            selector.register(self._process.stdout, selectors.EVENT_READ)
            while time.monotonic() < deadline:
                if selector.select(timeout=0.2):
                    line = self._process.stdout.readline()
                    if line:
                        return json.loads(line)
                if self._process.poll() is not None:
                    break
        self.stop()
        raise RuntimeError(f"the emulator did not start: {self.stderr_text()[-2000:]}")

    def stderr_text(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace")

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait(10)

    def stop(self) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self._process.stdout is not None:
            self._process.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        self._process = None

    # controls (``/_emulator/...``) ----------------------------------------------------
    @property
    def origin(self) -> str:
        return self.base_url.removesuffix("/api/v1")

    def control(self, method: str, action: str, body: Any = None) -> Any:
        data = json.dumps(body if body is not None else {}).encode()
        request = urllib.request.Request(
            f"{self.origin}/_emulator/{action}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)

    def advance(self, seconds: float) -> None:
        self.control("POST", "clock", {"advance": seconds})

    def configure(self, **switches: Any) -> None:
        """Set ``EmulatorConfig`` fields (enums by value), e.g. ``max_files_per_task=1``."""
        self.control("POST", "config", switches)

    def inject(self, kind: str, route: str = "*", count: int | None = 1, **fields: Any) -> None:
        self.control("POST", "faults", {"kind": kind, "route": route, "count": count, **fields})

    def clear_faults(self) -> None:
        self.control("DELETE", "faults")

    def script(self, key: str, **fields: Any) -> None:
        """``code``/``message``/``duration_ms`` for a file URL or name, or ``result=document``."""
        self.control("POST", "scripts", {"key": key, **fields})

    def chat_script(self, action: str, **fields: Any) -> None:
        """Make chat requests misbehave (``chat.ChatAction`` values), e.g. ``refuse-input``."""
        self.control("POST", "chat-scripts", {"action": action, **fields})

    def chat_billed(self) -> list[dict[str, int]]:
        """Usage of every answered chat request (what the account paid)."""
        return self.control("GET", "chat-billed")

    @property
    def compatible_url(self) -> str:
        return self.origin + "/compatible-mode/v1"

    def requests(self) -> list[dict[str, Any]]:
        return self.control("GET", "requests")

    def tasks(self) -> list[dict[str, Any]]:
        return self.control("GET", "tasks")

    def finish_all(self) -> None:
        self.control("POST", "finish")

    def __enter__(self) -> EmulatorProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
