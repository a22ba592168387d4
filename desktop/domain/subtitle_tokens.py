"""The unbreakable pieces a subtitle is cut from, and how good a break between two is.

A token is a recognised word with its punctuation, or several words that must
stay together (``"2019"`` + ``"."``, ``"don"`` + ``"'t"``, an opening quote
and the word after it). Every boundary between two tokens is a place a cue or
a line may break, so no rule downstream can split an English word.

Times come from the words. A sentence without words (SenseVoice, an imported
subtitle file) or whose words no longer spell its text is cut into Latin words
and single CJK characters, and their times are spread over the sentence by
character count: the sentence's own begin and end stay exact, only the
inner break points are estimated — the one place an estimate is used.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence

from desktop.domain.subtitle_presets import Unit, text_width
from desktop.domain.text_cleaning import clean_line
from desktop.domain.transcript import Sentence, Word, is_wide

SENTENCE_END = frozenset(".!?。！？…")
CLAUSE_END = frozenset(",;:、，；：—–)」』】》）")
# Marks that must not start a line (CJK kinsoku and Latin closing punctuation).
CLOSING = frozenset(
    ",.!?;:%)]}>、。，．！？；：）】》」』〉〕”’…‥・ー々ゝゞ"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Marks that must not end a line.
OPENING = frozenset("([{<（【《「『〈〔“‘")
# Break before these (conjunctions, prepositions, relative words) — Netflix and
# the BBC both ask for breaks "before conjunctions" and "before prepositions".
BREAK_BEFORE = _word_set(
    "and but or so because although though while whereas if unless until when where"
    " which who whom whose that than to of in on at for with from into about after"
    " before between during over under through without"
)
# Never end a line on these: article + noun, preposition + phrase, pronoun + verb,
# auxiliary + verb stay together (BBC §3.4, Netflix "The line break should not separate").
NO_BREAK_AFTER = _word_set(
    "a an the my your his her its our their this these those to of in on at for with"
    " from by i you he she it we they is are was were be been have has had will would"
    " can could shall should may might must do does did not mr mrs ms dr"
)
ZH_BREAK_BEFORE = ("但是", "所以", "因为", "然后", "而且", "如果", "可是", "不过", "或者", "并且")
_INNER_SPACE = re.compile(r"\s")
# Whitespace inside one of several texts joined by NUL: between two other characters.
_INNER_SPACE_IN = re.compile(r"[^\s\x00]\s+(?=[^\s\x00])")
_NEEDS_CLEAN = re.compile(r"[\x00-\x1f\x7f-\x9f\ufeff\u2028\u2029\ufff9-\ufffb]| {2}")


class Token:
    """A piece of a sentence that is never split; ``space`` says a space precedes it."""

    __slots__ = (
        "begin", "cost", "end", "first_word", "last_word", "sentence_start", "sep", "source",
        "space", "text", "width",
    )  # fmt: skip

    def __init__(self, text: str, begin: int, end: int, space: bool, width: float) -> None:
        self.text = text
        self.begin = begin
        self.end = end
        self.space = space
        self.width = width
        self.sentence_start = False
        self.sep = ""  # what joins it to the token before it on a line (see ``separator``)
        self.cost = -1.0  # ``break_cost`` of a break before it, computed when first needed
        # The sentence's words it holds, ``words[first_word:last_word]``; -1 when it has none
        # (text cut by character count).
        self.first_word = -1
        self.last_word = -1
        self.source: tuple[Word, ...] = ()  # the sentence's words

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.begin}, {self.end})"


def sentence_tokens(sentence: Sentence, unit: Unit) -> list[Token]:
    """The tokens of one sentence, in order, with times from its words when they fit."""
    pieces = _word_pieces(sentence)
    if pieces is None:
        pieces = _text_pieces(sentence)
    tokens: list[Token] = []
    pending_space = False
    # One search of the whole sentence spares one per piece in the usual clean text.
    needs_clean = _NEEDS_CLEAN.search("".join(p[0] for p in pieces)) is not None
    width_of = _width_function(unit)
    for raw, begin, end, word in pieces:
        text = clean_line(raw) if needs_clean and _NEEDS_CLEAN.search(raw) else raw.strip()
        if not text:
            pending_space = pending_space or raw != ""
            continue
        space = pending_space or raw[0].isspace()
        pending_space = raw[-1].isspace()
        if tokens and _glued(tokens[-1].text, text, space):
            last = tokens[-1]
            last.text = f"{last.text} {text}" if space else last.text + text
            if end > last.end:
                last.end = end
            last.width = width_of(last.text)
            if word >= 0:
                last.last_word = word + 1
                last.source = sentence.words
                if last.first_word < 0:
                    last.first_word = word
            continue
        token = Token(text, begin, end if end > begin else begin, space, width_of(text))
        if word >= 0:
            token.first_word, token.last_word = word, word + 1
            token.source = sentence.words
        tokens.append(token)
    if tokens:
        tokens[0].space = not is_wide(tokens[0].text[0])
        tokens[0].sentence_start = True
        tokens[0].cost = 0.0
        for before, after in itertools.pairwise(tokens):
            # ``separator`` written out (no token after the first starts a sentence).
            if after.space and not (is_wide(before.text[-1]) and is_wide(after.text[0])):
                after.sep = " "
    return tokens


@functools.cache
def _width_function(unit: Unit) -> Callable[[str], float]:
    """``text_width`` in ``unit``, remembered per text: speech repeats its words, and a
    12-hour transcript measures ~150 000 of them."""

    @functools.lru_cache(maxsize=1 << 16)
    def width(text: str) -> float:
        return text_width(text, unit)

    return width


def token_words(tokens: Sequence[Token]) -> tuple[Word, ...]:
    """The transcript words the tokens were made of, in order (none for estimated text)."""
    out: list[Word] = []
    for token in tokens:
        if token.first_word >= 0:
            out.extend(token.source[token.first_word : token.last_word])
    return tuple(out)


def costs(tokens: Sequence[Token]) -> list[float]:
    """The break cost before each token (index 0: 0), cached on the tokens."""
    out = [0.0]
    for i in range(1, len(tokens)):
        token = tokens[i]
        if token.cost < 0:
            token.cost = break_cost(tokens[i - 1], token)
        out.append(token.cost)
    return out


def separator(before: Token, after: Token) -> str:
    """What goes between two tokens on one line: a space or nothing."""
    if not after.space:
        return ""
    last = before.text[-1]
    if is_wide(last) and (after.sentence_start or is_wide(after.text[0])):
        return ""
    return " "


def join(tokens: Sequence[Token]) -> str:
    if not tokens:
        return ""
    return tokens[0].text + "".join([t.sep + t.text for t in tokens[1:]])


def break_cost(before: Token, after: Token) -> float:
    """How bad a cue or line break between two tokens is: 0 best (a sentence end) to 6.

    Punctuation first, then a pause in the speech, then grammar: before a
    conjunction or preposition is good, after an article or pronoun is bad.
    """
    last = before.text[-1]
    if last in SENTENCE_END:
        cost = 0.0
    elif last in CLAUSE_END:
        cost = 1.0
    else:
        # The word lists are Latin words: a wide character at the edge rules them out unread.
        wide_last, wide_next = is_wide(last), is_wide(after.text[0])
        if not wide_last and _last_latin_word(before.text) in NO_BREAK_AFTER:
            cost = 6.0
        elif (
            after.text.startswith(ZH_BREAK_BEFORE)
            if wide_next
            else _first_latin_word(after.text) in BREAK_BEFORE
        ):
            cost = 2.0
        elif wide_last and wide_next:
            cost = 3.5
        else:
            cost = 3.0
    pause = after.begin - before.end
    if pause > 0:
        cost -= min(1.5, pause / 400)
    return max(cost, 0.0)


def _glued(before: str, after: str, space: bool) -> bool:
    """True when no break may fall between two pieces."""
    if after[0] in CLOSING or before[-1] in OPENING:
        return True
    return not space and _narrow(before[-1]) and _narrow(after[0])


def _narrow(char: str) -> bool:
    return char < "\u1100" or not is_wide(char)  # every wide range starts at U+1100 or later


def _last_latin_word(text: str) -> str:
    word = text.rsplit(" ", 1)[-1]
    return word.strip("\"'“”‘’,.;:!?").lower()


def _first_latin_word(text: str) -> str:
    word = text.split(" ", 1)[0]
    return word.strip("\"'“”‘’,.;:!?").lower()


# A piece of text, its begin and end, and the index of the word it comes from (-1: none).
Piece = tuple[str, int, int, int]


def _word_pieces(sentence: Sentence) -> list[Piece] | None:
    """The words as pieces, or None when there are none or they no longer spell the text."""
    if not sentence.words:
        return None
    displays = [w.text + w.punctuation for w in sentence.words]
    if "".join("".join(displays).split()) != "".join(sentence.text.split()):
        return None
    words = sentence.words
    if not _INNER_SPACE_IN.search("\x00".join(displays)):  # the usual case: one regex in C
        pairs = enumerate(zip(displays, words, strict=True))
        return [(d, w.begin_ms, w.end_ms, i) for i, (d, w) in pairs]
    pieces: list[Piece] = []
    for index, (display, word) in enumerate(zip(displays, words, strict=True)):
        if _INNER_SPACE.search(display.strip()):
            spread = _spread(_split_runs(display), word.begin_ms, word.end_ms)
            pieces.extend((text, begin, end, index) for text, begin, end, _none in spread)
        else:
            pieces.append((display, word.begin_ms, word.end_ms, index))
    return pieces


def _text_pieces(sentence: Sentence) -> list[Piece]:
    """Latin runs and single wide characters, timed by their share of the characters."""
    return _spread(_split_runs(sentence.text), sentence.begin_ms, sentence.end_ms)


def _split_runs(text: str) -> list[str]:
    """Latin words and single wide characters, each with the spaces that follow it."""
    raw: list[str] = []
    run = ""
    for char in text:
        if char.isspace():
            run += char
        elif is_wide(char):
            if run:
                raw.append(run)
            run = ""
            raw.append(char)
        else:
            if run and run[-1].isspace():
                raw.append(run)
                run = ""
            run += char
    if run:
        raw.append(run)
    pieces: list[str] = []
    for piece in raw:
        if piece.isspace() and pieces:
            pieces[-1] += piece
        else:
            pieces.append(piece)
    return pieces


def _spread(pieces: list[str], begin: int, end: int) -> list[Piece]:
    """Times for pieces by their share of the visible characters between ``begin`` and ``end``."""
    weights = [max(len(p.strip()), 1) for p in pieces]
    total = sum(weights) or 1
    span = max(end - begin, 0)
    out: list[Piece] = []
    done = 0
    for piece, weight in zip(pieces, weights, strict=True):
        first = begin + span * done // total
        done += weight
        out.append((piece, first, begin + span * done // total, -1))
    return out
