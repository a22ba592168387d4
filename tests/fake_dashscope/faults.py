"""Fault injection: one-shot or repeated misbehaviour on chosen routes.

A rule matches a route name (``submit``, ``query``, ``list``, ``cancel``,
``customization``, ``get_policy``, ``upload``, ``result``, ``media``, ``chat`` or ``*``)
and fires for its next ``count`` matching requests. Some faults happen before
the request is handled (the service never saw it), others after (the service
did the work, the answer went wrong) — that difference is what a client's
"was my submit created?" logic has to cope with.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum

ROUTES = (
    "submit", "query", "list", "cancel", "customization",
    "get_policy", "upload", "result", "media", "chat",
)  # fmt: skip


class FaultKind(StrEnum):
    ERROR = "error"  # before handling: an error status (5xx burst, 429…)
    DROP = "drop"  # before handling: the connection closes without an answer
    LOSE_ANSWER = "lose-answer"  # after handling: the connection closes without an answer
    SLOW_ANSWER = "slow-answer"  # after handling: the answer comes ``delay_s`` later
    TRUNCATE = "truncate"  # after handling: half the announced body, then close
    MALFORMED = "malformed"  # after handling: 200 with a body that is not JSON
    LATENCY = "latency"  # before handling: wait ``delay_s``, then behave normally

    @property
    def before_handling(self) -> bool:
        return self in (FaultKind.ERROR, FaultKind.DROP, FaultKind.LATENCY)


@dataclass
class Fault:
    kind: FaultKind
    route: str = "*"
    count: int | None = 1  # None = until removed
    status: int = 500
    code: str = "InternalError"
    message: str = (
        "An internal error has occured, please try again later or contact service support."
    )
    delay_s: float = 0.0
    retry_after: str | None = None  # Retry-After header value on ERROR
    fired: int = 0

    def __post_init__(self) -> None:
        if self.route != "*" and self.route not in ROUTES:
            raise ValueError(f"unknown route {self.route!r}; routes: {', '.join(ROUTES)}")


class Faults:
    """Thread-safe list of armed rules; ``take`` consumes one firing."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._rules.append(fault)
        return fault

    def inject(
        self, kind: FaultKind | str, route: str = "*", count: int | None = 1, **kw: object
    ) -> Fault:
        return self.add(Fault(FaultKind(kind), route, count, **kw))  # type: ignore[arg-type]

    def server_errors(
        self,
        route: str = "*",
        count: int = 3,
        status: int = 503,
        code: str = "ServiceUnavailable",
        message: str = "Model is unavailable, please try again later.",
        retry_after: str | None = None,
    ) -> Fault:
        """A burst of ``count`` 5xx answers."""
        return self.inject(
            FaultKind.ERROR,
            route,
            count,
            status=status,
            code=code,
            message=message,
            retry_after=retry_after,
        )

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def take(self, route: str, *, before_handling: bool) -> Fault | None:
        """The first armed rule of that phase for ``route`` (latency rules aside)."""
        with self._lock:
            for rule in self._rules:
                if rule.kind is FaultKind.LATENCY or rule.kind.before_handling != before_handling:
                    continue
                if self._fires(rule, route):
                    return rule
        return None

    def latency(self, route: str) -> float:
        """Seconds to wait before handling: every armed latency rule for ``route`` adds up."""
        with self._lock:
            return sum(
                rule.delay_s
                for rule in self._rules
                if rule.kind is FaultKind.LATENCY and self._fires(rule, route)
            )

    @staticmethod
    def _fires(rule: Fault, route: str) -> bool:
        if rule.route not in ("*", route):
            return False
        if rule.count is not None and rule.fired >= rule.count:
            return False
        rule.fired += 1
        return True
