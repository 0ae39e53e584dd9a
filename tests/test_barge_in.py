"""The barge-in watch: a caller who talks over the agent's line is noted, silence is not."""

from __future__ import annotations

import time

from pipecat.frames.frames import (
    BotStartedSpeakingFrame,
    BotStoppedSpeakingFrame,
    InterruptionFrame,
)
from pipecat.observers.base_observer import FramePushed
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor
from pipecat.transports.base_output import BaseOutputTransport
from pipecat.transports.base_transport import TransportParams

from verivoice.pipeline.barge_in import BargeInWatch


def _pushed(source, destination, frame) -> FramePushed:
    return FramePushed(source=source, destination=destination, frame=frame,
                       direction=FrameDirection.DOWNSTREAM, timestamp=0)


async def test_an_interruption_while_the_agent_speaks_is_a_cut() -> None:
    watch, tts, output = BargeInWatch(), FrameProcessor(), BaseOutputTransport(TransportParams())
    said_at = time.monotonic()
    await watch.on_push_frame(_pushed(output, tts, BotStartedSpeakingFrame()))
    assert watch.speaking
    await watch.on_push_frame(_pushed(tts, output, InterruptionFrame()))
    assert watch.cut_since(said_at)
    assert not watch.cut_since(time.monotonic() + 1.0)  # a line said after it was not cut


async def test_an_interruption_in_silence_or_upstream_is_no_cut() -> None:
    watch, tts, output = BargeInWatch(), FrameProcessor(), BaseOutputTransport(TransportParams())
    said_at = time.monotonic()
    await watch.on_push_frame(_pushed(tts, output, InterruptionFrame()))  # nothing playing
    await watch.on_push_frame(_pushed(output, tts, BotStartedSpeakingFrame()))
    await watch.on_push_frame(_pushed(output, tts, BotStoppedSpeakingFrame()))
    await watch.on_push_frame(_pushed(tts, output, InterruptionFrame()))  # the line had ended
    await watch.on_push_frame(_pushed(output, tts, BotStartedSpeakingFrame()))
    await watch.on_push_frame(_pushed(tts, FrameProcessor(), InterruptionFrame()))  # not at the output
    assert not watch.cut_since(said_at)


async def test_a_line_waits_for_a_caller_who_is_still_speaking() -> None:
    """The VAD's start and stop tell whether the caller is mid-sentence; a line waits for
    the stop, at most as long as it is told."""
    import asyncio

    from pipecat.frames.frames import VADUserStartedSpeakingFrame, VADUserStoppedSpeakingFrame

    watch, vad, stt = BargeInWatch(), FrameProcessor(), FrameProcessor()
    assert not watch.caller_speaking and await watch.caller_quiet(0.0)
    await watch.on_push_frame(_pushed(vad, stt, VADUserStartedSpeakingFrame()))
    assert watch.caller_speaking
    assert not await watch.caller_quiet(0.05)  # still speaking: gave up after 50 ms

    async def stops() -> None:
        await asyncio.sleep(0.1)
        await watch.on_push_frame(_pushed(vad, stt, VADUserStoppedSpeakingFrame()))

    started = time.monotonic()
    _, quiet = await asyncio.gather(stops(), watch.caller_quiet(5.0))
    assert quiet and time.monotonic() - started < 1.0


async def test_an_interruption_before_a_queued_line_sounds_is_a_cut() -> None:
    """The caller speaks again while the step's question is on its way to the voice: the
    interruption drops it before its first sound, so it was cut (and is asked again)."""
    from pipecat.frames.frames import TTSSpeakFrame

    watch, tts, output = BargeInWatch(), FrameProcessor(), BaseOutputTransport(TransportParams())
    said_at = time.monotonic()
    await watch.on_push_frame(_pushed(FrameProcessor(), tts, TTSSpeakFrame("Please say the code.")))
    await watch.on_push_frame(_pushed(tts, output, InterruptionFrame()))
    assert watch.cut_since(said_at)
    # once it was spoken in full, an interruption in the silence after it cuts nothing
    later = time.monotonic()
    await watch.on_push_frame(_pushed(FrameProcessor(), tts, TTSSpeakFrame("Thanks.")))
    await watch.on_push_frame(_pushed(output, tts, BotStartedSpeakingFrame()))
    await watch.on_push_frame(_pushed(output, tts, BotStoppedSpeakingFrame()))
    await watch.on_push_frame(_pushed(tts, output, InterruptionFrame()))
    assert not watch.cut_since(later)


async def test_the_codes_own_interruption_and_a_silent_line_are_no_cut() -> None:
    """A hand-off cutting the model's reply is not the caller talking over the agent; a line
    that never made a sound (a synthesis error) is forgotten, so the caller's next words in
    silence cut nothing."""
    from pipecat.frames.frames import TTSSpeakFrame

    from verivoice.pipeline import barge_in

    watch, tts, output = BargeInWatch(), FrameProcessor(), BaseOutputTransport(TransportParams())
    said_at = time.monotonic()
    await watch.on_push_frame(_pushed(output, tts, BotStartedSpeakingFrame()))
    watch.own_interruption()
    await watch.on_push_frame(_pushed(tts, output, InterruptionFrame()))
    assert not watch.cut_since(said_at)
    await watch.on_push_frame(_pushed(output, tts, BotStoppedSpeakingFrame()))
    await watch.on_push_frame(_pushed(FrameProcessor(), tts, TTSSpeakFrame("Please hold.")))
    old, barge_in.LINE_COMING_S = barge_in.LINE_COMING_S, 0.0
    try:
        await watch.on_push_frame(_pushed(tts, output, InterruptionFrame()))
    finally:
        barge_in.LINE_COMING_S = old
    assert not watch.cut_since(said_at)
