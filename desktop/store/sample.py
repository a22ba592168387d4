"""The bundled sample in the library: a first transcript to try the editor and export on.

Opening the sample twice reuses the item already imported (with its edits)
instead of adding a copy each time.
"""

from __future__ import annotations

from desktop import resources
from desktop.store.imports import import_result_file
from desktop.store.library import Library

SAMPLE_TITLE = "Tingxie sample"


def import_sample(library: Library) -> int:
    """The sample's item id, importing it on first use."""
    media = resources.sample_media().resolve()
    existing = library.item_with_media(str(media))
    if existing is not None:
        return existing
    return import_result_file(library, resources.sample_result(), media=media, title=SAMPLE_TITLE)
