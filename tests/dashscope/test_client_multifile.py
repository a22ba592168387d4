"""Many files per task where the service allows it, one per task where it does not."""

from __future__ import annotations

import pytest

from desktop.dashscope import errors
from desktop.dashscope.wire import TaskStatus
from tests.fake_dashscope import FaultKind, OverLimitResponse
from tests.helpers.clients import fast_client


def scripted_urls(emulator, count, prefix="f"):
    urls = [f"https://files.example/{prefix}{n}.wav" for n in range(count)]
    for url in urls:
        emulator.script(url, duration_ms=1500)
    return urls


@pytest.mark.asyncio
async def test_a_batch_goes_in_one_task_when_the_service_takes_it(dashscope_emulator):
    urls = scripted_urls(dashscope_emulator, 5)
    async with fast_client(dashscope_emulator) as client:
        made = await client.submit_many("paraformer-v2", urls)
        done = await client.wait(made[0][1].task_id)
    assert [group for group, _ in made] == [urls]
    assert [r.file_url for r in done.results] == urls
    assert all(r.status is TaskStatus.SUCCEEDED for r in done.results)


@pytest.mark.asyncio
async def test_batches_are_cut_at_the_configured_size(dashscope_emulator):
    urls = scripted_urls(dashscope_emulator, 5)
    async with fast_client(dashscope_emulator, files_per_task=2) as client:
        made = await client.submit_many("paraformer-v2", urls)
        with pytest.raises(errors.TooManyFilesError):
            await client.submit("paraformer-v2", urls[:3])
    assert [group for group, _ in made] == [urls[:2], urls[2:4], urls[4:]]


@pytest.mark.asyncio
@pytest.mark.parametrize("refusal", list(OverLimitResponse))
async def test_a_strict_service_makes_the_client_fall_back_to_one_file_per_task_and_remember(
    dashscope_emulator, refusal
):
    dashscope_emulator.config.max_files_per_task = 1
    dashscope_emulator.config.over_limit_response = refusal
    urls = scripted_urls(dashscope_emulator, 4)
    more = scripted_urls(dashscope_emulator, 3, prefix="g")
    async with fast_client(dashscope_emulator) as client:
        made = await client.submit_many("paraformer-v2", urls)
        assert client.files_per_task == 1
        again = await client.submit_many("paraformer-v2", more)
        dashscope_emulator.finish_all()
        finished = [await client.wait(info.task_id) for _, info in made + again]
    assert [group for group, _ in made] == [[u] for u in urls]
    assert [group for group, _ in again] == [[u] for u in more]
    refused = [r for r in dashscope_emulator.requests("submit") if r.status == 400]
    assert len(refused) == 1  # learnt once, not per batch
    files = [r.file_url for info in finished for r in info.results]
    assert sorted(files) == sorted(urls + more)  # every file in exactly one task


@pytest.mark.asyncio
async def test_a_refusal_that_is_not_about_the_count_is_not_hidden(dashscope_emulator):
    urls = scripted_urls(dashscope_emulator, 3)
    async with fast_client(dashscope_emulator) as client:
        from desktop.dashscope.options import TranscriptionOptions

        with pytest.raises(errors.InvalidParameterError, match="vocab"):
            await client.submit_many(
                "paraformer-v2", urls, TranscriptionOptions(vocabulary_id="vocab-none-0")
            )
        assert client.files_per_task == 100


@pytest.mark.asyncio
async def test_tasks_made_before_a_failure_are_not_forgotten(dashscope_emulator):
    urls = scripted_urls(dashscope_emulator, 3)
    dashscope_emulator.faults.inject(
        FaultKind.ERROR, "submit", 1, status=400, code="DataInspectionFailed", message="no"
    )
    async with fast_client(dashscope_emulator, files_per_task=1) as client:
        with pytest.raises(errors.PartialSubmitError) as caught:
            await client.submit_many("paraformer-v2", urls)
    assert isinstance(caught.value.error, errors.InvalidParameterError)
    assert caught.value.code == "DataInspectionFailed"  # the failure's own words for the user
    submitted = caught.value.submitted
    assert len(submitted) == 2  # the two paid tasks ride on the error
    assert sorted(info.task_id for _, info in submitted) == sorted(
        t.task_id for t in dashscope_emulator.tasks.all()
    )
