"""The one error a file format raises: the message names the file and the problem."""

from __future__ import annotations


class FileFormatError(Exception):
    """A file could not be read as its format; the message names the file and the fix."""
