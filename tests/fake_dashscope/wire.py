"""Small pieces of the service's wire format: ids, timestamps, error bodies."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

# The Beijing service clock is China Standard Time (protocol doc §3.2).
SERVICE_TZ = timezone(timedelta(hours=8))


def request_id() -> str:
    return str(uuid.uuid4())


def task_id() -> str:
    return str(uuid.uuid4())


def hex_token(n: int = 16) -> str:
    return secrets.token_hex(n)


def service_time(epoch: float) -> str:
    """``"YYYY-MM-DD HH:MM:SS.mmm"`` in service time, as task bodies carry it."""
    moment = datetime.fromtimestamp(epoch, SERVICE_TZ)
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


def vocabulary_time(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, SERVICE_TZ).strftime("%Y-%m-%d %H:%M:%S")


def parse_list_time(text: str) -> float:
    """``YYYYMMDDhhmmss`` (service time) of the task list's window, as epoch seconds."""
    moment = datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=SERVICE_TZ)
    return moment.timestamp()


def epoch_ms(epoch: float) -> int:
    return int(epoch * 1000)


def utc_date(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")


def error_body(code: str, message: str, rid: str | None = None) -> dict[str, Any]:
    return {"request_id": rid or request_id(), "code": code, "message": message}


def oss_error_xml(code: str, message: str, rid: str | None = None) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n'
        f"  <Code>{code}</Code>\n  <Message>{message}</Message>\n"
        f"  <RequestId>{rid or hex_token(12).upper()}</RequestId>\n"
        "  <HostId>emulator</HostId>\n</Error>\n"
    ).encode()
