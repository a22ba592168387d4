"""Where the service lives: Beijing, Singapore, or a base URL the user gives.

Each region has its own keys and its own models, so an endpoint also knows its
region (for the model check before a submit) and the service's clock offset
(task times come as bare ``YYYY-MM-DD HH:MM:SS.mmm`` strings in China time).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from datetime import timedelta, timezone
from urllib.parse import urlsplit

from desktop.domain.catalog import Region

# Beijing's task times read as UTC+8 (derived from result URL expiry in the
# docs). Singapore is unconfirmed; the same service clock is assumed.
SERVICE_TZ = timezone(timedelta(hours=8))

_ALIASES = {
    "beijing": Region.BEIJING,
    "cn-beijing": Region.BEIJING,
    "china": Region.BEIJING,
    "singapore": Region.SINGAPORE,
    "ap-southeast-1": Region.SINGAPORE,
    "intl": Region.SINGAPORE,
    "international": Region.SINGAPORE,
}
_LEGACY_HOSTS = {
    Region.BEIJING: "https://dashscope.aliyuncs.com/api/v1",
    Region.SINGAPORE: "https://dashscope-intl.aliyuncs.com/api/v1",
}


@dataclass(frozen=True)
class Endpoint:
    """One DashScope API base (``.../api/v1``); paths are the same on every host."""

    base_url: str
    region: Region | None = None  # None: a custom host whose models are not checked
    service_tz: timezone = field(default=SERVICE_TZ, compare=False)

    @classmethod
    def named(cls, name_or_url: str) -> Endpoint:
        """``beijing``, ``singapore`` or a base URL; ``http://`` only for this machine."""
        text = name_or_url.strip()
        region = _ALIASES.get(text.lower())
        if region is not None:
            return cls(_LEGACY_HOSTS[region], region)
        return cls(_check_url(text), _region_of(text))

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


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_url(text: str) -> str:
    parts = urlsplit(text)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise ValueError(
            f"endpoint {text!r} is not a region name (beijing, singapore) or an https:// URL"
        )
    if parts.scheme == "http" and not is_loopback(host):
        raise ValueError(
            f"endpoint {text!r} uses plain http:// to another machine, which would send the "
            "API key unencrypted; use https:// (http:// is allowed only for localhost)"
        )
    if parts.query or parts.fragment:
        raise ValueError(f"endpoint {text!r} must not have a query or fragment")
    path = parts.path.rstrip("/") or "/api/v1"
    return f"{parts.scheme}://{parts.netloc}{path}"


def _region_of(url: str) -> Region | None:
    host = (urlsplit(url).hostname or "").lower()
    if host == "dashscope-intl.aliyuncs.com" or host.endswith(".ap-southeast-1.maas.aliyuncs.com"):
        return Region.SINGAPORE
    if host == "dashscope.aliyuncs.com" or host.endswith(".cn-beijing.maas.aliyuncs.com"):
        return Region.BEIJING
    return None
