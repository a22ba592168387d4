"""The waveform under the player: sentences as regions, dragged to retime them.

Peaks come from ``desktop.media.waveform`` in a background thread, chunk by
chunk; each chunk repaints only if it falls in view, so the waveform fills in
while a long file decodes. What is drawn (peaks, regions, their text) is kept
in a pixmap; a playback tick only copies the pixmap and draws the playhead
line, so following playback at 40 Hz costs well under a millisecond of
painting. The pixmap is redrawn when the view moves, the transcript changes
or peaks arrive in view.

Mouse: a click seeks; a press on a region selects its sentence; dragging an
edge retimes it and dragging the body moves it (words and all), snapping to
word boundaries and silences within a few pixels (hold Shift to place it
freely). Ctrl+wheel zooms around the pointer, the wheel scrolls. Every drag
is one undoable edit, made through the transcript model on release.

In the subtitle view (``show_cues``) the regions are the open track's cues
instead, dragged the same way and retimed through the track's model; shot
changes (``set_shots``) are drawn as lines and are snap targets too.
"""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QLineF, QObject, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QLabel, QScrollBar, QSizePolicy, QVBoxLayout, QWidget

from desktop.domain.durations import format_time
from desktop.domain.snapping import SnapTargets, snap_targets
from desktop.domain.timecode import frame_to_ms, ms_to_frame
from desktop.media.waveform import BUCKETS_PER_SECOND, PeakLoader, Peaks, silences
from desktop.ui.editor.model import TranscriptModel
from desktop.ui.editor.subtitles.track_model import TrackModel
from desktop.ui.util.background import GuiDelivery

EDGE_PX = 5  # how near an edge a press grabs it
SNAP_PX = 8  # how far (in pixels) a dragged time is pulled to a word boundary or silence
DRAG_START_PX = 3  # movement below this is a click, not a drag
MIN_CUE_MS = 20
MIN_MS_PER_PX = 1.0
DEFAULT_SPAN_MS = 30_000  # what a fresh view shows across its width
ZOOM_STEP = 1.25
FOLLOW_MARGIN = 0.1  # after a page turn the playhead sits this far into the view
RULER_STEPS_MS = (100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000,
                  300_000, 600_000, 1_800_000, 3_600_000)  # fmt: skip


class _Region(NamedTuple):
    begin_ms: int
    end_ms: int
    row: int


class _Drag(NamedTuple):
    kind: str  # "start", "end", "move" or "seek"
    row: int
    press_x: float
    begin_ms: int
    end_ms: int
    free: bool  # Shift held at the press: no snapping


class PeakFeed(QObject):
    """Runs a ``PeakLoader`` and hands its results to the GUI thread as signals.

    Signals:
        chunk(int, bytes)
        done(Peaks): every peak, once the whole file is decoded
        failed(str)
    """

    chunk = Signal(int, bytes)
    done = Signal(Peaks)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loader: PeakLoader | None = None

    def load(self, media: Path) -> None:
        self.stop()
        # The loader's thread outlives a closed editor for a moment: its reports go
        # through a delivery that ends with this feed.
        deliver = GuiDelivery(self)
        self._loader = PeakLoader(
            media,
            lambda start, values: deliver(lambda: self.chunk.emit(start, values)),
            lambda peaks: deliver(lambda: self.done.emit(peaks)),
            lambda message: deliver(lambda: self.failed.emit(message)),
            on_exit=deliver.close,
        )

    def stop(self) -> None:
        if self._loader is not None:
            self._loader.cancel(wait=5)
            self._loader = None


