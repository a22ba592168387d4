"""Which of our files a task's result entry is about.

The service echoes each ``file_url`` as it received it: percent-encoded by the
client (spaces, CJK), while a job keeps the URL as the user typed it. Both sides
are compared decoded, so ``会议 1.mp3`` and ``%E4%BC%9A%E8%AE%AE%201.mp3`` match.
"""

from __future__ import annotations

from urllib.parse import unquote


def normalized(url: str) -> str:
    return unquote(url.strip())


def same_file_url(ours: str, theirs: str) -> bool:
    return normalized(ours) == normalized(theirs)
