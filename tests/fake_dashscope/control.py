"""``/_emulator/...``: test controls over HTTP, for an emulator running as a process.

The same levers the in-process API gives (clock, switches, faults, scripts,
recorded traffic), so a benchmark or a kill -9 test can steer an emulator it
did not start in its own interpreter. Control calls are not recorded and not
subject to faults. Recorded requests come back without their Authorization
header: the key stays out of whatever the test prints.
"""

from __future__ import annotations

import dataclasses
import enum
import typing
from typing import TYPE_CHECKING, Any

from tests.fake_dashscope.chat import ChatAction, ChatScript
from tests.fake_dashscope.config import EmulatorConfig
from tests.fake_dashscope.faults import Fault, FaultKind

if TYPE_CHECKING:
    from tests.fake_dashscope.server import Emulator

PREFIX = "/_emulator"
_FIELDS = {f.name: f for f in dataclasses.fields(EmulatorConfig)}
_HINTS = typing.get_type_hints(EmulatorConfig)


class ControlError(ValueError):
    pass


def handle(emulator: Emulator, method: str, path: str, body: Any) -> tuple[int, Any]:
    action = path.removeprefix(PREFIX).strip("/")
    try:
        if method == "GET" and action == "requests":
            return 200, [_record(r) for r in emulator.requests()]
        if method == "GET" and action == "tasks":
            return 200, [_task(emulator, t) for t in emulator.tasks.all()]
        if method == "POST" and action == "clock":
            if "advance" in body:
                emulator.clock.advance(float(body["advance"]))
            if "rate" in body:
                emulator.clock.set_rate(float(body["rate"]))
            return 200, {"now": emulator.clock.now()}
        if method == "POST" and action == "config":
            for name, value in body.items():
                _configure(emulator.config, name, value)
            return 200, {}
        if method == "POST" and action == "faults":
            kind = FaultKind(body.pop("kind"))
            emulator.faults.add(Fault(kind, **body))
            return 200, {}
        if method == "DELETE" and action == "faults":
            emulator.faults.clear()
            return 200, {}
        if method == "POST" and action == "scripts":
            key = body.pop("key")
            if "result" in body:
                emulator.register_transcript(key, body["result"])
            else:
                emulator.script(key, **body)
            return 200, {}
        if method == "GET" and action == "chat-billed":
            return 200, emulator.chat.billed()
        if method == "POST" and action == "chat-scripts":
            emulator.chat.scripts.add(ChatScript(ChatAction(body.pop("action")), **body))
            return 200, {}
        if method == "DELETE" and action == "chat-scripts":
            emulator.chat.scripts.clear()
            return 200, {}
        if method == "POST" and action == "finish":
            emulator.finish_all()
            return 200, {}
        if method == "DELETE" and action == "requests":
            emulator.clear_requests()
            return 200, {}
    except (ControlError, KeyError, TypeError, ValueError) as error:
        return 400, {"error": str(error)}
    return 404, {"error": f"no control {method} {path}"}


def _configure(config: EmulatorConfig, name: str, value: Any) -> None:
    if name not in _FIELDS:
        raise ControlError(f"no switch {name!r}; switches: {', '.join(_FIELDS)}")
    kinds = _HINTS[name]
    enums = [
        k
        for k in typing.get_args(kinds) or (kinds,)
        if isinstance(k, type) and issubclass(k, enum.Enum)
    ]
    if value is not None and enums:
        value = enums[0](value)
    elif isinstance(getattr(config, name), set):
        value = set(value)
    setattr(config, name, value)


def _record(record: Any) -> dict[str, Any]:
    headers = {k: v for k, v in record.headers.items() if k.lower() != "authorization"}
    return {
        "time": record.time,
        "method": record.method,
        "path": record.path,
        "route": record.route,
        "status": record.status,
        "headers": headers,
        "body": record.body,
        "fault": record.fault,
    }


def _task(emulator: Emulator, task: Any) -> dict[str, Any]:
    status = task.status(emulator.clock.now(), emulator.config.task_retention_s)
    return {
        "task_id": task.task_id,
        "model": task.model,
        "file_urls": task.file_urls,
        "status": status,
        "submit_at": task.submit_at,
        "end_at": task.end_at,
    }
