"""Running the real ``tingxie`` program (``python -m desktop``) as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def tingxie(
    *args: str | Path,
    home: Path,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    env = {**(os.environ if env is None else env), "TINGXIE_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        input=stdin.decode() if stdin else None,
        timeout=60,
        check=False,
    )
