"""The one way tests build a client of the emulator: retries and polls in milliseconds.

The emulator answers at once, so the production back-off (seconds) would only
make tests slow; every test that talks to it through ``DashScopeClient`` gets
its client here, and an engine the matching short waits.
"""

from __future__ import annotations

from typing import Any

import httpx

from desktop.dashscope.client import DashScopeClient, PollPolicy
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.retry import RetryPolicy
from desktop.jobs.engine import EngineSettings
from tests.fake_dashscope import Emulator, EmulatorConfig

FAST_RETRY = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05, jitter=0.25)
FAST_POLL = PollPolicy(first=0.02, factor=1.5, longest=0.1)
FAST_ENGINE = EngineSettings(retry_delays_s=(0.05, 0.1, 0.2), batch_linger_s=0.5)


def fast_emulator_config() -> EmulatorConfig:
    """An emulator that finishes a task in milliseconds (a fresh one: tests change it)."""
    return EmulatorConfig(processing_speed=2000.0, pending_s=0.05)


def fast_client(
    emulator: Emulator, *, api_key: str | None = None, **options: Any
) -> DashScopeClient:
    """A client of ``emulator`` with its key (or ``api_key``); ``options`` override the rest."""
    settings: dict[str, Any] = {"retry": FAST_RETRY, "poll": FAST_POLL, **options}
    key = emulator.api_key if api_key is None else api_key
    return DashScopeClient(Endpoint.named(emulator.base_url), key, **settings)


def short_timeout_http(seconds: float = 0.5) -> httpx.AsyncClient:
    """An HTTP pool that gives up on a silent server after ``seconds``."""
    return httpx.AsyncClient(timeout=httpx.Timeout(seconds))
