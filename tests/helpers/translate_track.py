"""``python -m tests.helpers.translate_track``: one translation run as its own process.

The kill-and-resume test SIGKILLs this process mid-run and starts it again on
the same library file. The key comes from ``TINGXIE_API_KEY`` (never argv, which
other users can read); the cues are made from their index, so every run of
the script translates the same track.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

from desktop.domain.translation import SourceCue
from desktop.jobs.translation import translate_cues
from desktop.store.database import connect
from desktop.store.translations import SqliteTranslationStore

TRACK_ID = 1


def synthetic_track(count: int) -> list[SourceCue]:
    """About a second of Chinese speech per cue, each text unique (it names its cue)."""
    phrases = [
        "我们今天讨论翻译的质量",
        "每一句字幕都要和时间对齐",
        "这个问题很重要",
        "请大家注意听",
    ]
    return [SourceCue(f"cue-{i}", f"{phrases[i % 4]}，第{i}句。") for i in range(count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--cues", type=int, default=600)
    parser.add_argument("--parallel", type=int, default=2)
    parser.add_argument("--rate-factor", type=float, default=1.0)
    parser.add_argument("--model", default="qwen-mt-turbo")
    args = parser.parse_args(argv)
    conn = connect(args.library)
    store = SqliteTranslationStore(conn, TRACK_ID, "en")
    outcome = asyncio.run(
        translate_cues(
            store,
            synthetic_track(args.cues),
            endpoint=args.endpoint,
            api_key=os.environ["TINGXIE_API_KEY"],
            target="en",
            model=args.model,
            title="一小时的访谈",
            parallel=args.parallel,
            rate_factor=args.rate_factor,
        )
    )
    print(json.dumps({"translated": outcome.translated, "requests": outcome.requests}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
