"""Our DashScope client against the official SDK on the same emulated service.

Run ``python -m benchmarks.client_vs_sdk`` (``--quick``: 50 files, 5 tasks,
3 s processing). The emulator runs as its own process with a fixed simulated
processing time per task; each side runs in its own worker process (so its
peak RSS is its own) through two scenarios:

- batch: 200 files as one batch (the service takes 100 per task, so two
  tasks) — ours with ``submit_many``, the SDK with ``async_call`` per 100;
- parallel: 20 separate one-file tasks — ours with asyncio, the SDK the SDK
  way: ``async_call`` + ``wait`` in one thread per task.

Ours runs twice: ``ours`` passes ``wait(expected_s=...)`` the task's expected
processing time (what the engine knows from the audio length and the model's
speed; here the emulator's fixed time), ``ours_blind`` waits without it.
``engine`` is the job engine (library, queue, store) told nothing: it learns
the processing time from a warm-up of two tasks of its own (not counted) and
polls by what it learnt; its parallel scenario sends one file per task.

Wall time runs from the first submit to the last result downloaded; requests
are counted in the emulator's request log (``api_requests``: without the result
downloads, which every side makes one per file); ``*_max_lag_s`` is the longest
time from a task's ``end_time`` (the emulator's completion) to its results
being downloaded. The SDK's ``wait`` returns a 429 to its caller, so the SDK
worker calls ``wait`` again on one (what an SDK user has to write).

The last line is one JSON object: ``ours_wall_s``, ``sdk_wall_s``,
``ours_requests``, ``sdk_requests``, ``ours_peak_rss_mb``, ``sdk_peak_rss_mb``
(wall and requests summed over both scenarios, RSS the larger), then the
same for ``ours_blind``, the figures per scenario and the lags.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from benchmarks.measure import peak_rss_mb, run_worker

MODEL = "paraformer-v2"
KEY = "sk-benchmark"
SERVICE_TZ = timezone(timedelta(hours=8))
SCENARIOS = ("batch", "parallel")
SIDES = ("ours", "ours_blind", "sdk", "engine")
PENDING_S = 0.2


def main(argv: list[str]) -> int:
    if argv[:1] == ["--worker"]:
        return _worker(argv[1:])
    quick = "--quick" in argv
    sizes = {"batch": 50 if quick else 200, "parallel": 5 if quick else 20}
    processing_s = 3.0 if quick else 10.0
    from tests.fake_dashscope.process import EmulatorProcess
    from tests.helpers.media import speech

    figures: dict[str, Any] = {
        "batch_files": sizes["batch"],
        "parallel_tasks": sizes["parallel"],
        "emulator_processing_s": processing_s,
    }
    with tempfile.TemporaryDirectory(prefix="bench-client-sdk-") as tmp:
        folder = Path(tmp)
        speech(folder / "clip.wav", "a short clip for the benchmark of the client")
        log = folder / "requests.jsonl"
        options = (
            "--fixed-processing-s", str(processing_s), "--pending-s", str(PENDING_S),
            "--media-dir", str(folder),
        )  # fmt: skip
        with EmulatorProcess(*options, api_key=KEY, request_log=log) as emulator:
            base = emulator.base_url
            for side in SIDES:
                for scenario in SCENARIOS:
                    count = sizes[scenario]
                    urls = [
                        f"{base.removesuffix('/api/v1')}/media/dir/clip.wav?n={n}"
                        for n in range(count)
                    ]
                    before, api_before = _lines(log), _api_lines(log)
                    expected = processing_s + PENDING_S if side == "ours" else None
                    os.environ["BENCH_REQUEST_LOG"] = str(log)
                    result = _run_worker(side, scenario, base, urls, expected)
                    if "requests" not in result:  # the engine counts its own, after warm-up
                        result["requests"] = _lines(log) - before
                        result["api_requests"] = _api_lines(log) - api_before
                    for key, value in result.items():
                        figures[f"{side}_{scenario}_{key}"] = value
    for side in SIDES:
        figures[f"{side}_wall_s"] = sum(figures[f"{side}_{s}_wall_s"] for s in SCENARIOS)
        figures[f"{side}_requests"] = sum(figures[f"{side}_{s}_requests"] for s in SCENARIOS)
        figures[f"{side}_api_requests"] = sum(
            figures[f"{side}_{s}_api_requests"] for s in SCENARIOS
        )
        figures[f"{side}_peak_rss_mb"] = max(figures[f"{side}_{s}_peak_rss_mb"] for s in SCENARIOS)
        figures[f"{side}_max_lag_s"] = max(figures[f"{side}_{s}_max_lag_s"] for s in SCENARIOS)
    figures = {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}
    for key, value in figures.items():
        print(f"{key:>30}: {value}")
    print(json.dumps(figures))
    return 0


def _lines(path: Path) -> int:
    return len(path.read_text().splitlines()) if path.exists() else 0


def _api_lines(path: Path) -> int:
    """Requests to the API (submits, polls), leaving out result-file downloads."""
    if not path.exists():
        return 0
    return sum(json.loads(line)["path"].startswith("/api/") for line in path.open())


def _run_worker(
    side: str, scenario: str, base: str, urls: list[str], expected: float | None
) -> dict[str, Any]:
    return run_worker(
        "benchmarks.client_vs_sdk", "--worker", side, scenario, base,
        json.dumps(urls), json.dumps(expected),
    )  # fmt: skip


# --- workers (each in its own process) -------------------------------------------------


def _worker(argv: list[str]) -> int:
    side, scenario, base, urls = argv[0], argv[1], argv[2], json.loads(argv[3])
    expected = json.loads(argv[4])
    extra: dict[str, Any] = {}
    if side == "sdk":
        wall, lags, failures = _sdk(scenario, base, urls)
    elif side == "engine":
        wall, lags, failures, extra["requests"], extra["api_requests"] = _engine(
            scenario, base, urls
        )
    else:
        wall, lags, failures = _ours(scenario, base, urls, expected)
    peak_mb = peak_rss_mb()
    print(
        json.dumps(
            {
                "wall_s": wall,
                "peak_rss_mb": round(peak_mb, 1),
                "max_lag_s": max(lags),
                "failed_files": failures,
                **extra,
            }
        )
    )
    return 0


def _end_epoch(end_time: datetime | str) -> float:
    if isinstance(end_time, str):
        moment = datetime.strptime(end_time, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=SERVICE_TZ)
        return moment.timestamp()
    if end_time.tzinfo is None:
        end_time = end_time.replace(tzinfo=SERVICE_TZ)
    return end_time.timestamp()


def _ours(
    scenario: str, base: str, urls: list[str], expected: float | None
) -> tuple[float, list[float], int]:
    from desktop.dashscope.client import DashScopeClient
    from desktop.dashscope.endpoints import Endpoint
    from desktop.dashscope.options import TranscriptionOptions
    from desktop.formats.result_file import parse_result

    async def run() -> tuple[float, list[float], int]:
        async with DashScopeClient(Endpoint.named(base), KEY) as client:
            options = TranscriptionOptions()
            started = time.time()
            if scenario == "batch":
                tasks = [info for _, info in await client.submit_many(MODEL, urls, options)]
            else:
                tasks = await asyncio.gather(*(client.submit(MODEL, [u], options) for u in urls))

            async def finish(task_id: str) -> tuple[float, int]:
                waited = time.time() - started  # the engine knows when it submitted
                left = None if expected is None else max(0.0, expected - waited)
                done = await client.wait(task_id, expected_s=left)
                wanted = [r.transcription_url for r in done.results if r.transcription_url]
                documents = await asyncio.gather(*(client.fetch_result(u) for u in wanted))
                for raw in documents:
                    parse_result(raw)
                assert done.end_time is not None
                return time.time() - _end_epoch(done.end_time), len(done.results) - len(wanted)

            finished = await asyncio.gather(*(finish(t.task_id) for t in tasks))
            wall = time.time() - started
        return wall, [lag for lag, _ in finished], sum(failed for _, failed in finished)

    return asyncio.run(run())


def _engine(scenario: str, base: str, urls: list[str]) -> tuple[float, list[float], int, int, int]:
    """The job engine told nothing; a warm-up of two one-file tasks teaches it the speed."""
    home = tempfile.mkdtemp(prefix="bench-engine-home-")
    os.environ["TINGXIE_HOME"] = home
    from dataclasses import replace

    from desktop.dashscope.client import DashScopeClient
    from desktop.dashscope.endpoints import Endpoint
    from desktop.dashscope.options import TranscriptionOptions
    from desktop.jobs.engine import EngineSettings, JobEngine
    from desktop.jobs.sources import expand
    from desktop.store.jobs import JobState
    from desktop.store.library import Library

    log = Path(os.environ["BENCH_REQUEST_LOG"])
    settings = EngineSettings()
    if scenario == "parallel":
        settings = replace(settings, files_per_task=1)

    async def run() -> tuple[float, list[float], int, int, int]:
        with Library.open() as library:
            async with DashScopeClient(Endpoint.named(base), KEY) as client:
                engine = JobEngine(library, client, settings)
                ends: dict[str, float] = {}
                done_at: dict[int, float] = {}
                settle = engine._settle_task

                async def noting_the_end(info: Any, model: str) -> None:
                    if info.end_time is not None:
                        ends[info.task_id] = info.end_time.timestamp()
                    await settle(info, model)

                engine._settle_task = noting_the_end  # type: ignore[method-assign]
                engine.on_job(
                    lambda job: (
                        done_at.setdefault(job.id, time.time())
                        if job.state is JobState.DONE
                        else None
                    )
                )
                engine.start()
                options = TranscriptionOptions()
                for n in range(2):  # warm-up: two finished tasks of its own
                    warm = engine.add(expand([f"{urls[0]}&warmup={n}"]), MODEL, options)
                    await engine.wait_until_settled([j.id for j in warm])
                before, api_before = _lines(log), _api_lines(log)
                started = time.time()
                jobs = engine.add(expand(urls), MODEL, options)
                await engine.wait_until_settled([j.id for j in jobs])
                wall = time.time() - started
                requests = _lines(log) - before
                api_requests = _api_lines(log) - api_before
                await engine.stop()
                rows = [library.jobs.get(j.id) for j in jobs]
        lags = [done_at[r.id] - ends[r.task_id] for r in rows if r.state is JobState.DONE]
        failed = sum(r.state is not JobState.DONE for r in rows)
        return wall, lags, failed, requests, api_requests

    return asyncio.run(run())


def _sdk(scenario: str, base: str, urls: list[str]) -> tuple[float, list[float], int]:
    os.environ["DASHSCOPE_API_KEY"] = KEY
    import dashscope
    from dashscope.audio.asr import Transcription

    dashscope.base_http_api_url = base
    dashscope.api_key = KEY
    groups = (
        [urls[i : i + 100] for i in range(0, len(urls), 100)]
        if scenario == "batch"
        else [[u] for u in urls]
    )
    lock = threading.Lock()

    def job(task_id: str) -> tuple[float, int]:
        while True:  # the SDK hands a 429 back to the caller; wait again
            done = Transcription.wait(task=task_id)
            if done.status_code == 200:
                break
            time.sleep(1)
        failed = 0
        for item in done.output.results:
            if item.get("transcription_url"):
                with urllib.request.urlopen(item["transcription_url"]) as answer:
                    json.load(answer)
            else:
                with lock:
                    failed += 1
        return time.time() - _end_epoch(done.output.end_time), failed

    def submit(files: list[str]) -> str:
        while True:
            task = Transcription.async_call(model=MODEL, file_urls=files)
            if task.status_code == 200:
                return task.output.task_id
            time.sleep(1)

    started = time.time()
    with ThreadPoolExecutor(max_workers=len(groups)) as pool:
        if scenario == "batch":
            task_ids = [submit(g) for g in groups]
            finished = list(pool.map(job, task_ids))
        else:  # one thread per task: submit, then wait
            finished = list(pool.map(lambda files: job(submit(files)), groups))
    wall = time.time() - started
    return wall, [lag for lag, _ in finished], sum(failed for _, failed in finished)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
