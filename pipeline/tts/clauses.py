"""Cutting agent replies into speakable chunks: the first one early, the rest at clauses.

Piper synthesises a whole chunk before any of its audio exists, so the first chunk decides
the time to first audio. The first chunk of a turn therefore ends at its first clause
boundary or after a few words, whichever comes first; later chunks end at clause or
sentence boundaries (they are synthesised while earlier ones play). A cut never falls
between two parts of a number ("472, 915") or right after a word like "the".
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

from pipecat.utils.text.base_text_aggregator import Aggregation, BaseTextAggregator, TextType

SENTENCE_END = ".!?…"
CLAUSE_END = ",;:\u2014\u2013"  # and em and en dashes
# Tokens after which a sentence-looking period is not a sentence end.
ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "no", "approx",
    "appt", "dept", "ave", "apt", "mt", "prof", "inc", "ltd", "co",
}
# Words a spoken chunk should not end on: the listener hears a hanging article or preposition.
FUNCTION_WORDS = {
    "a", "an", "the", "to", "of", "and", "or", "but", "for", "your", "my", "our", "with", "in",
    "on", "at", "by", "from", "is", "are", "was", "be", "that", "this", "as", "if", "so",
    "we", "i", "you", "it", "can", "will", "please", "not", "which", "who", "whom", "whose",
    "when", "where", "what", "has", "have", "had", "were", "been", "about", "into", "than",
}
_DIGIT_WORDS = {
    "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "double", "triple",
}
_WORD = re.compile(r"\S+")


def _is_numeric(token: str) -> bool:
    bare = token.strip("\"'()[]{}.,;:!?-" + CLAUSE_END).lower()
    return bool(bare) and (any(c.isdigit() for c in bare) or bare in _DIGIT_WORDS)


@dataclass(frozen=True)
class ChunkRules:
    """Where chunks may end.

    Attributes:
        first_chunk_words: The first chunk of a turn ends after this many words at the
            latest (sooner at a clause boundary).
        min_clause_words: A clause boundary ends a chunk only once it holds this many words
            (so "Yes," and "Okay," are not synthesised alone).
        max_chunk_words: Any chunk ends after this many words, boundary or not.
    """

    first_chunk_words: int = 4
    min_clause_words: int = 3
    max_chunk_words: int = 24


def _early_cut_ok(word: str, nxt: str, count: int, rules: ChunkRules) -> bool:
    """Whether the first chunk may end after ``word`` (its ``count``-th) with no punctuation.

    It ends before a function word (a natural phrase break), or a few words later in any
    case; never inside a number, after a hanging "the", or just before a sentence's last word.
    """
    bare = word.lower().strip("\"'()")
    if _is_numeric(word) and _is_numeric(nxt):
        return False
    if bare in FUNCTION_WORDS or nxt[-1] in SENTENCE_END:
        return False
    natural_break = nxt.lower().strip("\"'(") in FUNCTION_WORDS
    return natural_break or count >= rules.first_chunk_words + 3


def _ends_first_chunk_now(word: str) -> bool:
    """A first chunk that is complete already: its last word ends in clear punctuation.

    LLM tokens carry their leading space, so waiting for the next word costs a whole token;
    for "Sure!" or "Okay," it buys nothing. An abbreviation ("Dr."), an initial or a number
    ("472,") still waits for the word after it.
    """
    if word[-1] not in SENTENCE_END + CLAUSE_END:
        return False
    bare = word.rstrip(SENTENCE_END + CLAUSE_END + "\"')]").lower()
    return not (bare in ABBREVIATIONS or len(bare) <= 1 or _is_numeric(word))


def find_cut(text: str, *, first: bool, final: bool, rules: ChunkRules) -> int | None:
    """Where the next chunk of ``text`` ends, or ``None`` to wait for more text.

    Args:
        text: Buffered text not yet spoken.
        first: This is the first chunk of the turn.
        final: No more text will come: whatever is left is a chunk.
        rules: The chunking rules.

    Returns:
        An index into ``text``; ``text[:index]`` is the chunk.
    """
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    for n, (_start, end, word) in enumerate(words):
        count = n + 1
        nxt = words[n + 1][2] if n + 1 < len(words) else None
        if nxt is None and not final:
            if first and _ends_first_chunk_now(word):
                return end  # "Sure!", "Okay," - no need to wait for the next word
            return None  # the word may still be growing, or needs its lookahead
        between_numbers = _is_numeric(word) and nxt is not None and _is_numeric(nxt)
        last = word[-1]
        bare = word.rstrip(SENTENCE_END + CLAUSE_END + "\"')]").lower()
        if last in SENTENCE_END and not between_numbers:
            abbreviation = bare in ABBREVIATIONS or (len(bare) == 1 and bare.isalpha())
            if not abbreviation or nxt is None:
                return end
        if last in CLAUSE_END and not between_numbers and (
                first or count >= rules.min_clause_words):
            return end
        if first:
            if count >= rules.first_chunk_words and nxt is not None and \
                    _early_cut_ok(word, nxt, count, rules):
                return end
        elif (count >= rules.max_chunk_words and nxt is not None
              and not between_numbers and bare not in FUNCTION_WORDS):
            return end
        if count >= rules.max_chunk_words * 2 and nxt is not None:
            return end  # a run of numbers or function words must still end somewhere
    return len(text) if final and text.strip() else None


def split_for_speech(text: str, rules: ChunkRules = ChunkRules()) -> list[str]:
    """Cut a whole reply into chunks (the first one short)."""
    chunks: list[str] = []
    rest = text
    while rest.strip():
        cut = find_cut(rest, first=not chunks, final=True, rules=rules)
        assert cut is not None and cut > 0
        chunks.append(rest[:cut].strip())
        rest = rest[cut:]
    return [c for c in chunks if c]


class ClauseTextAggregator(BaseTextAggregator):
    """Pipecat text aggregator that releases LLM tokens as speakable chunks.

    The first chunk after a reply starts (or after an interruption) follows the early
    rule; :meth:`flush` at the end of a reply re-arms it for the next one.
    """

    def __init__(self, rules: ChunkRules = ChunkRules(), **kwargs) -> None:
        super().__init__(aggregation_type=TextType.SENTENCE, **kwargs)
        self._rules = rules
        self._buffer = ""
        self._first = True

    @property
    def text(self) -> Aggregation:
        return Aggregation(text=self._buffer.strip(), type=TextType.SENTENCE)

    async def aggregate(self, text: str) -> AsyncIterator[Aggregation]:
        self._buffer += text
        while True:
            cut = find_cut(self._buffer, first=self._first, final=False, rules=self._rules)
            if cut is None:
                return
            chunk, self._buffer = self._buffer[:cut].strip(), self._buffer[cut:].lstrip()
            if chunk:
                self._first = False
                yield Aggregation(text=chunk, type=TextType.SENTENCE)

    async def flush(self) -> Aggregation | None:
        rest, self._buffer = self._buffer.strip(), ""
        self._first = True
        return Aggregation(text=rest, type=TextType.SENTENCE) if rest else None

    async def handle_interruption(self) -> None:
        await self.reset()

    async def reset(self) -> None:
        self._buffer = ""
        self._first = True
