"""The queue engine with 1 000 short files against the emulator in its own process.

Run ``python -m benchmarks.queue`` (``--quick``: 100 files). Each file is a
1.5 s, 16 kHz WAV made here; the emulator (``python -m tests.fake_dashscope``,
a separate process, so its work is not counted as ours) runs every task for a
fixed 2 s after 0.2 s pending. Figures:

- ``wall_s``: from ``engine.start()`` to every job done (probe, upload, batch
  submit, poll, fetch, store in the library);
- ``requests_per_file``: HTTP requests the emulator logged, divided by files;
- ``cpu_s``: user + system CPU of this process during the run (the engine,
  its probe threads, SQLite);
- ``peak_rss_mb``: peak resident memory of this process.

Peer, measured in the same run against a second emulator with the same
settings: the official SDK's way (``dashscope`` 2.0.2) in a child process —
``OssUtils.upload`` in 16 threads with a reused upload certificate,
``Transcription.async_call`` with 100 files per task, ``Transcription.wait``
per task in threads, and the result files downloaded with ``urllib`` in 16
threads. The SDK stores nothing; the engine writes every result to SQLite.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import resource
import struct
import tempfile
import time
import wave
from pathlib import Path

from benchmarks.measure import peak_rss_mb, run_worker

FIXED_PROCESSING_S = 2.0
PENDING_S = 0.2
SECONDS_PER_FILE = 1.5
RATE = 16_000


def make_files(folder: Path, count: int) -> list[Path]:
    """Short WAVs of a warbling tone (not silence, so every file has "speech")."""
    folder.mkdir(parents=True, exist_ok=True)
    frames = int(RATE * SECONDS_PER_FILE)
    files = []
    for i in range(count):
        pitch = 180 + (i % 40) * 7
        samples = (
            int(9000 * math.sin(2 * math.pi * pitch * n / RATE) * (0.6 + 0.4 * math.sin(n / 900)))
            for n in range(frames)
        )
        path = folder / f"clip {i:04d}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(struct.pack(f"<{frames}h", *samples))
        files.append(path)
    return files


def emulator(log: Path):  # type: ignore[no-untyped-def]
    from tests.fake_dashscope.process import EmulatorProcess

    return EmulatorProcess(
        "--fixed-processing-s", str(FIXED_PROCESSING_S), "--pending-s", str(PENDING_S),
        request_log=log,
    )  # fmt: skip


def count_requests(log: Path) -> int:
    return sum(1 for _ in log.open(encoding="utf-8"))


async def run_engine(files: list[Path], base_url: str, api_key: str) -> float:
    from desktop.dashscope.client import DashScopeClient
    from desktop.dashscope.endpoints import Endpoint
    from desktop.dashscope.options import TranscriptionOptions
    from desktop.jobs.engine import JobEngine
    from desktop.jobs.sources import expand
    from desktop.store.jobs import JobState
    from desktop.store.library import Library

    with Library.open() as library:
        async with DashScopeClient(Endpoint.named(base_url), api_key) as client:
            engine = JobEngine(library, client)
            jobs = engine.add(expand(map(str, files)), "paraformer-v2", TranscriptionOptions())
            started = time.perf_counter()
            engine.start()
            await engine.wait_until_settled([j.id for j in jobs])
            wall = time.perf_counter() - started
            await engine.stop()
        states = {library.jobs.get(j.id).state for j in jobs}
        if states != {JobState.DONE}:
            raise SystemExit(f"engine run incomplete: {states}")
    return wall


def measure_ours(files: list[Path], work: Path) -> dict[str, float]:
    log = work / "ours.jsonl"
    os.environ["TINGXIE_HOME"] = str(work / "home")
    with emulator(log) as service:
        before = resource.getrusage(resource.RUSAGE_SELF)
        wall = asyncio.run(run_engine(files, service.base_url, service.api_key))
        after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall_s": round(wall, 2),
        "requests_per_file": round(count_requests(log) / len(files), 2),
        "cpu_s": round(cpu, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def sdk_run(folder: Path, base_url: str, api_key: str) -> None:
    """The peer, in its own process: the SDK's documented calls, parallel with threads."""
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    import dashscope
    from dashscope.audio.asr import Transcription
    from dashscope.utils.oss_utils import OssUtils

    dashscope.base_http_api_url = base_url
    model = "paraformer-v2"
    files = sorted(folder.iterdir())
    started = time.perf_counter()
    _url, certificate = OssUtils.upload(model=model, file_path=str(files[0]), api_key=api_key)
    urls = [_url]

    def upload(path: Path) -> str:
        url, _ = OssUtils.upload(
            model=model, file_path=str(path), api_key=api_key, upload_certificate=certificate
        )
        return url

    with ThreadPoolExecutor(16) as pool:
        urls += list(pool.map(upload, files[1:]))
    headers = {"X-DashScope-OssResourceResolve": "enable"}
    tasks = []
    for start in range(0, len(urls), 100):
        response = Transcription.async_call(
            model=model, file_urls=urls[start : start + 100], api_key=api_key, headers=headers
        )
        tasks.append(response.output.task_id)
    with ThreadPoolExecutor(16) as pool:
        finals = list(pool.map(lambda t: Transcription.wait(task=t, api_key=api_key), tasks))
    result_urls = [
        r["transcription_url"] for f in finals for r in f.output["results"]
        if r.get("subtask_status") == "SUCCEEDED"
    ]  # fmt: skip
    with ThreadPoolExecutor(16) as pool:
        bodies = list(pool.map(lambda u: urllib.request.urlopen(u).read(), result_urls))
    wall = time.perf_counter() - started
    print(json.dumps({"wall_s": wall, "results": len(bodies), "peak_rss_mb": peak_rss_mb()}))


def measure_sdk(folder: Path, work: Path, count: int) -> dict[str, float]:
    log = work / "sdk.jsonl"
    with emulator(log) as service:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        figures = run_worker(
            "benchmarks.queue", "--sdk-peer", str(folder), service.base_url, service.api_key
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if figures["results"] != count:
        raise SystemExit(f"SDK run incomplete: {figures['results']} of {count} results")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall_s": round(figures["wall_s"], 2),
        "requests_per_file": round(count_requests(log) / count, 2),
        "cpu_s": round(cpu, 2),
        "peak_rss_mb": round(figures["peak_rss_mb"], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 files instead of 1 000")
    parser.add_argument("--files", type=int, help="how many files (overrides --quick)")
    parser.add_argument("--no-peer", action="store_true", help="skip the SDK run")
    parser.add_argument("--sdk-peer", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sdk_peer:
        folder, base_url, key = args.sdk_peer
        sdk_run(Path(folder), base_url, key)
        return
    count = args.files or (100 if args.quick else 1000)
    random.seed(1)
    with tempfile.TemporaryDirectory(prefix="tingxie-queue-bench-") as tmp:
        work = Path(tmp)
        files = make_files(work / "media", count)
        ours = measure_ours(files, work)
        figures: dict[str, object] = {"files": count, **ours}
        if not args.no_peer:
            sdk = measure_sdk(work / "media", work, count)
            figures["sdk"] = sdk
            figures["sdk_wall_ratio"] = round(sdk["wall_s"] / ours["wall_s"], 2)
            figures["sdk_requests_ratio"] = round(
                sdk["requests_per_file"] / ours["requests_per_file"], 2
            )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
