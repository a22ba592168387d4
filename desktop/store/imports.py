"""Adding a result file from disk to the library (the CLI's and the GUI's "Import")."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from desktop.domain.text_cleaning import clean_line
from desktop.domain.transcript import Transcript
from desktop.formats.errors import FileFormatError
from desktop.formats.result_file import MAX_RESULT_BYTES, ResultFileError, parse_result
from desktop.store.library import Library


class ImportFailedError(FileFormatError):
    """A file could not be imported; the message names the file and the problem."""


def read_result_file(path: Path) -> tuple[bytes, Transcript]:
    """Read and validate a result file; errors name the file."""
    try:
        size = path.stat().st_size
        if size > MAX_RESULT_BYTES:
            raise ResultFileError(
                f"file is {size / 1e6:.0f} MB; a result file is at most"
                f" {MAX_RESULT_BYTES // 2**20} MB"
            )
        raw = path.read_bytes()
        return raw, parse_result(raw)
    except ResultFileError as error:
        raise ImportFailedError(f"{path}: {error}") from None
    except OSError as error:
        raise ImportFailedError(f"{path}: {error.strerror or error}") from None


def import_result_file(
    library: Library,
    path: Path,
    *,
    media: Path | None = None,
    model: str | None = None,
    title: str | None = None,
) -> int:
    """Parse ``path`` completely, then add it in one transaction: a bad file changes nothing."""
    if media is not None and not media.is_file():
        raise ImportFailedError(f"{media}: media file not found; check the --media path")
    raw, transcript = read_result_file(path)
    return library.add_item(
        raw=raw,
        source=str(path.resolve()),
        transcript=transcript,
        title=title or default_title(transcript, path, media),
        model=model,
        media_path=str(media.resolve()) if media else None,
    )


def default_title(transcript: Transcript, result_path: Path, media: Path | None) -> str:
    """The media's file name, else the file name in the service's URL, else the result's."""
    if media is not None:
        return clean_line(media.name)
    url_name = clean_line(unquote(Path(urlsplit(transcript.file_url).path).name))
    return url_name or clean_line(result_path.stem) or "Untitled"
