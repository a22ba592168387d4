"""``python -m tests.fake_dashscope``: the emulator as a process (benchmarks, manual use).

Prints one JSON line ``{"ready": true, "base_url": ..., "port": ..., "pid": ...}``
on stdout once it accepts connections, then serves until SIGTERM/SIGINT.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path

from desktop.domain.catalog import Region
from tests.fake_dashscope.config import AllFailedShape, EmulatorConfig
from tests.fake_dashscope.server import Emulator


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fake_dashscope", description="Local DashScope transcription emulator"
    )
    parser.add_argument("--port", type=int, default=0, help="0 = any free port (printed)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--api-key", action="append", required=True, help="accepted API key (repeat for several)"
    )
    parser.add_argument(
        "--request-log",
        type=Path,
        help="append one JSON line per request: time, method, path, status,"
        " and the body of submits",
    )
    parser.add_argument(
        "--processing-speed",
        type=float,
        default=600.0,
        help="audio seconds processed per second (default 600)",
    )
    parser.add_argument(
        "--fixed-processing-s", type=float, help="every task runs exactly this long instead"
    )
    parser.add_argument(
        "--pending-s", type=float, default=0.2, help="seconds a task stays PENDING (default 0.2)"
    )
    parser.add_argument(
        "--max-files-per-task",
        type=int,
        default=100,
        help="file URLs accepted per submit (1 = strict mode)",
    )
    parser.add_argument(
        "--all-failed-shape",
        choices=[s.value for s in AllFailedShape],
        default=AllFailedShape.FAILED_WITH_RESULTS.value,
    )
    parser.add_argument(
        "--region",
        choices=[r.value for r in Region],
        default=Region.BEIJING.value,
        help="ap-southeast-1 (Singapore) offers only the Fun-ASR and Qwen3-ASR models",
    )
    parser.add_argument("--no-rate-limits", action="store_true")
    parser.add_argument("--rate-limit-factor", type=float, default=1.0)
    parser.add_argument("--policy-expire-s", type=int, default=300)
    parser.add_argument("--max-upload-mb", type=int, default=100)
    parser.add_argument(
        "--discard-uploads", action="store_true", help="count uploaded bytes without keeping them"
    )
    parser.add_argument(
        "--media-dir", type=Path, help="serve this folder at /media/dir/<name> as public file URLs"
    )
    parser.add_argument("--storage-dir", type=Path, help="where uploads are kept")
    parser.add_argument(
        "--chat-latency-s", type=float, default=0.0, help="seconds each chat reply takes"
    )
    parser.add_argument(
        "--chat-tokens-per-s",
        type=float,
        help="chat replies also take completion tokens / this many seconds",
    )
    parser.add_argument(
        "--chat-rate-factor", type=float, default=1.0, help="multiply each chat model's RPM"
    )
    return parser.parse_args(argv)


def config_from(args: argparse.Namespace) -> EmulatorConfig:
    return EmulatorConfig(
        api_keys=set(args.api_key),
        processing_speed=args.processing_speed,
        fixed_processing_s=args.fixed_processing_s,
        pending_s=args.pending_s,
        max_files_per_task=args.max_files_per_task,
        all_failed_shape=AllFailedShape(args.all_failed_shape),
        region=Region(args.region),
        rate_limits=not args.no_rate_limits,
        rate_limit_factor=args.rate_limit_factor,
        policy_expire_s=args.policy_expire_s,
        max_upload_mb=args.max_upload_mb,
        store_uploads=not args.discard_uploads,
        chat_latency_s=args.chat_latency_s,
        chat_tokens_per_s=args.chat_tokens_per_s,
        chat_rate_factor=args.chat_rate_factor,
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    emulator = Emulator(
        config_from(args),
        host=args.host,
        port=args.port,
        request_log=args.request_log,
        storage_dir=args.storage_dir,
        media_dir=args.media_dir,
    )
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    with emulator:
        ready = {
            "ready": True,
            "base_url": emulator.base_url,
            "port": emulator.port,
            "pid": os.getpid(),
        }
        print(json.dumps(ready), flush=True)
        while not stop.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
