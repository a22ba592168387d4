"""A Word document people read: an interview transcript with speaker turns and timestamps.

Each paragraph is one speaker's turn (consecutive sentences of one speaker),
opened by the turn's time and the speaker's name; without speakers, sentences
are grouped into paragraphs at pauses of two seconds or more. Text that Word
cannot store (control characters, lone surrogates) is removed first, since
python-docx refuses it.
"""

from __future__ import annotations

import io
import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import docx
from docx.shared import Pt, RGBColor

from desktop.domain.text_cleaning import clean_line
from desktop.domain.transcript import Sentence, Transcript, join_texts
from desktop.export.plain_text import format_timestamp

PARAGRAPH_PAUSE_MS = 2000
MAX_SENTENCES_PER_PARAGRAPH = 12
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
_GREY = RGBColor(0x6B, 0x6B, 0x6B)


def to_docx(transcript: Transcript, title: str | None = None) -> bytes:
    document = docx.Document()
    heading = _xml_safe(title or _default_title(transcript))
    document.core_properties.title = heading
    document.add_heading(heading, level=1)
    if transcript.end_ms:
        facts = document.add_paragraph()
        run = facts.add_run(f"Duration {format_timestamp(transcript.end_ms)[:8]}")
        run.font.color.rgb = _GREY
        run.font.size = Pt(9)
    for label, sentences in _paragraphs(transcript):
        paragraph = document.add_paragraph()
        stamp = paragraph.add_run(f"[{format_timestamp(sentences[0].begin_ms)[:8]}] ")
        stamp.font.color.rgb = _GREY
        if label:
            paragraph.add_run(_xml_safe(label)).bold = True
            paragraph.add_run(": ")
        paragraph.add_run(_xml_safe(join_texts(clean_line(s.text) for s in sentences)))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraphs(transcript: Transcript) -> list[tuple[str | None, list[Sentence]]]:
    out: list[tuple[str | None, list[Sentence]]] = []
    for sentence in transcript.merged_sentences():
        if not clean_line(sentence.text):
            continue
        label = transcript.speaker_label(sentence)
        if out and out[-1][0] == label and _continues(label, out[-1][1], sentence):
            out[-1][1].append(sentence)
        else:
            out.append((label, [sentence]))
    return out


def _continues(label: str | None, paragraph: list[Sentence], sentence: Sentence) -> bool:
    if label is not None:
        return True
    return (
        sentence.begin_ms - paragraph[-1].end_ms < PARAGRAPH_PAUSE_MS
        and len(paragraph) < MAX_SENTENCES_PER_PARAGRAPH
    )


def _default_title(transcript: Transcript) -> str:
    name = unquote(PurePosixPath(urlsplit(transcript.file_url).path).name)
    return clean_line(name) or "Transcript"


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", clean_line(text))
