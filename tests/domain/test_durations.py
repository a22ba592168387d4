"""One rounding rule for lengths and clocks: the queue, the library and the player agree."""

from __future__ import annotations

from desktop.domain.durations import duration_text, format_time


def test_a_length_reads_as_the_players_clock_reads_at_the_end() -> None:
    for ms in (19_600, 19_400, 59_999, 3_599_500, 3_600_000):
        assert duration_text(ms) == format_time(ms)
    assert duration_text(19_600) == "0:19"
    assert duration_text(None) == ""
