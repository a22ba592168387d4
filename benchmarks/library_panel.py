"""The library panel on a big library: how long the window stays unresponsive.

Run ``python -m benchmarks.library_panel`` (``--quick``: 2 000 items instead of
20 000). A fresh library gets N items of 12 sentences each, Chinese and English
in turn (20 000 items ≈ 240 000 indexed sentences: years of meetings). Offscreen
Qt, painting for real.

- ``build_s``: filling the library (not the panel's cost; for scale).
- ``load_s``: from creating the panel to its rows shown (items read in a
  worker thread, then handed to the model).
- ``ui_stall_max_ms``: the longest the UI thread was busy during that load,
  measured by a 5 ms timer (how long a click or a repaint would wait).
- ``filter_ms``: choosing a model filter (all rows re-checked, view repainted).
- ``sort_ms``: sorting by title (header click).
- ``search_s``: a full-text query from typing to hits shown (after the 250 ms
  typing pause, which is not counted); ``search_zh_s`` the same for a Chinese
  substring.

Peer, measured in the same run: the simple way, reading the items on the UI
thread into a ``QStandardItemModel`` behind a ``QSortFilterProxyModel``;
``peer_ui_stall_ms`` is how long that blocks the window.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ZH = "我们今天讨论项目进度问题需要解决方案大家觉得可以开始工作时间安排下周会议客户预算发布"
EN = [
    "the",
    "project",
    "schedule",
    "needs",
    "a",
    "clear",
    "plan",
    "and",
    "we",
    "should",
    "agree",
    "on",
    "next",
    "steps",
    "before",
    "friday",
    "so",
    "that",
    "everyone",
    "knows",
    "what",
    "to",
    "do",
    "about",
    "budget",
    "release",
    "meeting",
    "customer",
    "team",
]
MODELS = ("paraformer-v2", "fun-asr", "sensevoice-v1", "paraformer-8k-v2")


def build_library(count: int, seed: int = 5) -> None:
    from desktop.domain.transcript import Channel, Sentence, Transcript, Word
    from desktop.store.library import Library

    rng = random.Random(seed)
    with Library.open() as library:
        for number in range(count):
            sentences = []
            for index in range(12):
                begin = index * 5000
                if index % 2:
                    text = " ".join(rng.choice(EN) for _ in range(8)) + "."
                else:
                    start = rng.randrange(len(ZH) - 12)
                    text = ZH[start : start + 12] + "。"
                words = (Word(begin, begin + 4000, text),)
                sentences.append(Sentence(begin, begin + 4000, text, words, sentence_id=index))
            transcript = Transcript(
                file_url=f"https://example.com/meeting-{number}.mp3",
                channels=(Channel(0, tuple(sentences)),),
                duration_ms=rng.randint(60_000, 3 * 3_600_000),
            )
            library.add_item(
                raw=b"{}",
                source="bench",
                transcript=transcript,
                title=f"meeting {number:05d}",
                model=MODELS[number % len(MODELS)],
            )


class StallMeter:
    """The longest gap between ticks of a 5 ms timer on the UI thread."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def start(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        self._tick()
        return self.longest


def wait_for(app: object, done: Callable[[], bool], limit_s: float = 600) -> None:
    deadline = time.perf_counter() + limit_s
    while not done():
        app.processEvents()  # type: ignore[attr-defined]
        if time.perf_counter() > deadline:
            raise TimeoutError("the panel did not finish")
        time.sleep(0.001)


def peer_stall(app: object) -> float:
    """Items read and shown synchronously, with Qt's stock item model."""
    from PySide6.QtCore import QSortFilterProxyModel
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from desktop.store.library import Library

    started = time.perf_counter()
    with Library.open() as library:
        items = library.items()
    model = QStandardItemModel(len(items), 5)
    for row, item in enumerate(items):
        for column, value in enumerate(
            (item.title, item.created_at.isoformat(), item.model or "", str(item.duration_ms), "")
        ):
            model.setItem(row, column, QStandardItem(value))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(1, view.horizontalHeader().sortIndicatorOrder())
    view.resize(600, 700)
    view.show()
    app.processEvents()  # type: ignore[attr-defined]
    return time.perf_counter() - started


def timed(app: object, action: Callable[[], None]) -> float:
    started = time.perf_counter()
    action()
    app.processEvents()  # type: ignore[attr-defined]
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    count = 2_000 if quick else 20_000
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["TINGXIE_HOME"] = tempfile.mkdtemp(prefix="tingxie-bench-library-")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from desktop.store.library import LibraryFile
    from desktop.ui.library.model import ItemColumn
    from desktop.ui.library.panel import LibraryPanel

    results: dict[str, float | int] = {"items": count, "sentences": count * 12}
    started = time.perf_counter()
    build_library(count)
    results["build_s"] = round(time.perf_counter() - started, 2)
    size = Path(os.environ["TINGXIE_HOME"], "library.sqlite3").stat().st_size
    results["library_mb"] = round(size / 2**20, 1)

    meter = StallMeter()
    meter.start()
    started = time.perf_counter()
    panel = LibraryPanel(LibraryFile.default())
    panel.resize(600, 700)
    panel.show()
    wait_for(app, lambda: panel.items_model.rowCount() == count)
    app.processEvents()
    results["load_s"] = round(time.perf_counter() - started, 3)
    results["ui_stall_max_ms"] = round(meter.stop() * 1000, 1)

    combo = panel.model_filter
    results["filter_ms"] = round(
        timed(app, lambda: combo.setCurrentIndex(combo.findData("fun-asr"))) * 1000, 1
    )
    assert panel.proxy.rowCount() == count // len(MODELS)
    combo.setCurrentIndex(0)
    app.processEvents()
    results["sort_ms"] = round(
        timed(
            app,
            lambda: panel.items_view.sortByColumn(ItemColumn.TITLE, Qt.SortOrder.AscendingOrder),
        )
        * 1000,
        1,
    )

    for key, query in (("search_s", "budget friday"), ("search_zh_s", "项目进度")):
        panel.search_box.setText(query)
        started = time.perf_counter()
        panel._search_timer.stop()  # no typing pause: measure the search itself
        panel._start_search()
        wait_for(app, lambda q=query: panel._hits_key == (q, None))
        results[key] = round(time.perf_counter() - started, 3)
        results[key.replace("_s", "_hits")] = panel.hits_model.rowCount()
        panel.search_box.clear()
        app.processEvents()

    results["peer_ui_stall_ms"] = round(peer_stall(app) * 1000, 1)
    results["peer_ratio"] = round(
        results["peer_ui_stall_ms"] / max(results["ui_stall_max_ms"], 0.1), 1
    )
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
