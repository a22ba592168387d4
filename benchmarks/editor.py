"""The editor on a 12-hour recording: open, look up, highlight, scroll, edit, save, memory.

Run ``python -m benchmarks.editor`` (``--quick``: fewer repetitions, same
transcript). The transcript is synthetic: 20 000 sentences, about 150 000
words (DESIGN.md's 12-hour recording), Chinese and English sentences in turn,
stored in a fresh library. Everything runs offscreen (``QT_QPA_PLATFORM``),
painting for real.

- ``open_s``: from ``open_library_item`` (library read, decode, model, view,
  player set-up) to the first painted frame; ``open_settled_s``: until every
  row has its estimated height (a timer 60 ms after showing).
- ``lookup_us``: one time → word lookup (``TimeIndex.locate``), mean.
- ``highlight_ms``: one playback tick (40 Hz): playhead update, repaint of the
  changed rows, follow-scroll when the sentence leaves the screen; mean,
  ``highlight_p99_ms``, and ``highlight_word_change_ms`` (mean of the ticks
  where the highlighted word moved: the ones that repaint).
- ``scroll_ms``: one page of scrolling, repainted; ``jump_ms``: scrolling to
  a random sentence (search hit, "next unreviewed"), repainted.
- ``edit_ms``: one text edit through the undo stack, model and view;
  ``save_s``: the autosave of the whole transcript (background thread).
- ``rss_mb``: peak resident memory of the process.

Peers, measured in the same run: a linear scan for the lookup, and Qt's stock
way to show wrapped rows (``QStandardItemModel`` + ``QTableView`` with
``resizeRowsToContents``) for opening, on the same sentences.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from desktop.domain.timeline import TimeIndex
from desktop.domain.transcript import Channel, Sentence, Transcript, Word

SENTENCES = 20_000
HOURS = 12
TICK_MS = 25

CHINESE = "我们今天讨论项目进度问题需要解决方案大家觉得可以开始工作时间安排下周会议"
ENGLISH = (
    "the", "project", "schedule", "needs", "a", "clear", "plan", "and", "we", "should",
    "agree", "on", "next", "steps", "before", "friday", "so", "that", "everyone", "knows",
    "what", "to", "do", "about", "budget", "release", "meeting", "customer", "team",
)  # fmt: skip


def synthetic_transcript(seed: int = 6) -> Transcript:
    """20 000 sentences over 12 hours, ~7.5 words each, Chinese and English in turn."""
    rng = random.Random(seed)
    span = HOURS * 3_600_000 // SENTENCES
    sentences = []
    for number in range(SENTENCES):
        begin = number * span
        count = rng.randint(4, 11)
        step = (span - 200) // count
        words = []
        for i in range(count):
            if number % 2:
                text = rng.choice(ENGLISH) + " "
            else:
                start = rng.randrange(len(CHINESE) - 4)
                text = CHINESE[start : start + rng.randint(1, 4)]
            punctuation = ("。" if number % 2 == 0 else ".") if i == count - 1 else ""
            if i == count - 1:
                text = text.rstrip()
            words.append(Word(begin + i * step, begin + (i + 1) * step, text, punctuation))
        sentences.append(
            Sentence(
                begin_ms=begin,
                end_ms=begin + count * step,
                text="".join(w.display for w in words),
                words=tuple(words),
                speaker_id=number % 3,
                sentence_id=number + 1,
            )
        )
    return Transcript(
        file_url="file:///meeting.mp4",
        channels=(Channel(0, tuple(sentences)),),
        duration_ms=HOURS * 3_600_000,
    )


def settle(app: QApplication) -> None:
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)


def first_paint(app: QApplication, widget: QObject) -> None:
    """Process events until ``widget``'s viewport has painted once."""
    painted = []

    class Probe(QObject):
        def eventFilter(self, _watched: QObject, event: object) -> bool:
            if getattr(event, "type", lambda: None)() == event.Type.Paint:  # type: ignore[attr-defined]
                painted.append(1)
            return False

    probe = Probe()
    widget.installEventFilter(probe)
    deadline = time.perf_counter() + 30
    while not painted and time.perf_counter() < deadline:
        app.processEvents()
    widget.removeEventFilter(probe)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="tingxie-bench-"))
    os.environ["TINGXIE_HOME"] = str(home)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    from desktop.store.library import Library, LibraryFile
    from desktop.ui.editor.window import open_library_item

    transcript = synthetic_transcript()
    words = sum(len(s.words) for s in transcript.channels[0].sentences)
    with Library.open() as library:
        item_id = library.add_item(raw=b"{}", source="bench", transcript=transcript, title="12 h")
    results: dict[str, float | int] = {"words": words, "sentences": SENTENCES}

    # Open: library → painted window.
    started = time.perf_counter()
    editor = open_library_item(LibraryFile.default(), item_id)
    editor.resize(1280, 800)
    editor.show()
    first_paint(app, editor.view.viewport())
    results["open_s"] = time.perf_counter() - started
    view = editor.view
    while view._estimate_timer.isActive() or view._height_timer.isActive():
        app.processEvents()  # row heights estimated for all rows, exact for those shown
    results["open_settled_s"] = time.perf_counter() - started
    settle(app)

    sentences = editor.model.sentences()
    rng = random.Random(1)
    end = transcript.end_ms

    # Lookup: prebuilt index, binary search; the peer scans.
    started = time.perf_counter()
    index = TimeIndex(sentences)
    results["index_build_ms"] = (time.perf_counter() - started) * 1000
    probes = [rng.randrange(end) for _ in range(20_000 if quick else 100_000)]
    started = time.perf_counter()
    for ms in probes:
        index.locate(ms)
    results["lookup_us"] = (time.perf_counter() - started) / len(probes) * 1e6
    scan_probes = probes[: 20 if quick else 100]
    started = time.perf_counter()
    for ms in scan_probes:
        _scan(sentences, ms)
    results["peer_scan_lookup_us"] = (time.perf_counter() - started) / len(scan_probes) * 1e6

    # Highlight: playback ticks with repaint, from a few places in the recording.
    editor.model.time_index()  # built once, as the first tick after opening does
    ticks: list[float] = []
    changing: list[float] = []  # ticks where the highlighted word moved
    for start_ms in [rng.randrange(end - 600_000) for _ in range(3 if quick else 10)]:
        editor.seek(start_ms)
        settle(app)
        for tick in range(200 if quick else 400):
            before = editor.model.playhead
            began = time.perf_counter()
            editor.model.set_position(start_ms + tick * TICK_MS)
            settle(app)  # the queued repaint of the rows that changed
            ticks.append(time.perf_counter() - began)
            if editor.model.playhead != before:
                changing.append(ticks[-1])
    results["highlight_ms"] = statistics.fmean(ticks) * 1000
    results["highlight_p99_ms"] = sorted(ticks)[int(len(ticks) * 0.99)] * 1000
    results["highlight_word_change_ms"] = statistics.fmean(changing) * 1000

    # Scrolling: page by page, and jumps to random sentences.
    bar = editor.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    settle(app)
    pages: list[float] = []
    for _ in range(50 if quick else 200):
        began = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        editor.view.viewport().repaint()
        settle(app)  # exact heights of newly shown rows are applied here
        pages.append(time.perf_counter() - began)
    results["scroll_ms"] = statistics.fmean(pages) * 1000
    jumps: list[float] = []
    for _ in range(30 if quick else 100):
        row = rng.randrange(len(sentences))
        began = time.perf_counter()
        editor.select_row(row)
        editor.view.viewport().repaint()
        settle(app)
        jumps.append(time.perf_counter() - began)
    results["jump_ms"] = statistics.fmean(jumps) * 1000

    # An edit through the undo stack, and the autosave it causes.
    model = editor.model
    edits: list[float] = []
    for number in range(5 if quick else 20):
        row = rng.randrange(len(sentences))
        text = model.sentence(row).text
        began = time.perf_counter()
        model.setData(
            model.index(row, 5), text[: len(text) // 2] + f" edit{number} " + text[len(text) // 2 :]
        )
        settle(app)
        edits.append(time.perf_counter() - began)
    results["edit_ms"] = statistics.fmean(edits) * 1000
    began = time.perf_counter()
    editor.session.flush()
    results["save_s"] = time.perf_counter() - began
    results["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    editor.close()
    settle(app)

    # Peer: the stock Qt table with rows sized to their wrapped text.
    peer_rows = 2_000 if quick else SENTENCES
    began = time.perf_counter()
    peer = _stock_table(sentences[:peer_rows])
    peer.resize(1280, 800)
    peer.show()
    first_paint(app, peer.viewport())
    results["peer_stock_open_s"] = time.perf_counter() - began
    results["peer_stock_rows"] = peer_rows
    peer.close()

    results = {k: round(v, 4) if isinstance(v, float) else v for k, v in results.items()}
    for key, value in results.items():
        print(f"{key:>22}: {value}")
    print(json.dumps(results))
    return 0


def _scan(sentences: list[Sentence], ms: int) -> tuple[int, int] | None:
    """The obvious lookup: walk every word."""
    best = None
    for row, sentence in enumerate(sentences):
        for index, word in enumerate(sentence.words):
            if word.begin_ms <= ms < sentence.end_ms:
                best = (row, index)
    return best


def _stock_table(sentences: list[Sentence]) -> QTableView:
    model = QStandardItemModel(len(sentences), 4)
    for row, sentence in enumerate(sentences):
        model.setItem(row, 0, QStandardItem(str(sentence.begin_ms)))
        model.setItem(row, 1, QStandardItem(str(sentence.end_ms)))
        model.setItem(row, 2, QStandardItem(str(sentence.speaker_id)))
        model.setItem(row, 3, QStandardItem(sentence.text))
    view = QTableView()
    view.setModel(model)
    view.setWordWrap(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view._model = model  # type: ignore[attr-defined]  # keep it alive with the view
    return view


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
