"""Which DashScope API addresses Tingxie will send a key to: the regions' and a checked URL.

Pure rules, shared by the settings (which check a custom address before
saving it) and the client's ``Endpoint`` (which is built from the same
answer), so neither needs the other. The key travels in a header, so plain
``http://`` is allowed only to this machine (a local proxy, the emulator).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from desktop.domain.catalog import Region

REGION_BASE_URLS: dict[Region, str] = {
    Region.BEIJING: "https://dashscope.aliyuncs.com/api/v1",
    Region.SINGAPORE: "https://dashscope-intl.aliyuncs.com/api/v1",
}
_ALIASES = {
    "beijing": Region.BEIJING,
    "cn-beijing": Region.BEIJING,
    "china": Region.BEIJING,
    "singapore": Region.SINGAPORE,
    "ap-southeast-1": Region.SINGAPORE,
    "intl": Region.SINGAPORE,
    "international": Region.SINGAPORE,
}


def region_named(name: str) -> Region | None:
    """The region a name such as ``beijing`` or ``intl`` stands for, else ``None``."""
    return _ALIASES.get(name.strip().lower())


def resolve(name_or_url: str) -> tuple[str, Region | None]:
    """The base URL and region of a region name or a URL; ``ValueError`` saying why not."""
    text = name_or_url.strip()
    region = region_named(text)
    if region is not None:
        return REGION_BASE_URLS[region], region
    return checked_base_url(text), region_of_url(text)


def checked_base_url(text: str) -> str:
    """``text`` as an API base URL (``…/api/v1`` when no path is given), or ``ValueError``."""
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


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def region_of_url(url: str) -> Region | None:
    """The region of a DashScope host (legacy or per-workspace); ``None`` for a proxy."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "dashscope-intl.aliyuncs.com" or host.endswith(".ap-southeast-1.maas.aliyuncs.com"):
        return Region.SINGAPORE
    if host == "dashscope.aliyuncs.com" or host.endswith(".cn-beijing.maas.aliyuncs.com"):
        return Region.BEIJING
    return None