class WaveformView(QWidget):
    """Peaks, sentence regions and the playhead over a scrollable, zoomable time axis.

    Signals:
        seek_requested(int): media time in ms
        row_selected(int): a region was pressed
        view_changed(): the visible span moved or zoomed
    """

    seek_requested = Signal(int)
    row_selected = Signal(int)
    view_changed = Signal()

    def __init__(self, model: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.peaks = Peaks()
        self._duration_ms = 0
        self._start_ms = 0.0
        self._ms_per_px = DEFAULT_SPAN_MS / 800
        self._position_ms = 0
        self.selected_row: int | None = None
        self.follow_playback = True
        self._drag: _Drag | None = None
        self._dragging = False
        self._preview: tuple[int, int] | None = None
        self._pixmap: QPixmap | None = None
        self._regions: list[_Region] | None = None
        self._regions_of: object = None  # the model's sentence list the regions were made from
        self._longest_ms = 0
        self._silences: list[tuple[int, int]] = []
        self._targets: SnapTargets | None = None
        self.shots: tuple[int, ...] = ()
        self._cues: TrackModel | None = None
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setToolTip(
            self.tr(
                "Click to seek; drag a sentence's edge to retime it, its body to move it"
                " (Shift: no snapping); Ctrl+wheel zooms"
            )
        )
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
            model.layoutChanged,
        ):
            signal.connect(self._transcript_changed)

    # -- data ------------------------------------------------------------------

    def set_peaks(self, peaks: Peaks) -> None:
        self.peaks = peaks
        if peaks.complete:
            self._silences = silences(peaks)
            self._targets = None
        self._invalidate()

    def add_chunk(self, start: int, chunk: bytes) -> None:
        """Peaks decoded so far: repaint only if they are in view."""
        self.peaks.add(start, chunk)
        begin_ms = start * 1000 // BUCKETS_PER_SECOND
        end_ms = (start + len(chunk)) * 1000 // BUCKETS_PER_SECOND
        if end_ms >= self._start_ms and begin_ms <= self.end_ms():
            self._invalidate()
        self.view_changed.emit()  # the scroll range may have grown

    def peaks_done(self, peaks: Peaks) -> None:
        if peaks is not self.peaks:
            self.peaks = peaks
        self.peaks.complete = True
        self._silences = silences(self.peaks)
        self._targets = None
        self._invalidate()

    def set_duration(self, ms: int) -> None:
        self._duration_ms = ms
        self.view_changed.emit()

    def length_ms(self) -> int:
        regions = self._visible_regions_source()
        last = max((r.end_ms for r in regions[-16:]), default=0)
        return max(self._duration_ms, self.peaks.duration_ms, last, 1000)

    def silences(self) -> list[tuple[int, int]]:
        return self._silences

    def set_shots(self, shots: tuple[int, ...]) -> None:
        """The media's shot changes: drawn as lines, snapped to."""
        self.shots = shots
        self._targets = None
        self._invalidate()

    @property
    def cues(self) -> TrackModel | None:
        return self._cues

    def show_cues(self, model: TrackModel | None) -> None:
        """Show (and drag) the cues of ``model`` instead of the sentences; None: sentences."""
        if model is self._cues:
            return
        self._cues = model
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                           model.dataChanged, model.layoutChanged):  # fmt: skip
                signal.connect(self._transcript_changed)
        self.selected_row = None
        self._regions = None
        self._targets = None
        self._invalidate()

    def _source(self) -> object:
        return self._cues.track if self._cues is not None else self._model.sentences()

    def _times(self, row: int) -> tuple[int, int]:
        if self._cues is not None:
            cue = self._cues.track.cues[row]
            return cue.start_ms, cue.end_ms
        sentence = self._model.sentence(row)
        return sentence.begin_ms, sentence.end_ms

    def _text(self, row: int) -> str:
        if self._cues is not None:
            return " / ".join(self._cues.track.cues[row].lines)
        return self._model.sentence(row).text

    def _transcript_changed(self, *_args: object) -> None:
        if self._regions is not None and self._source() is self._regions_of:
            return  # the playhead moved in the table (same rows): nothing to redraw here
        self._regions = None
        self._targets = None
        rows = self._cues.rowCount() if self._cues is not None else self._model.rowCount()
        if self.selected_row is not None and self.selected_row >= rows:
            self.selected_row = None
        self._invalidate()

    def _visible_regions_source(self) -> list[_Region]:
        if self._regions is None:
            self._regions_of = self._source()
            if self._cues is not None:
                regions = [
                    _Region(c.start_ms, c.end_ms, row)
                    for row, c in enumerate(self._cues.track.cues)
                ]
            else:
                regions = [
                    _Region(s.begin_ms, s.end_ms, row)
                    for row, s in enumerate(self._model.sentences())
                ]
            regions.sort()
            self._regions = regions
            self._longest_ms = max((r.end_ms - r.begin_ms for r in regions), default=0)
        return self._regions

    def visible_regions(self) -> list[_Region]:
        regions = self._visible_regions_source()
        view_start, view_end = self._start_ms, self.end_ms()
        stop = bisect_left(regions, (int(view_end) + 1,))
        first = bisect_left(regions, (int(view_start - self._longest_ms),))
        return [r for r in regions[first:stop] if r.end_ms >= view_start]

    # -- the time axis ---------------------------------------------------------

    @property
    def start_ms(self) -> float:
        return self._start_ms

    @property
    def ms_per_px(self) -> float:
        return self._ms_per_px

    def span_ms(self) -> float:
        return self.width() * self._ms_per_px

    def end_ms(self) -> float:
        return self._start_ms + self.span_ms()

    def x_of(self, ms: float) -> float:
        return (ms - self._start_ms) / self._ms_per_px

    def ms_at(self, x: float) -> int:
        return max(0, round(self._start_ms + x * self._ms_per_px))

    def set_view(self, start_ms: float, ms_per_px: float | None = None) -> None:
        """Show from ``start_ms`` at a zoom of ``ms_per_px`` (clamped to the media)."""
        if ms_per_px is not None:
            most = max(MIN_MS_PER_PX, self.length_ms() / max(1, self.width()))
            ms_per_px = min(max(ms_per_px, MIN_MS_PER_PX), most)
        else:
            ms_per_px = self._ms_per_px
        span = self.width() * ms_per_px
        start_ms = min(max(0.0, start_ms), max(0.0, self.length_ms() - span))
        if (start_ms, ms_per_px) == (self._start_ms, self._ms_per_px):
            return
        self._start_ms, self._ms_per_px = start_ms, ms_per_px
        self._invalidate()
        self.view_changed.emit()

    def zoom(self, factor: float, around_x: float | None = None) -> None:
        """Zoom in (factor > 1) or out, keeping the time under ``around_x`` in place."""
        x = self.width() / 2 if around_x is None else around_x
        anchor = self._start_ms + x * self._ms_per_px
        new = self._ms_per_px / factor
        self.set_view(anchor - x * max(new, MIN_MS_PER_PX), new)

    def show_time(self, ms: int) -> None:
        """Scroll (not zoom) so ``ms`` is in view, a little in from the left edge."""
        if not self._start_ms <= ms <= self.end_ms():
            self.set_view(ms - self.span_ms() * FOLLOW_MARGIN)

    # -- playback and selection ------------------------------------------------

    def set_position(self, ms: int) -> None:
        """Move the playhead; turns the page when it leaves the view (unless dragging)."""
        old = self._position_ms
        self._position_ms = ms
        if (
            self.follow_playback
            and self._drag is None
            and not (self._start_ms <= ms <= self.end_ms())
        ):
            self.set_view(ms - self.span_ms() * FOLLOW_MARGIN)
            return
        height = self.height()
        for x in (self.x_of(old), self.x_of(ms)):
            if -2 <= x <= self.width() + 2:
                self.update(QRect(int(x) - 2, 0, 5, height))

    def position(self) -> int:
        return self._position_ms

    def select_row(self, row: int | None) -> None:
        """Highlight a sentence (the transcript view's selection); scroll it into view."""
        if row == self.selected_row:
            return
        self.selected_row = row
        rows = self._cues.rowCount() if self._cues is not None else self._model.rowCount()
        if row is not None and 0 <= row < rows:
            begin, end = self._times(row)
            if end < self._start_ms or begin > self.end_ms():
                self.set_view(begin - self.span_ms() * FOLLOW_MARGIN)
        self._invalidate()

    # -- painting --------------------------------------------------------------

    def _invalidate(self) -> None:
        self._pixmap = None
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.set_view(self._start_ms, self._ms_per_px)
        self._invalidate()

    def paintEvent(self, event: QPaintEvent) -> None:
        ratio = self.devicePixelRatioF()
        if self._pixmap is None or self._pixmap.size() != self.size() * ratio:
            self._pixmap = self.render_pixmap()
        painter = QPainter(self)
        painter.drawPixmap(event.rect(), self._pixmap, _scaled(event.rect(), ratio))
        if self._preview is not None and self._drag is not None:
            self._paint_region(painter, *self._preview, "", selected=True, preview=True)
        x = self.x_of(self._position_ms)
        painter.setPen(QPen(QColor(220, 40, 40), 1.5))
        painter.drawLine(QLineF(x, 0, x, self.height()))
        painter.end()

    @property
    def drawn_pixmap(self) -> QPixmap | None:
        """The cached drawing that paint events copy from; None until drawn again.

        Only a change to what is shown (an edit, a new view) drops it, never playback.
        """
        return self._pixmap

    def render_pixmap(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(self.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(pixmap)
        self._paint_peaks(painter)
        self._paint_ruler(painter)
        self._paint_shots(painter)
        for region in self.visible_regions():
            if self._drag is not None and self._dragging and region.row == self._drag.row:
                continue  # drawn at its dragged place instead
            text = self._text(region.row)
            selected = region.row == self.selected_row
            self._paint_region(painter, region.begin_ms, region.end_ms, text, selected=selected)
        painter.end()
        return pixmap

    def _paint_peaks(self, painter: QPainter) -> None:
        values = self.peaks.values
        width, middle = self.width(), self.height() / 2
        scale = (self.height() / 2 - 2) / 127
        per_ms = BUCKETS_PER_SECOND / 1000
        lines: list[QLineF] = []
        count = len(values)
        start, step = self._start_ms * per_ms, self._ms_per_px * per_ms  # in buckets
        for x in range(width):
            first = int(start + x * step)
            if first >= count:
                break
            last = max(first + 1, int(start + (x + 1) * step))  # zoomed in: a bucket spans pixels
            half = max(values[first:last]) * scale
            if half >= 0.5:
                lines.append(QLineF(x + 0.5, middle - half, x + 0.5, middle + half))
        painter.setPen(QPen(QColor(60, 110, 160), 1))
        painter.drawLine(QLineF(0, middle, width, middle))
        painter.drawLines(lines)

    def _paint_shots(self, painter: QPainter) -> None:
        """A line at every shot change in view."""
        if not self.shots:
            return
        first = bisect_left(self.shots, int(self._start_ms))
        stop = bisect_left(self.shots, int(self.end_ms()) + 1)
        pen = QPen(QColor(200, 40, 160), 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        for shot in self.shots[first:stop]:
            x = self.x_of(shot)
            painter.drawLine(QLineF(x, 0, x, self.height()))

    def _paint_ruler(self, painter: QPainter) -> None:
        """Time marks along the bottom, as dense as fits (every 100 ms to every hour)."""
        metrics = painter.fontMetrics()
        room = metrics.horizontalAdvance("0:00:00.0") + 16
        every = next((t for t in RULER_STEPS_MS if t / self._ms_per_px >= room), RULER_STEPS_MS[-1])
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        bottom = self.height() - 1
        tick = int(self._start_ms // every) * every
        while tick <= self.end_ms():
            x = self.x_of(tick)
            painter.drawLine(QLineF(x, bottom - 4, x, bottom))
            label = format_time(tick, millis=every < 1000)
            if every < 1000:
                label = label[:-2]  # tenths are enough
            painter.drawText(QPointF(x + 3, bottom - 3), label)
            tick += every

    def _paint_region(
        self,
        painter: QPainter,
        begin_ms: int,
        end_ms: int,
        text: str,
        *,
        selected: bool,
        preview: bool = False,
    ) -> None:
        left, right = self.x_of(begin_ms), self.x_of(end_ms)
        rect = QRectF(left, 0, max(1.0, right - left), self.height())
        fill = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        fill.setAlpha(90 if selected else 40)
        painter.fillRect(rect, fill)
        edge = QColor(230, 140, 20) if preview else QColor(fill.darker(150))
        edge.setAlpha(255)
        painter.setPen(QPen(edge, 2 if selected else 1))
        painter.drawLine(QLineF(left, 0, left, self.height()))
        painter.drawLine(QLineF(right, 0, right, self.height()))
        if text and rect.width() > 12:
            painter.setPen(self.palette().color(QPalette.ColorRole.Text))
            metrics = painter.fontMetrics()
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()) - 6)
            painter.drawText(QPointF(left + 3, metrics.ascent() + 2), shown)

    # -- mouse -----------------------------------------------------------------

    def hit(self, x: float) -> tuple[str, int] | None:
        """What a press at ``x`` grabs: an edge (``start``/``end``) or a body (``move``)."""
        best: tuple[float, str, int] | None = None
        inside: int | None = None
        for region in self.visible_regions():
            for kind, ms in (("start", region.begin_ms), ("end", region.end_ms)):
                distance = abs(self.x_of(ms) - x)
                preferred = region.row == self.selected_row  # a selected edge wins ties
                key = distance - (0.5 if preferred else 0)
                if distance <= EDGE_PX and (best is None or key < best[0]):
                    best = (key, kind, region.row)
            within = self.x_of(region.begin_ms) <= x <= self.x_of(region.end_ms)
            if within and (inside is None or region.row == self.selected_row):
                inside = region.row
        if best is not None:
            return best[1], best[2]
        return ("move", inside) if inside is not None else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        x = event.position().x()
        grabbed = self.hit(x)
        if grabbed is None:
            self._drag = _Drag("seek", -1, x, 0, 0, free=False)
            return None
        kind, row = grabbed
        begin, end = self._times(row)
        free = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self._drag = _Drag(kind, row, x, begin, end, free)
        if row != self.selected_row:
            self.select_row(row)
            self.row_selected.emit(row)
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = event.position().x()
        drag = self._drag
        if drag is None:
            grabbed = self.hit(x)
            cursor = Qt.CursorShape.ArrowCursor
            if grabbed is not None and grabbed[0] in ("start", "end"):
                cursor = Qt.CursorShape.SizeHorCursor
            self.setCursor(cursor)
            return
        if drag.kind == "seek":
            return
        if not self._dragging and abs(x - drag.press_x) < DRAG_START_PX:
            return
        if not self._dragging:
            self._dragging = True
            self._invalidate()  # the region leaves its old place in the pixmap
        free = drag.free or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self._preview = self.dragged_times(drag, x, snap=not free)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, preview, dragging = self._drag, self._preview, self._dragging
        self._drag, self._preview, self._dragging = None, None, False
        if drag is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if not dragging:
            self.seek_requested.emit(self.ms_at(event.position().x()))
            return
        self._invalidate()
        if preview is not None and preview != (drag.begin_ms, drag.end_ms):
            moved = drag.kind == "move"
            if self._cues is not None:
                row = self._cues.retime(drag.row, *preview)
            else:
                row = self._model.retime(drag.row, *preview, move_words=moved)
            if row is not None:
                self.selected_row = row
                self.row_selected.emit(row)

    def dragged_times(self, drag: _Drag, x: float, *, snap: bool) -> tuple[int, int]:
        """Where the dragged sentence would go for the pointer at ``x``."""
        delta = round((x - drag.press_x) * self._ms_per_px)
        tolerance = round(SNAP_PX * self._ms_per_px)
        targets = self.snap_targets() if snap else SnapTargets(())
        if drag.kind == "start":
            begin = targets.snap(drag.begin_ms + delta, tolerance)
            return max(0, min(begin, drag.end_ms - MIN_CUE_MS)), drag.end_ms
        if drag.kind == "end":
            if snap and self._cues is not None and self.shots:
                targets = self._cue_end_targets()
            end = targets.snap(drag.end_ms + delta, tolerance)
            return drag.begin_ms, max(end, drag.begin_ms + MIN_CUE_MS)
        begin, end = drag.begin_ms + delta, drag.end_ms + delta
        own = self._own_boundaries(drag.row)
        by_start = targets.snap(begin, tolerance, exclude=own) - begin
        by_end = targets.snap(end, tolerance, exclude=own) - end
        candidates = [c for c in (by_start, by_end) if c]
        shift = min(candidates, key=abs) if candidates else 0
        shift = max(shift, -(begin))  # never before 0
        return begin + shift, end + shift

    def _own_boundaries(self, row: int) -> list[int]:
        """A moved sentence's own word times move with it: they are no snap targets."""
        words = (
            self._cues.track.cues[row].words
            if self._cues is not None
            else self._model.sentence(row).words
        )
        return [t for w in words for t in (w.begin_ms, w.end_ms)]

    def snap_targets(self) -> SnapTargets:
        """Word boundaries, silences and shot changes; in the subtitle view the cues' words."""
        if self._targets is None:
            if self._cues is not None:
                times = [t for c in self._cues.track.cues for w in c.words
                         for t in (w.begin_ms, w.end_ms)]  # fmt: skip
                times += [t for span in self._silences for t in span]
                self._targets = SnapTargets([*times, *self.shots])
            else:
                self._targets = snap_targets(self._model.sentences(), self._silences, self.shots)
        return self._targets

    def _cue_end_targets(self) -> SnapTargets:
        """A cue's end snaps the preset's minimum gap before a shot change, never onto it."""
        model = self._cues
        assert model is not None
        rate, gap = model.rate, model.preset.min_gap_frames
        before_cuts = [frame_to_ms(ms_to_frame(s, rate) - gap, rate) for s in self.shots]
        base = [t for t in self.snap_targets().times() if t not in set(self.shots)]
        return SnapTargets([*base, *before_cuts])

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120 or event.angleDelta().x() / 120
        if not steps:
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(ZOOM_STEP**steps, event.position().x())
        else:
            self.set_view(self._start_ms - steps * self.span_ms() / 8)
        event.accept()


def _scaled(rect: QRect, ratio: float) -> QRect:
    if ratio == 1:
        return rect
    return QRect(
        round(rect.x() * ratio),
        round(rect.y() * ratio),
        round(rect.width() * ratio),
        round(rect.height() * ratio),
    )


class WaveformPanel(QWidget):
    """The waveform with its scroll bar and a line saying how decoding goes."""

    def __init__(self, model: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = WaveformView(model, self)
        self.scroll = QScrollBar(Qt.Orientation.Horizontal, self)
        self.status = QLabel(self)
        self.status.setObjectName("waveformStatus")
        self.status.hide()
        self.feed = PeakFeed(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.scroll)
        layout.addWidget(self.status)
        self.view.view_changed.connect(self._sync_scroll)
        self.scroll.valueChanged.connect(lambda value: self.view.set_view(float(value)))
        self.feed.chunk.connect(self.view.add_chunk)
        self.feed.done.connect(self._done)
        self.feed.failed.connect(self._failed)

    def load(self, media: Path) -> None:
        self.status.setText(self.tr("Reading the waveform…"))
        self.status.show()
        self.view.set_peaks(Peaks())
        self.feed.load(media)

    def stop(self) -> None:
        self.feed.stop()

    def _done(self, peaks: Peaks) -> None:
        self.view.peaks_done(peaks)
        self.status.hide()

    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("No waveform: {0}").format(message))
        self.status.show()

    def _sync_scroll(self) -> None:
        view = self.view
        span = round(view.span_ms())
        self.scroll.blockSignals(True)
        self.scroll.setRange(0, max(0, view.length_ms() - span))
        self.scroll.setPageStep(max(1, span))
        self.scroll.setSingleStep(max(1, span // 10))
        self.scroll.setValue(round(view.start_ms))
        self.scroll.blockSignals(False)
