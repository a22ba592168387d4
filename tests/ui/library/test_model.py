"""The library's Qt models over a real library: Qt's model checks pass while rows change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.store.imports import import_result_file
from desktop.store.library import Library
from desktop.ui.library.model import (
    ID_ROLE,
    HitColumn,
    ItemColumn,
    ItemFilter,
    LibraryFilterProxy,
    LibraryItemsModel,
    SearchHitsModel,
)
from tests.helpers.results import fixture_path


@pytest.fixture
def library(tingxie_home) -> Library:
    with Library.open() as opened:
        for name, model in [
            ("paraformer_zh_en", "paraformer-v2"),
            ("diarization", "paraformer-v2"),
            ("sensevoice_tags", "sensevoice-v1"),
        ]:
            import_result_file(library=opened, path=fixture_path(name), title=name, model=model)
        yield opened


def titles(model) -> list[str]:
    return [model.index(r, ItemColumn.TITLE).data() for r in range(model.rowCount())]


def test_items_and_their_filter_pass_qts_model_checks_through_sorting_and_filtering(
    qtmodeltester, library: Library
) -> None:
    items = LibraryItemsModel()
    items.set_items(library.items())
    proxy = LibraryFilterProxy(items)
    qtmodeltester.check(items)
    qtmodeltester.check(proxy)  # both stay attached: the changes below are checked too

    proxy.sort(ItemColumn.TITLE, Qt.SortOrder.AscendingOrder)
    assert titles(items) == ["diarization", "paraformer_zh_en", "sensevoice_tags"]
    proxy.set_filter(ItemFilter(model="paraformer-v2"))
    assert titles(proxy) == ["diarization", "paraformer_zh_en"]
    proxy.sort(ItemColumn.TITLE, Qt.SortOrder.DescendingOrder)
    assert titles(proxy) == ["paraformer_zh_en", "diarization"]
    items.set_items(library.items()[:1])
    proxy.set_filter(ItemFilter())
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data(ID_ROLE) == library.items()[0].id


def test_search_hits_pass_qts_model_checks(qtmodeltester, library: Library) -> None:
    hits = SearchHitsModel()
    hits.set_rows(library.search("杭州"))
    qtmodeltester.check(hits)
    assert [hits.index(0, c).data() for c in HitColumn] == [
        "diarization",
        "0:05",
        "",
        "后来我们搬到了杭州。",
    ]
    hits.set_rows(library.search("", label="angry"))
    assert hits.index(0, HitColumn.LABELS).data() == "Angry, Speech"
