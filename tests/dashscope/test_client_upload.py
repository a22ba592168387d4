"""Uploading local files: streamed, with progress, policies reused until they expire."""

from __future__ import annotations

import asyncio
import re
import tracemalloc
from datetime import UTC, datetime, timedelta

import pytest

from desktop.dashscope import errors
from desktop.dashscope.wire import TaskStatus
from tests.fake_dashscope import FaultKind
from tests.helpers.clients import fast_client


@pytest.mark.asyncio
async def test_an_uploaded_file_is_transcribed_through_its_oss_url(dashscope_emulator, spoken_wav):
    progress: list[tuple[int, int]] = []
    async with fast_client(dashscope_emulator) as client:
        uploaded = await client.upload(
            "paraformer-v2", spoken_wav, on_progress=lambda *p: progress.append(p)
        )
        task = await client.submit("paraformer-v2", [uploaded.oss_url])
        done = await client.wait(task.task_id)
    size = spoken_wav.stat().st_size
    assert uploaded.oss_url.startswith("oss://") and uploaded.size == size
    assert uploaded.expires_at - datetime.now(UTC) > timedelta(hours=47)
    assert progress[0] == (0, size) and progress[-1] == (size, size)
    assert [p[0] for p in progress] == sorted(p[0] for p in progress)
    submit = dashscope_emulator.requests("submit")[0]
    assert submit.header("X-DashScope-OssResourceResolve") == "enable"
    assert done.status is TaskStatus.SUCCEEDED
    # Upload goes to storage without the DashScope key.
    assert dashscope_emulator.requests("upload")[0].header("Authorization") is None


@pytest.mark.asyncio
async def test_public_urls_do_not_get_the_resolve_header(dashscope_emulator):
    dashscope_emulator.script("https://files.example/x.wav", duration_ms=1000)
    async with fast_client(dashscope_emulator) as client:
        await client.submit("paraformer-v2", ["https://files.example/x.wav"])
    assert dashscope_emulator.requests("submit")[0].header("X-DashScope-OssResourceResolve") is None


@pytest.mark.asyncio
async def test_names_with_spaces_and_cjk_become_safe_object_keys(
    dashscope_emulator, spoken_wav, tmp_path
):
    odd = tmp_path / "周会 录音 (final).wav"
    odd.write_bytes(spoken_wav.read_bytes())
    async with fast_client(dashscope_emulator) as client:
        uploaded = await client.upload("paraformer-v2", odd)
        done = await client.wait((await client.submit("paraformer-v2", [uploaded.oss_url])).task_id)
    assert re.fullmatch(r"oss://[A-Za-z0-9._/-]+_final\.wav", uploaded.oss_url)
    assert done.status is TaskStatus.SUCCEEDED


@pytest.mark.asyncio
async def test_one_policy_serves_a_batch(dashscope_emulator, spoken_wav):
    async with fast_client(dashscope_emulator) as client:
        uploads = await asyncio.gather(
            *(client.upload("paraformer-v2", spoken_wav) for _ in range(5))
        )
    assert len({u.oss_url for u in uploads}) == 5  # same file, five distinct objects
    assert len(dashscope_emulator.requests("get_policy")) == 1
    assert [r.status for r in dashscope_emulator.requests("upload")] == [200] * 5


@pytest.mark.asyncio
async def test_policies_are_per_model(dashscope_emulator, spoken_wav):
    async with fast_client(dashscope_emulator) as client:
        await client.upload("paraformer-v2", spoken_wav)
        await client.upload("fun-asr", spoken_wav)
    assert [r.query["model"] for r in dashscope_emulator.requests("get_policy")] == [
        "paraformer-v2",
        "fun-asr",
    ]


@pytest.mark.asyncio
async def test_a_policy_that_expires_mid_batch_is_replaced_and_the_file_sent_again(
    dashscope_emulator, spoken_wav
):
    dashscope_emulator.config.policy_expire_s = 300
    async with fast_client(dashscope_emulator) as client:
        first = await client.upload("paraformer-v2", spoken_wav)
        dashscope_emulator.clock.advance(600)  # the service's clock passes the policy's expiry
        second = await client.upload("paraformer-v2", spoken_wav)
        third = await client.upload("paraformer-v2", spoken_wav)
        tasks = [await client.submit("paraformer-v2", [u.oss_url]) for u in (first, second, third)]
        dashscope_emulator.finish_all()
        done = [await client.wait(t.task_id) for t in tasks]
    assert [r.status for r in dashscope_emulator.requests("upload")] == [200, 403, 200, 200]
    assert len(dashscope_emulator.requests("get_policy")) == 2
    assert all(d.status is TaskStatus.SUCCEEDED for d in done)


