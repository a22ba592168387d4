"""What the user asked to transcribe, turned into one source per file.

Folders expand to the media files inside them (recursively, hidden files
skipped, in name order so job ids follow the folder's order); URLs are taken as
they are, since the service downloads them itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from desktop.domain.catalog import ACCEPTED_FORMATS

# Extensions of the formats the service accepts, plus common spellings of them.
MEDIA_SUFFIXES = frozenset({f".{name}" for name in ACCEPTED_FORMATS} | {".mpg", ".oga", ".m4v"})
URL_SCHEMES = ("http://", "https://", "oss://")


@dataclass(frozen=True)
class Source:
    """One file to transcribe: a local path or a URL the service can download."""

    text: str  # absolute path or URL
    is_url: bool
    title: str

    @property
    def path(self) -> Path:
        return Path(self.text)


class SourceError(ValueError):
    """An argument that names nothing transcribable; the message names it and the fix."""


def is_url(text: str) -> bool:
    return text.lower().startswith(URL_SCHEMES)


def expand(arguments: Iterable[str]) -> list[Source]:
    """Sources for paths, folders and URLs, each file once, in the order given."""
    seen: set[str] = set()
    sources: list[Source] = []
    for argument in arguments:
        for source in _expand_one(argument):
            if source.text not in seen:
                seen.add(source.text)
                sources.append(source)
    return sources


def _expand_one(argument: str) -> list[Source]:
    if is_url(argument):
        return [Source(argument, True, title_from_url(argument))]
    path = Path(argument).expanduser()
    if path.is_dir():
        files = media_files(path)
        if not files:
            raise SourceError(
                f"{argument}: the folder holds no media files the service accepts"
                f" ({', '.join(sorted(ACCEPTED_FORMATS))})"
            )
        return [Source(str(f.resolve()), False, f.name) for f in files]
    if path.is_file():
        return [Source(str(path.resolve()), False, path.name)]
    raise SourceError(f"{argument}: no such file or folder; check the path")


def media_files(folder: Path) -> list[Path]:
    """Media files under ``folder`` by extension, hidden entries skipped, sorted by path."""
    found = [
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in MEDIA_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(found)


def title_from_url(url: str) -> str:
    """The file name a URL points at, decoded (``%E4%BC%9A.mp3`` → ``会.mp3``)."""
    parts = urlsplit(url)
    name = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    return name or parts.netloc or url
