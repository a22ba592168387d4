from desktop.domain.snapping import snap_targets
from desktop.domain.transcript import Sentence, Word


def test_an_edge_snaps_to_the_nearest_word_boundary_or_silence_within_tolerance():
    sentence = Sentence(
        1000, 2000, "hello world", (Word(1000, 1400, "hello "), Word(1500, 1980, "world"))
    )
    targets = snap_targets([sentence], [(2300, 2900)])
    assert targets.snap(1960, 50) == 1980  # word end
    assert targets.snap(1460, 50) == 1500  # nearer the next word's start than 1400
    assert targets.snap(2280, 50) == 2300  # silence start
    assert targets.snap(2100, 50) == 2100  # nothing within 50 ms: stays
    assert targets.snap(1960, 50, exclude=[1980]) == 1960


def test_no_targets_snap_nowhere():
    assert snap_targets([]).snap(1234, 500) == 1234
