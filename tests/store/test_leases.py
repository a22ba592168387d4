"""Job leases and once-only results on a real SQLite file shared by several connections."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from desktop.domain.transcript import Transcript
from desktop.store.database import connect
from desktop.store.jobs import JobState
from desktop.store.leases import LeaseStore, holder_gone, new_owner
from desktop.store.library import Library
from desktop.store.schema import MIGRATIONS


def add_jobs(library: Library, count: int) -> list[int]:
    return [
        library.jobs.add(
            source=f"https://example.com/{i}.wav", is_url=True, title=f"{i}.wav",
            model="paraformer-v2", options="{}", batch_key="k",
        ).id
        for i in range(count)
    ]  # fmt: skip


def test_two_engines_taking_together_each_job_goes_to_exactly_one(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as first, Library.open(path) as second:
        ids = add_jobs(first, 6)
        a = first.leases(new_owner(), 12)
        b = second.leases(new_owner(), 12)
        taken_a = {j.id for j in a.take()}
        taken_b = {j.id for j in b.take()}
        assert taken_a == set(ids) and taken_b == set()
        assert b.held_by_others() == {a.owner: 6}
        a.release()
        assert {j.id for j in b.take()} == set(ids)


def test_a_dead_holder_on_this_machine_loses_its_jobs_at_once_a_live_one_keeps_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        ids = add_jobs(library, 2)
        ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                               capture_output=True, text=True, check=True)  # fmt: skip
        host = new_owner().split("/")[0]
        dead = f"{host}/{int(ended.stdout)}/abcd"
        alive = f"{host}/{os.getppid()}/abcd"
        assert holder_gone(dead) and not holder_gone(alive)
        far = time.time() + 3600
        library.jobs.update(ids[0], lease_owner=dead, lease_until=far)
        library.jobs.update(ids[1], lease_owner=alive, lease_until=far)
        mine = library.leases(new_owner(), 12)
        assert [j.id for j in mine.take()] == [ids[0]]
        library.jobs.update(ids[1], lease_until=time.time() - 1)  # its heartbeat stopped
        assert [j.id for j in mine.take()] == ids  # (taking again keeps what is ours)
        assert mine.renew() == set(ids)


def test_a_heartbeat_does_not_count_as_a_change_for_other_windows(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        (job_id,) = add_jobs(library, 1)
        leases: LeaseStore = library.leases(new_owner(), 12)
        leases.take()
        before = library.jobs.get(job_id).updated_at
        time.sleep(0.01)
        leases.renew()
        assert library.jobs.get(job_id).updated_at == before
        assert library.jobs.changed_since(before.isoformat(timespec="milliseconds"))


def test_the_same_result_stored_twice_is_one_item_and_the_job_done(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as first, Library.open(path) as second:
        (job_id,) = add_jobs(first, 1)
        first.jobs.update(job_id, state=JobState.FETCHING, task_id="t-1")
        transcript = Transcript(file_url="https://example.com/0.wav", channels=())
        stored = [
            library.add_item(raw=b"{}", source="r", transcript=transcript, title="0.wav",
                             origin="job", task_id="t-1", completes_job=job_id,
                             result_key="t-1 https://example.com/0.wav")
            for library in (first, second)
        ]  # fmt: skip
        assert stored[0] == stored[1] and len(first.items()) == 1
        assert first.jobs.get(job_id).state is JobState.DONE


def test_a_library_from_before_gets_unbound_jobs_and_keeps_its_items(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for number, step in enumerate(MIGRATIONS[:5], start=1):
        if callable(step):
            step(conn)
        else:
            conn.executescript(step)
        conn.execute(f"PRAGMA user_version={number}")
    conn.execute(
        "INSERT INTO jobs (source, is_url, title, model, options, batch_key, state,"
        " created_at, updated_at) VALUES ('a.wav', 0, 'a', 'paraformer-v2', '{}', 'k',"
        " 'submitted', '2026-01-01T00:00:00.000+00:00', '2026-01-01T00:00:00.000+00:00')"
    )
    conn.close()
    migrated = connect(path)
    assert migrated.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    with Library(migrated) as library:
        (job,) = library.jobs.all()
        assert job.endpoint is None and job.lease_owner is None and job.state == "submitted"
