"""The account's task list: every page, and windows longer than a day split into days.

The list is how a lost submit is found and how a restarted queue re-attaches
its tasks, so it must not miss one: the service takes whole seconds in its
own time zone and refuses windows over 24 hours, so the asked window is
widened to whole seconds and walked a day at a time, page by page.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from desktop.dashscope.ratelimit import TokenBucket
from desktop.dashscope.transport import Transport
from desktop.dashscope.wire import TaskStatus, TaskSummary, decode_task_list

LIST_WINDOW = timedelta(hours=24)  # the list refuses longer windows
LIST_PAGE_SIZE = 50


async def list_tasks(
    transport: Transport,
    bucket: TokenBucket,
    service_tz: timezone,
    *,
    start: datetime,
    end: datetime,
    model: str | None = None,
    status: TaskStatus | None = None,
) -> list[TaskSummary]:
    """Every task in ``[start, end]``, each once (see ``DashScopeClient.list_tasks``)."""
    # Whole seconds on the wire: widen to whole seconds so nothing at an edge is missed.
    start, end = _aware(start).replace(microsecond=0), _ceil_second(_aware(end))
    if end < start:
        raise ValueError("the end of the window is before its start")
    seen: dict[str, TaskSummary] = {}
    window_start = start
    while True:
        window_end = min(window_start + LIST_WINDOW, end)
        params = _window_params(window_start, window_end, service_tz, model, status)
        for item in await _all_pages(transport, bucket, params):
            seen.setdefault(item.task_id, item)
        if window_end >= end:
            return list(seen.values())
        window_start = window_end


def _window_params(
    start: datetime,
    end: datetime,
    tz: timezone,
    model: str | None,
    status: TaskStatus | None,
) -> dict[str, str | int]:
    params: dict[str, str | int] = {
        "start_time": start.astimezone(tz).strftime("%Y%m%d%H%M%S"),
        "end_time": end.astimezone(tz).strftime("%Y%m%d%H%M%S"),
        "page_size": LIST_PAGE_SIZE,
    }
    if model:
        params["model_name"] = model
    if status:
        params["status"] = status.value
    return params


async def _all_pages(
    transport: Transport, bucket: TokenBucket, params: dict[str, str | int]
) -> list[TaskSummary]:
    items: list[TaskSummary] = []
    page = 1
    while True:
        found, pages = await transport.call(
            "GET",
            "/tasks",
            params={**params, "page_no": page},
            bucket=bucket,
            decode=decode_task_list,
        )
        items.extend(found)
        if page >= pages or not found:
            return items
        page += 1


def _ceil_second(moment: datetime) -> datetime:
    if moment.microsecond:
        return moment.replace(microsecond=0) + timedelta(seconds=1)
    return moment


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
