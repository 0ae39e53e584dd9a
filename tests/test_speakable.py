"""The reply guard: code, tool names, JSON, markup, links and stack traces are never voiced;
loops and long replies are cut; ordinary prose passes untouched."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest
from loguru import logger
from pipecat.frames.frames import (
    EndFrame,
    Frame,
    LLMContextFrame,
    LLMFullResponseEndFrame,
    LLMFullResponseStartFrame,
    LLMTextFrame,
    TTSAudioRawFrame,
    TTSSpeakFrame,
    TTSTextFrame,
)
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineParams, PipelineWorker
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor
from pipecat.workers.runner import WorkerRunner

from tests.scripted_model import ScriptedModel, serve_scripted
from verivoice.bench.tts_timing import tokens
from verivoice.config import LlmSettings, TtsSettings
from verivoice.pipeline.llm.service import VllmLLMService, sampling_settings
from verivoice.pipeline.tts.clauses import split_for_speech
from verivoice.pipeline.tts.opening_times import OpeningTimesCheck
from verivoice.pipeline.tts.phrases import PhraseCache
from verivoice.pipeline.tts.piper import PiperProcess, SynthesisOptions
from verivoice.pipeline.tts.service import PiperWorkerTTSService, load_voice
from verivoice.pipeline.tts.speakable import (
    ReplyGuard,
    sentence_ends,
    tool_name_pattern,
    unspeakable_category,
)
from verivoice.pipeline.turns import TurnRecorder
from verivoice.practice import default_profile_path, load_profile

TOOLS = ["account_balance", "upcoming_appointments"]
POLITE = "Sorry, could you ask that another way?"

BAD = [
    ("Python def call account balance.", "tool_name"),
    ("def call_account_balance():", "code"),
    ("return x", "code"),
    ("return call_account_balance()", "code"),
    ("import requests", "code"),
    ("print(balance)", "code"),
    ("Use `account_balance` for that.", "tool_name"),
    ("balance = get_balance(caller)", "code"),
    ("if balance == 0 => done", "code"),
    ("const total = items.reduce((a, b) => a + b);", "code"),
    ("Here's the code you need.", "code"),
    ("In JavaScript you would write it like this.", "code"),
    ("The getBalance helper does it.", "code"),
    ("You can call the account balance function.", "tool_name"),
    ("I will call account balance for you.", "tool_name"),
    ("Let me use the upcoming appointments tool.", "tool_name"),
    ("The accountBalance value is ready.", "tool_name"),
    ("I have access to the following tools.", "tool_name"),
    ("Let me trigger the lookup API for you.", "tool_name"),
    # the model retelling its tool descriptions (heard in the step-up and hand-off benches)
    ("You mean the function that returns your bill.", "tool_name"),
    ("Here are the caller's latest lab results.", "tool_name"),
    ("The caller's next visits (needs verification).", "tool_name"),
    ('{"name": "lookup", "arguments": {}}', "json"),
    ('"balance": 128.5', "json"),
    ("<tool_call>", "markup"),
    ("<b>Your balance</b> is ready.", "markup"),
    ("## Account balance", "markup"),
    ("See [the portal](https://clinic.example) for details.", "markup"),
    ("| Day | Time |", "markup"),
    ("Please sign in, [Your Name].", "markup"),
    ("Visit https://riverside.example/pay to pay online.", "link"),
    ("Go to www.riversideclinic.com today.", "link"),
    ("Email billing@riverside.org with questions.", "link"),
    ("The file is in /var/lib/records now.", "link"),
    ("Open C:\\records\\notes to see it.", "link"),
    ("Traceback (most recent call last):", "stack_trace"),
    ('File "/app/main.py", line 12, in handler', "stack_trace"),
    ("KeyError: 'balance'", "stack_trace"),
    ("Error: connection refused", "stack_trace"),
]

GOOD = [
    "Our office opens at 8 AM.",
    "You can pay by card or cash.",
    "Doctor Patel is in on Mondays.",
    "I can help with that (it takes a minute).",
    "Your balance is $128.50.",
    "Your next appointment is on Thursday, December 3 at 9:30 AM with Doctor Patel.",
    "Dr. Smith has an opening on Tuesday at 3 pm.",
    "Please call us back at 555-201-7788.",
    "Your appointment(s) are confirmed.",
    "We're open 9-5, Monday through Friday.",
    "We'll run a kidney function test first.",
    "Your lung function looks fine, the doctor says.",
    "Your account balance is forty dollars.",
    "Let me check your upcoming appointments.",
    "I'm texting you a six-digit code now.",
    "What is your zip code, please?",
    "We'll see you tomorrow, then.",
    "Sure! Let me check that for you.",
    "The copay is 20% of the visit.",
    "We answer the phone 24/7.",
    "We accept Visa, MasterCard and PayPal.",
    "Yes: Monday, Wednesday and Friday.",
    "It's a 15-minute visit, and/or a call.",
    "None of our doctors work on Sundays.",
    "You can use any payment method you like.",
    "We use the latest tools to help patients.",
    "Bring your insurance card and a photo ID.",
    "Is there anything else I can help you with?",
    "It's important to arrive ten minutes early.",
    "Our website has the forms, or we can mail them.",
    "Please say your date of birth, for example March 7, 1984.",
    "I'm sorry, I didn't catch that.",
    "Your blood pressure was 120 over 80 mmHg.",
    'Just say "yes": that is all I need.',
    "The caller ID on your phone will show our number.",
    "That's a service which looks up the balance for you.",
]


@pytest.mark.parametrize(("text", "category"), BAD)
def test_unspeakable_text_is_recognised(text: str, category: str) -> None:
    assert unspeakable_category(text, tool_name_pattern(TOOLS)) == category


@pytest.mark.parametrize("text", GOOD)
def test_ordinary_prose_passes_untouched(text: str) -> None:
    assert unspeakable_category(text, tool_name_pattern(TOOLS)) is None
    guard = ReplyGuard(tool_names=TOOLS, max_sentences=3, blocked_line=POLITE)
    assert guard.admit(text) == text
    assert guard.stopped_because is None


def test_tool_names_spaced_out_are_prose_unless_named_as_tools() -> None:
    tools = tool_name_pattern(TOOLS)
    assert unspeakable_category("Your upcoming appointments are on Monday.", tools) is None
    assert unspeakable_category("The upcoming appointments function says Monday.",
                                tools) == "tool_name"
    assert unspeakable_category("Try upcoming-appointments.", tools) == "tool_name"
    assert tool_name_pattern([]) is None
    one_word = tool_name_pattern(["transfer"])
    assert unspeakable_category("I can transfer you to billing.", one_word) is None
    assert unspeakable_category("Use the transfer function.", one_word) == "tool_name"


def _speak(guard: ReplyGuard, reply: str) -> list[str]:
    """What the guard lets through of a reply, chunked the way the TTS chunks it."""
    guard.start_reply()
    return [spoken for chunk in split_for_speech(reply) if (spoken := guard.admit(chunk))]


def test_the_reported_code_reply_gives_one_polite_line() -> None:
    reply = ("You can call the account balance function. Here's how to do it. Python def "
             "call_account_balance(): return call_account_balance() ") * 6
    guard = ReplyGuard(tool_names=TOOLS, blocked_line=POLITE)
    assert _speak(guard, reply) == [POLITE]
    assert guard.stopped_because == "tool_name"


def test_a_reply_that_turns_into_code_stops_there() -> None:
    guard = ReplyGuard(tool_names=TOOLS, blocked_line=POLITE)
    spoken = _speak(guard, "I can help with that. Here is an example: print(x). "
                           "Anyway, we open at eight.")
    assert spoken[0] == "I can help with that."
    assert POLITE not in spoken  # a sentence was spoken already: no apology
    assert not any("print" in s or "eight" in s for s in spoken)
    assert guard.stopped_because == "code"


def test_a_repeated_sentence_ends_the_reply() -> None:
    reply = "I'm sorry for any misunderstanding. I'm here to help. " * 10
    guard = ReplyGuard(max_sentences=10, blocked_line=POLITE)
    spoken = " ".join(_speak(guard, reply))
    assert spoken == "I'm sorry for any misunderstanding. I'm here to help."
    assert guard.stopped_because == "repetition"


def test_a_repeat_split_differently_is_still_a_repeat() -> None:
    guard = ReplyGuard(max_sentences=10)
    guard.start_reply()
    assert guard.admit("I'm sorry for any")
    assert guard.admit("misunderstanding.")
    assert guard.admit("I'm sorry for any misunderstanding.") == ""
    assert guard.stopped_because == "repetition"


def test_a_short_sentence_said_again_ends_the_reply() -> None:
    guard = ReplyGuard(max_sentences=10)
    spoken = " ".join(_speak(guard, "My apologies. " * 6))
    assert spoken == "My apologies."
    assert guard.stopped_because == "repetition"


def test_words_said_twice_in_a_row_are_cut_before_the_second_saying() -> None:
    guard = ReplyGuard(max_sentences=10)
    guard.start_reply()
    assert guard.admit("Oh dear, oh dear, oh dear, oh dear.") == "Oh dear"
    assert guard.stopped_because == "repetition"
    assert guard.admit("We open at nine.") == ""


def test_prose_and_numbers_with_repeats_are_not_stutters() -> None:
    guard = ReplyGuard(max_sentences=10)
    guard.start_reply()
    for chunk in ("It is very, very quick.", "Call 5 5 5 1 2 1 2 for the desk.",
                  "We are open Monday to Friday, and Saturday mornings."):
        assert guard.admit(chunk) == chunk
    assert guard.stopped_because is None


def test_a_long_reply_ends_cleanly_after_max_sentences() -> None:
    reply = ("Our office opens at 8 AM. Dr. Smith is in on Mondays. Parking is free. "
             "The pharmacy is next door. We close at five.")
    guard = ReplyGuard(max_sentences=3)
    spoken = " ".join(_speak(guard, reply))
    assert spoken == "Our office opens at 8 AM. Dr. Smith is in on Mondays. Parking is free."
    assert guard.stopped_because == "sentence_cap"


def test_a_chunk_holding_several_sentences_is_cut_at_a_sentence_end() -> None:
    guard = ReplyGuard(max_sentences=2)
    assert guard.admit("Yes. Of course. Anything else?") == "Yes. Of course."
    assert guard.admit("Goodbye.") == ""
    assert guard.stopped_because == "sentence_cap"


def test_each_reply_starts_afresh() -> None:
    guard = ReplyGuard(max_sentences=1, blocked_line=POLITE)
    assert guard.admit("print(x)") == POLITE
    assert guard.admit("Our office opens at 8 AM.") == ""  # the same reply: still muted
    guard.start_reply()
    assert guard.admit("Our office opens at 8 AM.") == "Our office opens at 8 AM."
    guard.start_reply()
    assert guard.admit("Our office opens at 8 AM.") == "Our office opens at 8 AM."


def test_sentence_ends_skip_abbreviations_initials_and_decimals() -> None:
    text = "Dr. J. Smith charges $12.50 here. Really? Yes!"
    assert [text[:i] for i in sentence_ends(text)] == [
        "Dr. J. Smith charges $12.50 here.", "Dr. J. Smith charges $12.50 here. Really?", text]


# --- End to end: a scripted model over real HTTP, the real Piper worker -------------------

TEMPLATED = ("Your balance is $128.50. Your next appointment is on Thursday, December 3 at "
             "9:30 AM with Doctor Patel.")


@pytest.fixture(scope="module")
def scripted() -> Iterator[tuple[ScriptedModel, str]]:
    with serve_scripted() as served:
        yield served


@pytest.fixture(scope="module")
def voice() -> tuple[PiperProcess, PhraseCache]:
    return load_voice(TtsSettings(noise_scale=0.0, noise_w_scale=0.0))


class RecordingWorker:
    """The Piper worker, noting every text it is asked to synthesise."""

    def __init__(self, worker: PiperProcess) -> None:
        self._worker = worker
        self.texts: list[str] = []

    @property
    def sample_rate(self) -> int:
        return self._worker.sample_rate

    def stream(self, text: str, options: SynthesisOptions) -> AsyncIterator[bytes]:
        self.texts.append(text)
        return self._worker.stream(text, options)


class _Collector(FrameProcessor):
    def __init__(self) -> None:
        super().__init__()
        self.audio = bytearray()
        self.words: list[str] = []  # the agent's words as the conversation records them
        self.ended = asyncio.Event()

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, TTSAudioRawFrame):
            self.audio += frame.audio
        elif isinstance(frame, TTSTextFrame):
            self.words.append(frame.text)
        elif isinstance(frame, LLMFullResponseEndFrame):
            self.ended.set()  # queued behind the reply's audio
        await self.push_frame(frame, direction)


async def _call(voice, model_url: str, frames: list[Frame], *,
                tts: TtsSettings | None = None,
                recorder: TurnRecorder | None = None,
                opening_times: OpeningTimesCheck | None = None,
                ) -> tuple[list[str], float, list[str]]:
    """Run LLM -> TTS -> collector on ``frames``.

    Returns:
        What the worker synthesised, the seconds of audio, and the agent's words as the
        conversation records them.
    """
    tts = tts or TtsSettings()
    worker = RecordingWorker(voice[0])
    llm = VllmLLMService(llm=LlmSettings(base_url=model_url))
    service = PiperWorkerTTSService(tts=tts, worker=worker, phrases=None, tool_names=TOOLS,
                                    opening_times=opening_times)
    collector = _Collector()
    pipeline_worker = PipelineWorker(Pipeline([llm, service, collector]),
                                     cancel_on_idle_timeout=False,
                                     observers=[recorder] if recorder is not None else [],
                                     params=PipelineParams(audio_out_sample_rate=16000))
    started = asyncio.Event()

    @pipeline_worker.event_handler("on_pipeline_started")
    async def _started(_w, _f) -> None:
        started.set()

    async def drive() -> None:
        await started.wait()
        for frame in frames:
            await pipeline_worker.queue_frame(frame)
        await asyncio.wait_for(collector.ended.wait(), timeout=30)
        await pipeline_worker.queue_frame(EndFrame())

    runner = WorkerRunner(handle_sigint=False)
    await runner.add_workers(pipeline_worker)
    await asyncio.gather(runner.run(), drive())
    return worker.texts, len(collector.audio) / 2 / 16000, collector.words


def _ask(question: str = "What is my account balance?") -> LLMContextFrame:
    return LLMContextFrame(LLMContext([{"role": "user", "content": question}]))


CODE_REPLIES = [
    ("You can call the account balance function. Here's how to do it. Python def "
     "call_account_balance(): return call_account_balance() ") * 6,
    '{"name": "account_balance", "arguments": {}}',
    "```python\nprint(get_balance())\n```",
    "Traceback (most recent call last): File \"app.py\", line 3, in <module> KeyError: 'x'",
]


@pytest.mark.parametrize("reply", CODE_REPLIES)
async def test_code_and_json_replies_from_the_model_never_reach_the_voice(
        voice, scripted, reply: str) -> None:
    model, url = scripted
    model.reply = reply
    spoken, audio_s, words = await _call(voice, url, [_ask()])
    assert " ".join(spoken) == POLITE  # said once, instead of the reply
    assert 0.5 < audio_s < 5
    assert words == [POLITE]  # the model does not find its code in the conversation either


async def test_a_reply_that_turns_into_code_is_cut_where_it_turns(voice, scripted) -> None:
    model, url = scripted
    model.reply = "Sure, I can help. Here is the code: print(balance) and then return it."
    spoken, _, _ = await _call(voice, url, [_ask()])
    assert spoken == ["Sure,", "I can help."]


@pytest.mark.parametrize(("reply", "shown"), [
    (CODE_REPLIES[0], [POLITE]),
    ("Our office opens at 8 AM. Parking is free. We close at five. The pharmacy is next door.",
     ["Our office opens at 8 AM. Parking is free. We close at five."]),
])
async def test_the_transcript_shows_what_the_voice_said_not_what_the_model_wrote(
        voice, scripted, reply: str, shown: list[str]) -> None:
    model, url = scripted
    model.reply = reply
    recorder = TurnRecorder()
    spoken, _, _ = await _call(voice, url, [TTSSpeakFrame("Hello there.", append_to_context=False),
                                         _ask()], recorder=recorder)
    agent = [line.text for line in recorder.lines if line.speaker == "agent"]
    assert agent == ["Hello there.", *shown]
    assert " ".join(agent[1:]) == " ".join(spoken[1:])


async def test_a_repeated_sentence_reply_is_cut(voice, scripted) -> None:
    model, url = scripted
    model.reply = "I'm sorry for any misunderstanding. I'm here to help. " * 8
    spoken, audio_s, _ = await _call(voice, url, [_ask("Why was I charged?")],
                                  tts=TtsSettings(max_sentences=10))
    assert " ".join(spoken) == "I'm sorry for any misunderstanding. I'm here to help."
    assert audio_s < 6  # not 30 s of apologies


async def test_the_model_gets_a_short_reply_cap_and_penalties(voice, scripted) -> None:
    model, url = scripted
    model.reply = "Our office opens at 8 AM. You can pay by card or cash."
    model.requests.clear()
    spoken, _, _ = await _call(voice, url, [_ask("When do you open?")])
    assert " ".join(spoken) == model.reply  # ordinary prose passes untouched
    sent = model.requests[0]
    llm = LlmSettings()
    assert sent["max_tokens"] == llm.max_reply_tokens < 150
    assert sent["frequency_penalty"] == llm.frequency_penalty > 0
    assert sent["presence_penalty"] == llm.presence_penalty
    assert "repetition_penalty" not in sent  # off by default: it stops tool arguments copying


def test_vllm_repetition_penalty_travels_in_the_extra_body() -> None:
    settings = sampling_settings(LlmSettings(repetition_penalty=1.1, max_reply_tokens=60))
    assert settings.extra == {"extra_body": {"repetition_penalty": 1.1}}
    assert settings.max_tokens == 60
    assert sampling_settings(LlmSettings()).extra == {}


async def test_system_lines_are_spoken_in_full_while_model_text_is_capped(
        voice, scripted) -> None:
    model, url = scripted
    model.reply = TEMPLATED + " " + TEMPLATED
    spoken, _, _ = await _call(voice, url, [TTSSpeakFrame(TEMPLATED, append_to_context=False),
                                         _ask()], tts=TtsSettings(max_sentences=1))
    heard = " ".join(spoken).lower()
    assert heard.count("twenty-eight dollars and fifty cents") == 2
    assert heard.count("doctor patel") == 1  # the system's two sentences; the model's first


async def test_a_system_line_inside_a_model_reply_is_trusted_and_the_reply_still_guarded(
        voice, scripted) -> None:
    _, url = scripted
    system_line = "You can also pay online at riversideclinic.com. One moment please."
    frames = [LLMFullResponseStartFrame(),
              *[LLMTextFrame(t) for t in tokens("Let me check that.")],
              TTSSpeakFrame(system_line, append_to_context=False),
              # The same reply goes on: a repeat of its first sentence, then code.
              *[LLMTextFrame(t) for t in tokens(" Let me check that. def lookup(): return 1")],
              LLMFullResponseEndFrame()]
    spoken, _, _ = await _call(voice, url, frames)
    assert spoken[0] == "Let me check that."
    assert " ".join(spoken[1:]) == system_line  # in full; nothing more of the model


async def test_withheld_text_is_never_logged(voice, scripted) -> None:
    model, url = scripted
    model.reply = "Python def lookup_zanzibarquux(): return 'diabetes'"
    lines: list[str] = []
    sink = logger.add(lines.append, level="DEBUG")
    try:
        await _call(voice, url, [_ask()])
    finally:
        logger.remove(sink)
    text = "".join(lines)
    assert "not spoken (tool_name)" in text or "not spoken (code)" in text
    assert "zanzibarquux" not in text and "diabetes" not in text


async def test_hours_the_model_gets_wrong_never_reach_the_voice(voice, scripted) -> None:
    """The reply a held-out caller heard: the week retold with the wrong closing times."""
    model, url = scripted
    model.reply = ("You can call this practice at the front desk. Your hours are: Monday and "
                   "Tuesday from 8 AM to noon; Wednesday from 8 AM to noon.")
    check = OpeningTimesCheck(load_profile(default_profile_path()))
    spoken, _, words = await _call(voice, url, [_ask("Is possible to speak with the secretary?")],
                                   tts=TtsSettings(max_sentences=10), opening_times=check)
    said = " ".join(spoken)
    assert "8 AM to noon; Wednesday" not in said and "Monday and Tuesday from 8 AM to noon" not in said
    assert said.endswith(check.true_line) and "5:30 PM" in said
    assert " ".join(words).endswith(check.true_line)  # the conversation keeps the true line


async def test_a_model_claiming_to_be_a_doctor_is_never_voiced(voice, scripted) -> None:
    """Seen on the hand-off bench: the bundled model, asked what it cannot answer, said it
    was a medical professional and promised to note things on the caller's file."""
    from verivoice.pipeline.tts.claims import TRUE_LINES

    model, url = scripted
    model.reply = "I'm a medical professional, and I'll make sure to add that to your file."
    spoken, _, words = await _call(voice, url, [_ask("Can you tell the doctor I called?")])
    assert spoken == [TRUE_LINES["persona"]]
    assert " ".join(words) == TRUE_LINES["persona"]
