"""The one place that turns "an endpoint and the user's key" into a DashScope client.

A job's ``oss://`` upload and its task id are valid only on the endpoint they
came from, so the engine asks for the client of each job's *own* endpoint
while new jobs go to the current default. Clients are cached, one per
endpoint, so every job of a region shares a connection pool and a rate
limiter. When the key or the default changes, everyone who listens
(``on_change``) hears it at once: the engine wakes every back-off that waited
for the old ones. Replaced clients may still carry requests in flight, so
they are kept and closed only by :meth:`ClientFactory.aclose`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Self

from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.retry import RetryPolicy

Build = Callable[[Endpoint, str], DashScopeClient]
ChangeListener = Callable[[], None]


# The queue retries passing trouble for ever with its own back-off and says so
# (desktop.jobs.trouble); a client that first retried five times on its own
# would keep a person in front of a silent screen for a quarter of a minute.
QUEUE_RETRY = RetryPolicy(attempts=2, base_delay=0.5, max_delay=2.0)


def _build(endpoint: Endpoint, key: str) -> DashScopeClient:
    return DashScopeClient(endpoint, key)


def build_for_queue(endpoint: Endpoint, key: str) -> DashScopeClient:
    """A client for the job engine: few retries of its own, see ``QUEUE_RETRY``."""
    return DashScopeClient(endpoint, key, retry=QUEUE_RETRY)


class ClientFactory:
    """Clients for any endpoint with the current key, one cached per endpoint."""

    def __init__(
        self,
        key: str | None,
        default: Endpoint,
        *,
        build: Build = _build,
    ) -> None:
        self._key = key.strip() if key and key.strip() else None
        self._default = default
        self._build = build
        self._clients: dict[str, DashScopeClient] = {}  # base URL → client
        self._owned: list[DashScopeClient] = []  # every client built here, closed at the end
        self._listeners: list[ChangeListener] = []

    @classmethod
    def serving(cls, client: DashScopeClient) -> ClientFactory:
        """A factory that serves ``client`` for its endpoint (the default) and knows no key,
        for callers that made their own client (tests, one-off tools)."""
        factory = cls(None, client.endpoint)
        factory.use(client)
        return factory

    # -- what is in force ----------------------------------------------------------

    @property
    def default(self) -> Endpoint:
        """The endpoint new jobs go to."""
        return self._default

    @property
    def has_key(self) -> bool:
        return self._key is not None or bool(self._clients)

    def client_for(self, endpoint: Endpoint | str | None = None) -> DashScopeClient | None:
        """The client for ``endpoint`` (a base URL or region name; ``None``: the default),
        or ``None`` without a key. A malformed stored endpoint raises ``ValueError``."""
        target = self._resolve(endpoint)
        cached = self._clients.get(target.base_url)
        if cached is not None:
            return cached
        if self._key is None:
            return None
        client = self._build(target, self._key)
        self._clients[target.base_url] = client
        self._owned.append(client)
        return client

    # -- changes -----------------------------------------------------------------

    def set_key(self, key: str | None) -> None:
        """A new key (or none): every later request uses it; listeners are told."""
        self.configure(key=key, default=self._default)

    def set_default(self, endpoint: Endpoint) -> None:
        """Where new jobs go from now on; jobs already bound keep their own endpoint."""
        self._default = endpoint
        self._changed()

    def configure(self, *, key: str | None, default: Endpoint) -> None:
        """A new key and default together (Settings saved), told to listeners once.

        The same key again keeps the clients (and their connections); listeners
        still hear it, since the person asked to try again.
        """
        key = key.strip() if key and key.strip() else None
        if key != self._key:
            self._clients.clear()
        self._key = key
        self._default = default
        self._changed()

    def use(self, client: DashScopeClient) -> None:
        """Serve this caller-made client for its endpoint and make that the default.

        The caller keeps ownership: :meth:`aclose` does not close it.
        """
        self._clients[client.endpoint.base_url] = client
        self._default = client.endpoint
        self._changed()

    def on_change(self, listener: ChangeListener) -> Callable[[], None]:
        """Call ``listener`` after every change of key, default or client."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    async def aclose(self) -> None:
        """Close every client this factory built, current and replaced."""
        owned, self._owned = self._owned, []
        self._clients = {k: c for k, c in self._clients.items() if c not in owned}
        for client in owned:
            await client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    # -- internals -----------------------------------------------------------------

    def _resolve(self, endpoint: Endpoint | str | None) -> Endpoint:
        if endpoint is None:
            return self._default
        if isinstance(endpoint, Endpoint):
            return endpoint
        if endpoint == self._default.base_url:
            return self._default
        return Endpoint.named(endpoint)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()
