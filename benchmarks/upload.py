"""Uploading a 1 GB local file to temporary storage: our client vs the SDK's helper.

Run ``python -m benchmarks.upload`` (``--quick``: 200 MB). A sparse file of
zeros is uploaded to the emulator (its own process, counting and discarding the
bytes) by ``DashScopeClient.upload`` and by the official SDK's
``OssUtils.upload``; each side runs in its own worker process. Throughput is
the file size over the whole call (getPolicy + form POST); extra RSS is the
worker's peak RSS minus its RSS just before the upload.

The last line is one JSON object: ``ours_mb_s``, ``sdk_mb_s``,
``ours_extra_rss_mb``, ``sdk_extra_rss_mb``, plus the file size.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.measure import peak_rss_mb, rss_mb, run_worker

MODEL = "paraformer-v2"
KEY = "sk-benchmark"
MB = 1024 * 1024


def main(argv: list[str]) -> int:
    if argv[:1] == ["--worker"]:
        return _worker(argv[1], argv[2], Path(argv[3]))
    size_mb = 200 if "--quick" in argv else 1024
    from tests.fake_dashscope.process import EmulatorProcess

    figures: dict[str, Any] = {"file_mb": size_mb}
    with tempfile.TemporaryDirectory(prefix="bench-upload-") as tmp:
        path = Path(tmp) / "sparse recording.wav"
        with path.open("wb") as file:
            file.truncate(size_mb * MB)  # sparse: no disk space, reads as zeros
        options = ("--discard-uploads", "--max-upload-mb", "2048")
        with EmulatorProcess(*options, api_key=KEY) as emulator:
            for side in ("ours", "sdk"):
                result = _run_worker(side, emulator.base_url, path)
                figures[f"{side}_mb_s"] = round(size_mb / result["seconds"], 1)
                figures[f"{side}_extra_rss_mb"] = result["extra_rss_mb"]
                figures[f"{side}_seconds"] = round(result["seconds"], 2)
    for key, value in figures.items():
        print(f"{key:>20}: {value}")
    print(json.dumps(figures))
    return 0


def _run_worker(side: str, base: str, path: Path) -> dict[str, Any]:
    return run_worker("benchmarks.upload", "--worker", side, base, str(path))


def _worker(side: str, base: str, path: Path) -> int:
    upload = _ours(base) if side == "ours" else _sdk(base)
    before = rss_mb()
    started = time.perf_counter()
    url = upload(path)
    seconds = time.perf_counter() - started
    peak = peak_rss_mb()
    assert url.startswith("oss://"), url
    print(json.dumps({"seconds": seconds, "extra_rss_mb": round(max(0.0, peak - before), 1)}))
    return 0


def _ours(base: str):
    from desktop.dashscope.client import DashScopeClient
    from desktop.dashscope.endpoints import Endpoint

    def upload(path: Path) -> str:
        async def run() -> str:
            async with DashScopeClient(Endpoint.named(base), KEY) as client:
                return (await client.upload(MODEL, path)).oss_url

        return asyncio.run(run())

    asyncio.run(asyncio.sleep(0))  # load asyncio's machinery before the baseline
    return upload


def _sdk(base: str):
    import dashscope
    from dashscope.utils.oss_utils import OssUtils

    dashscope.base_http_api_url = base
    dashscope.api_key = KEY

    def upload(path: Path) -> str:
        url, _ = OssUtils.upload(model=MODEL, file_path=str(path), api_key=KEY)
        return url

    return upload


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