@pytest.mark.asyncio
async def test_a_policy_close_to_expiry_is_not_reused(dashscope_emulator, spoken_wav):
    dashscope_emulator.config.policy_expire_s = 5  # less than the client's safety margin
    async with fast_client(dashscope_emulator) as client:
        await client.upload("paraformer-v2", spoken_wav)
        await client.upload("paraformer-v2", spoken_wav)
    assert len(dashscope_emulator.requests("get_policy")) == 2
    assert [r.status for r in dashscope_emulator.requests("upload")] == [200, 200]


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", [FaultKind.DROP, FaultKind.ERROR])
async def test_an_upload_broken_in_transit_is_sent_again(dashscope_emulator, spoken_wav, kind):
    dashscope_emulator.faults.inject(kind, "upload", 1, status=503, code="ServiceUnavailable")
    async with fast_client(dashscope_emulator) as client:
        uploaded = await client.upload("paraformer-v2", spoken_wav)
    assert uploaded.oss_url.startswith("oss://")
    assert len(dashscope_emulator.requests("upload")) == 2


@pytest.mark.asyncio
async def test_a_file_larger_than_the_policy_allows_is_refused_before_sending(
    dashscope_emulator, tmp_path
):
    dashscope_emulator.config.max_upload_mb = 1
    big = tmp_path / "long.wav"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024 * 1024)
    async with fast_client(dashscope_emulator) as client:
        with pytest.raises(errors.OptionRefused, match=r"long\.wav.*1 MB") as caught:
            await client.upload("paraformer-v2", big)
    assert "public URL" in caught.value.advice
    assert dashscope_emulator.requests("upload") == []


@pytest.mark.asyncio
async def test_storage_refusing_the_size_is_not_retried(dashscope_emulator, tmp_path, monkeypatch):
    from desktop.dashscope import upload

    monkeypatch.setattr(upload, "decode_policy", _without_size_limit(upload.decode_policy))
    dashscope_emulator.config.max_upload_mb = 1
    big = tmp_path / "long.wav"
    big.write_bytes(b"\0" * (2 * 1024 * 1024))
    async with fast_client(dashscope_emulator) as client:
        with pytest.raises(errors.InvalidParameterError) as caught:
            await client.upload("paraformer-v2", big)
    assert caught.value.code == "EntityTooLarge"
    assert len(dashscope_emulator.requests("upload")) == 1


def _without_size_limit(decode):
    """The policy as a client that ignored max_file_size_mb would read it."""
    from dataclasses import replace

    return lambda *a, **kw: replace(decode(*a, **kw), max_file_bytes=None)


@pytest.mark.asyncio
async def test_missing_and_empty_files_are_named_in_the_message(dashscope_emulator, tmp_path):
    empty = tmp_path / "empty.wav"
    empty.touch()
    async with fast_client(dashscope_emulator) as client:
        with pytest.raises(errors.OptionRefused, match=r"gone\.wav"):
            await client.upload("paraformer-v2", tmp_path / "gone.wav")
        with pytest.raises(errors.OptionRefused, match=r"empty\.wav"):
            await client.upload("paraformer-v2", empty)
    assert dashscope_emulator.requests() == []


@pytest.mark.slow
@pytest.mark.asyncio
async def test_a_large_file_is_streamed_not_read_into_memory(dashscope_emulator, tmp_path):
    dashscope_emulator.config.store_uploads = False
    dashscope_emulator.config.max_upload_mb = 2048
    size = 256 * 1024 * 1024
    big = tmp_path / "big.wav"
    with big.open("wb") as handle:
        handle.truncate(size)  # sparse: costs no disk
    if big.stat().st_blocks * 512 > size // 2:
        pytest.fail("the test file system does not keep sparse files sparse")
    seen: list[int] = []
    async with fast_client(dashscope_emulator) as client:
        tracemalloc.start()
        try:
            uploaded = await client.upload(
                "paraformer-v2", big, on_progress=lambda s, t: seen.append(s)
            )
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert uploaded.size == size
    assert seen[-1] == size and len(seen) > 200  # progress all along, 1 MiB steps
    assert peak < 32 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB while uploading 256 MB"
