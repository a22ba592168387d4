"""Translating a 1-hour track (900 cues) with Qwen-MT against the emulator in its own process.

Run ``python -m benchmarks.translate`` (``--quick``: 150 cues; ``--sequential``
also times the same track one request at a time). The cues are synthetic
Chinese, four seconds each, 12–20 characters like real subtitle lines. The
emulator (``python -m tests.fake_dashscope``) answers each request after
``REPLY_LATENCY_S`` plus the completion tokens at ``TOKENS_PER_S`` (inferred
speeds of a "turbo" model, not measured on the service) and enforces
qwen-mt-turbo's 60 RPM as one request per second and its Beijing TPM (35 000)
over the last minute; the client keeps 15 % under both. Figures:

- ``requests``: chat requests the emulator answered (the bill's count);
  ``throttled``: requests it refused with 429 (RPM, or TPM over the last minute);
- ``source_tokens``: the cues' own tokens (the app's estimate, which the
  emulator also bills by); ``prompt_tokens``/``completion_tokens``: billed;
- ``sent_per_source_token``: prompt tokens billed per source token — context,
  title, instructions and Qwen-MT's template cost this much on top (< 2);
- ``estimate_error``: estimated input tokens / billed prompt tokens − 1;
- ``wall_s``: the whole run, storing every batch in a SQLite library;
- ``wall_s_sequential`` (``--sequential``): the same with one request in flight.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from desktop.domain.catalog import Region
from desktop.domain.translation import Request, SourceCue, estimate_tokens
from desktop.jobs.translation import plan_translation, translate_cues
from desktop.store.database import connect
from desktop.store.translations import SqliteTranslationStore
from tests.fake_dashscope.process import EmulatorProcess

REPLY_LATENCY_S = 0.5
TOKENS_PER_S = 200.0
PARALLEL = 4
MODEL = "qwen-mt-turbo"
TITLE = "产品发布会：一小时的访谈"
_PHRASES = [
    "大家好，欢迎来到今天的节目",
    "我们先来看一下这个季度的数据",
    "这个功能用户反馈非常好",
    "接下来请我们的工程师介绍一下",
    "其实这个问题我们讨论了很久",
    "最后感谢大家的收听",
    "对，我觉得这一点非常重要",
    "我们明年还会继续投入",
]


def synthetic_track(count: int) -> list[SourceCue]:
    return [
        SourceCue(f"cue-{i}", f"{_PHRASES[i % len(_PHRASES)]}，第{i + 1}点") for i in range(count)
    ]


def run_once(emulator: EmulatorProcess, cues: list[SourceCue], parallel: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-translate-") as folder:
        conn = connect(Path(folder) / "library.sqlite")
        store = SqliteTranslationStore(conn, 1, "en")
        before = len(emulator.chat_billed())
        seen = len(emulator.requests())
        started = time.perf_counter()
        outcome = asyncio.run(
            translate_cues(
                store, cues, endpoint=emulator.base_url, api_key=emulator.api_key,
                target="en", source="zh", model=MODEL, title=TITLE, parallel=parallel,
                region=Region.BEIJING,
            )
        )  # fmt: skip
        wall = time.perf_counter() - started
        assert outcome.translated == len(cues), outcome
        assert len(store.finished()) == len(cues)
        conn.close()
    billed = emulator.chat_billed()[before:]
    refused = [r for r in emulator.requests()[seen:] if r["status"] == 429]
    return {
        "wall_s": round(wall, 2),
        "requests": len(billed),
        "throttled": len(refused),
        "prompt_tokens": sum(b["prompt_tokens"] for b in billed),
        "completion_tokens": sum(b["completion_tokens"] for b in billed),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="150 cues instead of 900")
    parser.add_argument("--sequential", action="store_true", help="also one request at a time")
    args = parser.parse_args()
    cues = synthetic_track(150 if args.quick else 900)
    source_tokens = sum(estimate_tokens(c.flat) for c in cues)
    request = Request(MODEL, "en", "zh", title=TITLE)
    estimate = plan_translation(cues, request, region=Region.BEIJING).estimate
    options = ["--chat-latency-s", str(REPLY_LATENCY_S), "--chat-tokens-per-s", str(TOKENS_PER_S)]
    with EmulatorProcess(*options) as emulator:
        figures = run_once(emulator, cues, PARALLEL)
        if args.sequential:
            figures["wall_s_sequential"] = run_once(emulator, cues, 1)["wall_s"]
    figures.update(
        cues=len(cues),
        parallel=PARALLEL,
        source_tokens=source_tokens,
        sent_per_source_token=round(figures["prompt_tokens"] / source_tokens, 3),
        estimated_input_tokens=estimate.input_tokens,
        estimate_error=round(estimate.input_tokens / figures["prompt_tokens"] - 1, 3),
        estimated_cost=f"{estimate.amount} {estimate.currency}",
        cpus=os.cpu_count(),
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
