"""The sentences the queue says while it waits out passing trouble, built in one place.

A person watching a terminal or the queue's banner must learn at once what
is wrong, with whom, and when the next try is: "cannot reach
dashscope.aliyuncs.com: name not resolved; next try in 30 s". The host named
is the one at fault (the job's own endpoint, or the result storage host of a
download), never the key. Kept as whole sentences here so they can be
translated later.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from desktop.dashscope import errors
from desktop.domain.messages import say

# What the operating system says, by the words a person understands.
_REASONS = (
    (("name or service not known", "nodename nor servname", "name resolution",
      "getaddrinfo", "no address associated", "name does not resolve"), say("name not resolved")),
    # httpx (anyio) says only this when every address of a resolved host refused.
    (("connection refused", "all connection attempts failed"), say("connection refused")),
    (("network is unreachable", "no route to host"), say("no network route")),
    (("certificate", "ssl"), say("secure connection failed")),
    (("disconnected", "connection reset", "closed", "incomplete", "peer"),
     say("the connection dropped")),
)  # fmt: skip


def host_of(url: str) -> str:
    """The host (and port, if any) of a URL, for messages."""
    return urlsplit(url).netloc or url


def trouble_text(error: errors.DashScopeError, host: str, delay_s: float) -> str:
    """One sentence: what went wrong with ``host`` and when the next try is."""
    return say(
        "{problem}; next try in {delay}", problem=_problem(error, host), delay=_seconds(delay_s)
    )


def failure_text(error: errors.DashScopeError, where: str | None) -> str:
    """A job's failure message: the service's words, prefixed with the host that said them
    (``where`` is its URL) when they came from a service rather than from this machine."""
    if error.status is None or not where:
        return error.message
    return f"{host_of(where)}: {error.message}"


def _problem(error: errors.DashScopeError, host: str) -> str:
    if isinstance(error, errors.RequestTimeout):
        return say("{host} did not answer in time", host=host)
    if isinstance(error, errors.NetworkError):
        return say("cannot reach {host}: {reason}", host=host, reason=_reason(error.message))
    if isinstance(error, errors.ThrottledError):
        return say(
            "{host} asks to slow down ({code})", host=host, code=error.code or say("throttled")
        )
    if isinstance(error, errors.ServerError):
        status = f"HTTP {error.status}" if error.status else say("a server error")
        return say(
            "{host} answers {status} ({code})",
            host=host,
            status=status,
            code=error.code or say("no code"),
        )
    if isinstance(error, errors.MalformedResponseError):
        return say("{host} sent a reply that cannot be read", host=host)
    return f"{host}: {error.message}"


def _reason(message: str) -> str:
    lowered = message.lower()
    for needles, reason in _REASONS:
        if any(n in lowered for n in needles):
            return reason
    return message.rsplit(": ", 1)[-1] or say("no connection")


def _seconds(delay_s: float) -> str:
    if delay_s < 1:
        return f"{delay_s:.1f} s"
    return f"{round(delay_s)} s"
