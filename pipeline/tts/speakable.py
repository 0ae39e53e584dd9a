"""Keeping a model's reply to speakable prose before it reaches the voice.

A small model asked about an account balance may answer with Python, JSON, its own tool
names or the same apology six times over. :class:`ReplyGuard` sees a reply chunk by chunk
(the clauses :class:`~verivoice.pipeline.tts.clauses.ClauseTextAggregator` releases) and
decides what of it is spoken:

- a chunk that holds code, a tool name, JSON, markup, a link or a stack trace is withheld,
  and so is the rest of the reply (a reply that turned into code does not come back);
  if no sentence of the reply was spoken yet, one short polite line is said instead;
- a chunk that repeats words already spoken in the reply ends the reply, and so does a
  short sentence said again ("I'm sorry." twice) or a run of words said twice in a row
  ("I'm sorry, I'm sorry"), which is cut before its second saying;
- after ``max_sentences`` sentences the reply ends, cut at a sentence end;
- a chunk that claims what is never true of this agent (that it is a person, that the
  caller has a screen, that it will do what no code does: :mod:`~verivoice.pipeline.tts.claims`)
  ends the reply; if it was the reply's first sentence, a true line is said instead;
- a chunk that states opening times the practice profile does not have
  (:mod:`~verivoice.pipeline.tts.opening_times`) ends the reply, and the profile's week is
  said instead;
- a chunk that states a figure (a time, a price, a phone number, any number) that nothing
  in the reply's context holds (:mod:`~verivoice.pipeline.tts.figures`) ends the reply; if it
  was the reply's first sentence, a line saying the agent does not have that is said instead.

The guard is for the model's text only: the system's own lines are trusted and bypass it.
It never logs or keeps the text it withholds (it may hold PHI); :attr:`stopped_because`
names a category only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from verivoice.pipeline.tts.claims import TRUE_LINES, untrue_claim
from verivoice.pipeline.tts.clauses import ABBREVIATIONS, SENTENCE_END
from verivoice.pipeline.tts.figures import KnownFigures, may_state_a_figure, ungrounded_figure

# Shortest chunk (in words) that counts as a repetition of words already spoken.
MIN_REPEAT_WORDS = 3

_TOOL_WORD = r"(?:function|tool|api|endpoint)s?\b"
# "run a kidney function test" is prose: a tool word followed by one of these is not a tool.
_NOT_A_TOOL = r"(?!\s+(?:tests?|panels?|checks?|exams?|stud(?:y|ies)|screenings?|scores?)\b)"
_CALL_VERB = r"(?:call|calls|calling|use|using|invoke|invoking|run|running|trigger|execute)"
# Without a known tool name, only these verbs make "the ... function" a tool ("we use the
# latest tools" is prose).
_INVOKE_VERB = r"(?:call|calls|calling|invoke|invoking|trigger|triggering|execute|executing)"

# Checked in this order; the first category that matches is the one reported.
_UNSPEAKABLE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("stack_trace", re.compile(
        r"\bTraceback\b|\bFile\s+\"[^\"]*\",\s+line\s+\d+|\bline\s+\d+,\s+in\s+\w"
        r"|\b[A-Z]\w*(?:Error|Exception)\b|^\s*(?:Error|Exception|Fatal)\s*:",
        re.MULTILINE)),
    ("json", re.compile(
        r"\{\s*\"|\[\s*\{|\"[\w\s-]*\"\s*:\s*(?:[\"{\[\d-]|true\b|false\b|null\b)")),
    ("markup", re.compile(
        r"<\s*/?\s*[A-Za-z!][^<>]*>|^\s*#{1,6}\s|[\[\]]|\|[^|]*\||^\s*[-=*_]{3,}\s*$",
        re.MULTILINE)),
    ("link", re.compile(
        r"\bhttps?://|\bwww\.|\b[\w.+-]+@[\w-]+\.[A-Za-z]{2,}"
        r"|\b[\w-]+\.(?:com|org|net|io|gov|edu|info|biz|dev|app|ai|co|us|uk)\b"
        r"|\b[\w-]+\.(?:py|js|ts|json|ya?ml|txt|csv|log|sh|exe|html?|xml|md|cfg|ini|toml)\b"
        r"|(?:^|[\s(])(?:~|\.{1,2})?/[\w.-]+/|\b[A-Za-z]:\\", re.IGNORECASE)),
    ("tool_name", re.compile(
        rf"\b{_INVOKE_VERB}\s+(?:the\s+|a\s+|an\s+|this\s+|that\s+|my\s+)?(?:[\w-]+\s+){{0,3}}"
        rf"{_TOOL_WORD}{_NOT_A_TOOL}"
        r"|\b(?:function|tool)\s+(?:calls?|called|named)\b"
        r"|\b(?:access\s+to|following|available)\s+(?:the\s+following\s+)?(?:tools|functions)\b"
        # the model retelling its tool descriptions: "the function of a tool that provides
        # information about the caller's account balance", "The caller's upcoming
        # appointments (needs verification)." (the agent speaks to the caller, not of them)
        r"|\b(?:function|tool)s?\s+(?:that|which)\s+(?:provides?|returns?|gives?|gets?|fetch(?:es)?|"
        r"looks?\s+up)\b"
        r"|\bthe\s+caller(?:'s|s')?\s+(?:\w+\s+){0,3}(?:balance|appointments?|results?|"
        r"prescriptions?|account|records?|summary|details|updates|information)\b"
        r"|\bneeds\s+verification\)",
        re.IGNORECASE)),
    ("code", re.compile(
        r"`|[{}]|=|->|\(\s*\)|(?:^|\s)//\s"
        r"|\b[A-Za-z_][\w.]*\((?!s\))"  # name( - a call; "appointment(s)" is prose
        r"|(?<![\w-])(?:def|lambda|elif)\s+\w"
        r"|^\s*(?:from\s+[\w.]+\s+)?import\s+[a-z_][\w.]*"
        r"|^return\s+\w+\s*$"
        r"|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"  # snake_case
        r"|\b(?!mmHg\b)[a-z]{2,}[0-9]*[A-Z][A-Za-z0-9]*\b"  # camelCase ("iPhone" is not)
        r"|(?i:\b(?:here(?:'s|\s+is)\s+(?:the|a|an|some)\s+(?:code|script|snippet|implementation)"
        r"|(?:following|sample|example|source)\s+code|code\s+(?:snippet|block|example)s?)\b)",
        re.MULTILINE)),
    ("code", re.compile(
        r"\b(?:python|javascript|typescript|json|sql|yaml|html|xml|php|regex)\b",
        re.IGNORECASE)),
)


def _identifier_words(name: str) -> list[str]:
    """ "account_balance", "accountBalance" -> ["account", "balance"]."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return [w.lower() for w in re.split(r"[\W_]+", spaced) if w]


