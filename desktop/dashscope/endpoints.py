"""Where the service lives: Beijing, Singapore, or a base URL the user gives.

Which addresses are acceptable is decided in ``desktop.domain.endpoints``
(the settings check a custom address with the same rules). Each region has
its own keys and its own models, so an endpoint also knows its region (for
the model check before a submit) and the service's clock offset (task times
come as bare ``YYYY-MM-DD HH:MM:SS.mmm`` strings in China time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta, timezone

from desktop.domain import endpoints as endpoint_rules
from desktop.domain.catalog import Region
from desktop.domain.endpoints import is_loopback

__all__ = ["BEIJING", "SERVICE_TZ", "SINGAPORE", "Endpoint", "is_loopback"]

# Beijing's task times read as UTC+8 (derived from result URL expiry in the
# docs). Singapore is unconfirmed; the same service clock is assumed.
SERVICE_TZ = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class Endpoint:
    """One DashScope API base (``.../api/v1``); paths are the same on every host."""

    base_url: str
    region: Region | None = None  # None: a custom host whose models are not checked
    service_tz: timezone = field(default=SERVICE_TZ, compare=False)

    @classmethod
    def named(cls, name_or_url: str) -> Endpoint:
        """``beijing``, ``singapore`` or a base URL; ``http://`` only for this machine."""
        base_url, region = endpoint_rules.resolve(name_or_url)
        return cls(base_url, region)

    @classmethod
    def workspace(cls, workspace_id: str, region: Region) -> Endpoint:
        """The per-workspace host the 2026 docs recommend."""
        if not workspace_id.isalnum():
            raise ValueError(f"workspace id {workspace_id!r} must be letters and digits only")
        return cls(f"https://{workspace_id}.{region.value}.maas.aliyuncs.com/api/v1", region)

    def url(self, path: str) -> str:
        return self.base_url + path


BEIJING = Endpoint.named("beijing")
SINGAPORE = Endpoint.named("singapore")
