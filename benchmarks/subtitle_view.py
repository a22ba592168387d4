"""The subtitle view on a 12-hour track: open, one cue edit, a merge, a playback tick.

Run ``python -m benchmarks.subtitle_view`` (``--quick``: a 3-hour transcript,
fewer repetitions). The transcript is ``tests.helpers.long_transcript``'s
synthetic mixed one, cut by the Netflix English preset into a track stored
in a fresh library; the panel is shown offscreen, painting for real.

- ``open_s``: ``SubtitlePanel`` built (track read, stale marks, rows, check,
  table) to the first painted frame; the dictionary loads later, off the
  GUI thread, and is not counted.
- ``edit_ms``: one cue text edit through the undo stack, re-check, model and
  view, repainted; mean.
- ``merge_ms``: one merge with the next cue (rows removed, the numbers below
  updated), repainted; mean.
- ``tick_ms``: one playback position update (cue on screen, word lit); mean.

Peer: Qt's stock table (``QStandardItemModel`` + ``QTableView`` with rows
sized to contents) filled with the same rows, to the first painted frame.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TINGXIE_HOME", tempfile.mkdtemp(prefix="tingxie-bench-"))

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from desktop.domain import cue_editing as edit
from desktop.domain.cue_track import cut_track
from desktop.store.library import Library, LibraryFile
from desktop.store.subtitle_profiles import find_preset
from desktop.ui.editor.subtitles.panel import SubtitlePanel
from tests.helpers.long_transcript import long_mixed_transcript
from tests.helpers.speech_media import add_to_library


def _painted(app: QApplication) -> None:
    app.processEvents()
    app.processEvents()


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    app = QApplication.instance() or QApplication([])
    transcript = long_mixed_transcript(180 if quick else 720)
    item = add_to_library(transcript, None)
    track = cut_track(transcript, find_preset("netflix-en"), "EN")
    with Library.open() as library:
        library.tracks.create(item, track)
    started = time.perf_counter()
    panel = SubtitlePanel(
        item, library=LibraryFile.default(), transcript=lambda: transcript, playhead=lambda: 0
    )
    panel.resize(1200, 700)
    panel.show()
    _painted(app)
    open_s = time.perf_counter() - started
    session = panel.session
    assert session is not None
    repeats = 10 if quick else 30
    middle = len(track) // 2
    panel.select_row(middle)
    _painted(app)

    def timed(action: object) -> float:
        began = time.perf_counter()
        action()  # type: ignore[operator]
        _painted(app)
        return (time.perf_counter() - began) * 1000

    edits = [
        timed(lambda n=n: session.apply("edit", lambda t: edit.set_text(t, middle, f"Cue {n}\nok")))
        for n in range(repeats)
    ]
    merges = []
    for _ in range(repeats):
        merges.append(timed(panel.merge_with_next))
        session.undo_stack.undo()
        _painted(app)
    cue_starts = [c.start_ms + 10 for c in session.track.cues[middle : middle + repeats * 4]]
    ticks = [timed(lambda ms=ms: panel.set_position(ms)) for ms in cue_starts]

    rows = panel.model.rowCount() if panel.model else 0
    peer_started = time.perf_counter()
    stock = QStandardItemModel(rows, 7)
    for row, cue in enumerate(session.track.cues):
        stock.setItem(row, 4, QStandardItem(cue.text))
        stock.setItem(row, 1, QStandardItem(str(cue.start_ms)))
    table = QTableView()
    table.setModel(stock)
    table.resize(1200, 700)
    table.resizeRowsToContents()
    table.show()
    _painted(app)
    peer_s = time.perf_counter() - peer_started
    panel.close_track()
    result = {
        "cues": rows,
        "open_s": round(open_s, 3),
        "edit_ms": round(statistics.mean(edits), 2),
        "merge_ms": round(statistics.mean(merges), 2),
        "tick_ms": round(statistics.mean(ticks), 3),
        "peer_stock_table_open_s": round(peer_s, 3),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