def tool_name_pattern(tool_names: Iterable[str]) -> re.Pattern[str] | None:
    """How the given tools' names look in a reply that mentions them.

    A name of two or more words matches written as an identifier in any style
    (``account_balance``, ``accountBalance``, ``account-balance``); spaced out as words it
    matches only as a tool ("the account balance function", "call account balance"), so
    "your account balance is" stays prose. A one-word name matches only as a tool
    ("the transfer function").

    Args:
        tool_names: The call's tool names, as the model knows them.

    Returns:
        One pattern for all of them, or ``None`` when there are none.
    """
    alternatives = []
    for name in tool_names:
        words = [re.escape(w) for w in _identifier_words(name)]
        if not words:
            continue
        spaced = r"\s+".join(words)
        alternatives.append(rf"\b{spaced}\s+{_TOOL_WORD}")
        if len(words) > 1:  # "use the transfer" could be prose; "call account balance" not
            alternatives.append(rf"\b{_CALL_VERB}\s+(?:the\s+)?{spaced}\b")
            alternatives.append(rf"\b{'[_-]?'.join(words)}\b")
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def unspeakable_category(text: str, tools: re.Pattern[str] | None = None) -> str | None:
    """Why ``text`` must not be voiced: ``"code"``, ``"tool_name"``, ``"json"``,
    ``"markup"``, ``"link"`` or ``"stack_trace"``; ``None`` for speakable prose.

    Args:
        text: One chunk of a reply.
        tools: This call's tool names (:func:`tool_name_pattern`).
    """
    if tools is not None and tools.search(text):
        return "tool_name"
    for category, pattern in _UNSPEAKABLE:
        if pattern.search(text):
            return category
    return None


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _stutter(text: str) -> int | None:
    """Offset in ``text`` where a run of two or more words starts again right after itself
    ("I'm sorry, I'm sorry" -> the second "I'm"), or ``None``. Runs of digits are left
    alone ("1 2 1 2" in a number read out)."""
    spans = [(m.start(), m.group()) for m in _WORD.finditer(text.lower())]
    words = [w for _, w in spans]
    for end in range(len(words)):
        for n in range(2, (end + 1) // 2 + 1):
            run = words[end - n + 1:end + 1]
            if run == words[end - 2 * n + 1:end - n + 1] and not all(w.isdigit() for w in run):
                return spans[end - n + 1][0]
    return None


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(words[i:i + n] == part for i in range(len(words) - n + 1))


def sentence_ends(text: str) -> list[int]:
    """Offsets just past each sentence end in ``text`` ("Dr." and "3.5" are none)."""
    ends = []
    for match in re.finditer(r"\S+", text):
        word = match.group().rstrip("\"')]")
        if not word or word[-1] not in SENTENCE_END:
            continue
        bare = word.rstrip(SENTENCE_END).lower()
        if bare in ABBREVIATIONS or (len(bare) == 1 and bare.isalpha()):
            continue
        ends.append(match.end())
    return ends


class ReplyGuard:
    """Decides, chunk by chunk, what of one model reply may be spoken.

    Args:
        tool_names: The call's tool names: never voiced, in any spelling.
        max_sentences: Sentences spoken of one reply at most; the rest is dropped.
        blocked_line: Said instead when a reply is withheld before any sentence of it
            was spoken (once per reply).
        wrong_facts: Whether a chunk states a practice fact the profile contradicts (see
            :class:`~verivoice.pipeline.tts.opening_times.OpeningTimesCheck`).
        true_facts: Said instead of the rest of a reply that ``wrong_facts`` stopped.
        known_figures: The figures the reply's context holds, read once per reply when it
            first states one (``None``: figures are not checked).
        unknown_figure_line: Said instead of a reply whose first sentence states a figure
            ``known_figures`` lacks.
    """

    def __init__(self, *, tool_names: Iterable[str] = (), max_sentences: int = 3,
                 blocked_line: str = "Sorry, could you ask that another way?",
                 wrong_facts: Callable[[str], bool] | None = None,
                 true_facts: str = "",
                 known_figures: Callable[[], KnownFigures] | None = None,
                 unknown_figure_line: str = "I'm sorry, I don't have that information.",
                 ) -> None:
        self._tools = tool_name_pattern(tool_names)
        self._max_sentences = max_sentences
        self._blocked_line = blocked_line
        self._wrong_facts = wrong_facts
        self._true_facts = true_facts
        self._known_figures = known_figures
        self._unknown_figure_line = unknown_figure_line
        self.start_reply()

    def start_reply(self) -> None:
        """Forget the last reply: a new one starts."""
        self._spoken_words: list[str] = []
        self._spoken_text = ""  # read again with each chunk: its days and its "we open"
        self._spoken_sentences: set[tuple[str, ...]] = set()
        self._sentences = 0
        self._known: KnownFigures | None = None  # the context's figures, read when needed
        self.stopped_because: str | None = None
        """Why the rest of this reply is not spoken (a category, never text), or ``None``."""

    def _open_sentence(self) -> str:
        """What was spoken of the sentence not yet ended ("I am," before "as it happens, a
        nurse."): a claim split at a comma is read whole."""
        ends = sentence_ends(self._spoken_text)
        return self._spoken_text[ends[-1]:] if ends else self._spoken_text

    def admit(self, chunk: str) -> str:
        """Decide what of the reply's next chunk is spoken.

        Args:
            chunk: The next chunk of the reply, as the text aggregator released it.

        Returns:
            All of ``chunk``, its part up to the last sentence end the cap allows, the
            polite line (instead of a reply withheld before any sentence was spoken), or
            ``""``. Once :attr:`stopped_because` is set, always ``""`` until
            :meth:`start_reply`.
        """
        if self.stopped_because is not None:
            return ""
        if self._sentences >= self._max_sentences:
            self.stopped_because = "sentence_cap"
            return ""
        category = unspeakable_category(chunk, self._tools)
        if category is not None:
            self.stopped_because = category
            return self._blocked_line if self._sentences == 0 else ""
        claim = untrue_claim(f"{self._open_sentence()} {chunk}")
        if claim is not None:
            self.stopped_because = f"untrue_{claim}"
            if self._sentences:
                return ""
            return TRUE_LINES.get(claim, self._blocked_line)
        if self._wrong_facts is not None and self._wrong_facts(
                f"{self._spoken_text} {chunk}".strip()):
            self.stopped_because = "practice_fact"
            return self._true_facts or (self._blocked_line if self._sentences == 0 else "")
        if self._known_figures is not None and may_state_a_figure(chunk):
            if self._known is None:
                self._known = self._known_figures()
            # read with the sentence so far: "On Mondays we're open 8," ... "to 5:30."
            if ungrounded_figure(f"{self._open_sentence()} {chunk}", self._known):
                self.stopped_because = "ungrounded_figure"
                return self._unknown_figure_line if self._sentences == 0 else ""
        words = _words(chunk)
        if ((len(words) >= MIN_REPEAT_WORDS and _contains(self._spoken_words, words))
                or (len(words) >= 2 and tuple(words) in self._spoken_sentences)):
            self.stopped_because = "repetition"
            return ""
        stutter = _stutter(chunk)
        if stutter is not None:
            chunk, words = chunk[:stutter].rstrip(" ,;"), _words(chunk[:stutter])
            self.stopped_because = "repetition"
            if not words:
                return ""
        ends = sentence_ends(chunk)
        room = self._max_sentences - self._sentences
        if len(ends) > room:
            chunk = chunk[:ends[room - 1]]
            words = _words(chunk)
            self.stopped_because = "sentence_cap"
        self._sentences += min(len(ends), room)
        self._spoken_words += words
        self._spoken_sentences.add(tuple(words))
        self._spoken_text = f"{self._spoken_text} {chunk}".strip()
        return chunk
