from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from desktop.formats.result_file import parse_result
from desktop.store.jobs import JobState, JobStore
from desktop.store.library import Library
from tests.helpers.results import fixture_path


@pytest.fixture
def jobs(tingxie_home):
    with Library.open() as library:
        yield library.jobs


def _add(jobs: JobStore, source: str = "/media/a.wav") -> int:
    return jobs.add(
        source=source,
        is_url=False,
        title="a.wav",
        model="paraformer-v2",
        options="{}",
        batch_key="k",
    ).id


def test_a_new_job_is_queued_and_survives_reopening(jobs: JobStore, tingxie_home) -> None:
    job_id = _add(jobs)
    job = jobs.get(job_id)
    assert (job.state, job.bytes_done, job.task_id, job.is_url) == (JobState.QUEUED, 0, None, False)
    with Library.open() as again:
        assert again.jobs.get(job_id).source == "/media/a.wav"


def test_updates_are_typed_on_the_way_back(jobs: JobStore) -> None:
    job_id = _add(jobs)
    uploaded = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    job = jobs.update(
        job_id,
        state=JobState.UPLOADING,
        bytes_done=1024,
        estimated_cost=Decimal("0.0123"),
        uploaded_at=uploaded,
    )
    assert job.state is JobState.UPLOADING
    assert job.estimated_cost == Decimal("0.0123")
    assert job.uploaded_at == uploaded
    assert job.updated_at >= job.created_at
    with pytest.raises(ValueError, match="unknown job fields: colour"):
        jobs.update(job_id, colour="red")


def test_unfinished_jobs_and_jobs_of_a_task(jobs: JobStore) -> None:
    first, second, third = _add(jobs, "/a"), _add(jobs, "/b"), _add(jobs, "/c")
    jobs.update(first, state=JobState.DONE)
    jobs.update(second, state=JobState.SUBMITTED, task_id="t-1")
    jobs.update(third, state=JobState.RUNNING, task_id="t-1")
    assert [j.id for j in jobs.unfinished()] == [second, third]
    assert [j.id for j in jobs.with_task("t-1")] == [second, third]
    assert jobs.known_task_ids() == {"t-1"}
    jobs.remove(second)
    assert [j.id for j in jobs.all()] == [first, third]
    assert JobState.CANCELED.final and not JobState.FETCHING.final


def test_usage_is_counted_once_per_task(jobs: JobStore) -> None:
    jobs.record_usage("t-1", "paraformer-v2", 90.0)
    jobs.record_usage("t-1", "paraformer-v2", 90.0)  # seen again after a resume
    jobs.record_usage("t-2", "paraformer-v2", 10.5)
    jobs.record_usage("t-3", "sensevoice-v1", 7.0)
    month = datetime.now(UTC).strftime("%Y-%m")
    assert jobs.usage_by_model(month) == {"paraformer-v2": 100.5, "sensevoice-v1": 7.0}
    assert jobs.usage_by_model("1999-01") == {}


def test_a_batch_moves_together_and_task_ids_outlive_their_jobs(jobs: JobStore) -> None:
    first, second = _add(jobs, "/a"), _add(jobs, "/b")
    moved = jobs.update_many([first, second], state=JobState.SUBMITTING)
    assert [j.state for j in moved] == [JobState.SUBMITTING, JobState.SUBMITTING]
    jobs.update(first, state=JobState.SUBMITTED, task_id="t-old")
    jobs.remember_task("t-old", "paraformer-v2")
    # A retry clears the job's task id; reconciling must still know the old task is ours.
    jobs.update(first, state=JobState.WAITING, task_id=None)
    jobs.remove(second)
    assert jobs.known_task_ids() == {"t-old"}


def test_a_stored_result_and_its_done_job_land_in_one_transaction(tingxie_home) -> None:
    with Library.open() as library:
        job_id = _add(library.jobs)
        raw = fixture_path("paraformer_zh_en").read_bytes()
        with pytest.raises(AttributeError):  # a failure while storing leaves the job as it was
            library.add_item(raw=raw, source="s", transcript=None, title="t", completes_job=job_id)  # type: ignore[arg-type]
        assert library.jobs.get(job_id).state is JobState.QUEUED
        assert library.items() == []
        item_id = library.add_item(
            raw=raw, source="s", transcript=parse_result(raw), title="t", completes_job=job_id
        )
        job = library.jobs.get(job_id)
        assert (job.state, job.item_id) == (JobState.DONE, item_id)
