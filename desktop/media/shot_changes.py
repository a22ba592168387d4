"""Shot changes of a video: detected with FFmpeg's scene score through PyAV, cached on disk.

The detection decodes every frame (minutes for a feature film), so it is a
plain blocking function meant for a worker thread: ``should_stop`` lets the
caller cancel it and ``on_progress`` reports how far it got. The scene score
is FFmpeg's ``select`` filter's ``scene`` (0–1, the change between a frame
and the one before); a frame scoring over the threshold starts a new shot.
0.4 is Subtitle Edit's default ("0.2 is sensitive, 0.6 is less sensitive").
Frames are scaled down first: the score compares whole pictures, and a small
picture scores the same cut many times faster.

The times (milliseconds from the start of the video, each the first frame of
a new shot) are cached like the waveform peaks (``media.waveform.cache_key``:
path, size and modification time), one value in seconds per line as Subtitle
Edit's ``.shotchanges`` files are, so a file replaced in place is detected again.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

import av

from desktop.media.waveform import cache_key
from desktop.paths import cache_dir

DEFAULT_THRESHOLD = 0.4
SCALE_WIDTH = 320
# A "shot change" in the first fifth of a second is the picture appearing (Subtitle Edit too).
IGNORE_BEFORE_MS = 200

Progress = Callable[[int], None]  # milliseconds of video examined


def detect_shot_changes(
    media: Path,
    threshold: float = DEFAULT_THRESHOLD,
    *,
    on_progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[int] | None:
    """The start of every shot after the first, in ms; [] without video; None when stopped.

    Raises ``OSError`` (``av.FFmpegError`` is one) when the file cannot be read.
    """
    with av.open(str(media)) as container:
        streams = [
            s
            for s in container.streams.video
            if not s.disposition & av.stream.Disposition.attached_pic
        ]
        if not streams:
            return []
        stream = streams[0]
        stream.thread_type = "AUTO"
        offset = float(stream.start_time * stream.time_base) if stream.start_time else 0.0
        graph = av.filter.Graph()
        source = graph.add_buffer(template=stream)
        scale = graph.add("scale", f"{SCALE_WIDTH}:-2")
        select = graph.add("select", f"gt(scene\\,{threshold:g})")
        sink = graph.add("buffersink")
        source.link_to(scale)
        scale.link_to(select)
        select.link_to(sink)
        graph.configure()
        times: list[int] = []
        for count, frame in enumerate(container.decode(stream)):
            if should_stop is not None and count % 50 == 0 and should_stop():
                return None
            graph.push(frame)
            times.extend(_pulled(graph, offset))
            if on_progress is not None and count % 250 == 0 and frame.time is not None:
                on_progress(round((frame.time - offset) * 1000))
    return sorted({t for t in times if t >= IGNORE_BEFORE_MS})


def _pulled(graph: av.filter.Graph, offset: float) -> list[int]:
    out: list[int] = []
    while True:
        try:
            frame = graph.pull()
        except (av.BlockingIOError, av.EOFError):
            return out
        except av.FFmpegError:
            return out
        if frame.time is not None:
            out.append(round((frame.time - offset) * 1000))


def cache_path(
    media: Path, threshold: float = DEFAULT_THRESHOLD, folder: Path | None = None
) -> Path:
    name = f"{cache_key(media)}-{round(threshold * 100):03d}.shotchanges"
    return (folder or cache_dir() / "shot-changes") / name


def load_cached(
    media: Path, threshold: float = DEFAULT_THRESHOLD, folder: Path | None = None
) -> list[int] | None:
    """The cached shot changes of ``media``, or None (not detected yet, changed, unreadable)."""
    try:
        text = cache_path(media, threshold, folder).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        return [round(float(line) * 1000) for line in text.split()]
    except ValueError:
        return None


def store_cached(
    media: Path, shots: list[int], threshold: float = DEFAULT_THRESHOLD, folder: Path | None = None
) -> Path:
    """Write the list atomically (a crash mid-write leaves no half file)."""
    target = cache_path(media, threshold, folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")
    temporary.write_text("".join(f"{ms / 1000:.3f}\n" for ms in shots), encoding="ascii")
    temporary.replace(target)
    return target


def shot_changes_for(
    media: Path,
    threshold: float = DEFAULT_THRESHOLD,
    *,
    folder: Path | None = None,
    on_progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[int] | None:
    """Cached shot changes if there are, else detected (and cached when complete)."""
    cached = load_cached(media, threshold, folder)
    if cached is not None:
        return cached
    shots = detect_shot_changes(media, threshold, on_progress=on_progress, should_stop=should_stop)
    if shots is not None:
        with contextlib.suppress(OSError):  # a read-only cache costs the next open a detection
            store_cached(media, shots, threshold, folder)
    return shots
