"""An offline transport: a caller WAV in, the agent's audio out, on one timeline.

Input streams the caller's audio in 20 ms frames at ``speed`` times real time (turn-taking
is timed by the wall clock, so 1.0 is the faithful setting). Output is paced like a
phone line (``pace=True``) so barge-in and speaking times mean what they would on a call;
each piece the agent says is placed on the caller's timeline, so the written WAV lines up
with the input.
"""

from __future__ import annotations

import asyncio
import time

import numpy as np
from pipecat.frames.frames import (
    CancelFrame,
    EndFrame,
    EndWorkerFrame,
    InputAudioRawFrame,
    OutputAudioRawFrame,
    StartFrame,
)
from pipecat.transports.base_input import BaseInputTransport
from pipecat.transports.base_output import BaseOutputTransport
from pipecat.transports.base_transport import BaseTransport, TransportParams

FRAME_S = 0.02


class _Clock:
    """Call time: seconds of caller audio since the call started (wall time x speed)."""

    def __init__(self, speed: float) -> None:
        self.speed = speed
        self.started: float | None = None

    def start(self) -> None:
        if self.started is None:
            self.started = time.monotonic()

    def now(self) -> float:
        return 0.0 if self.started is None else (time.monotonic() - self.started) * self.speed


class WavInput(BaseInputTransport):
    def __init__(self, pcm: bytes, sample_rate: int, clock: _Clock, tail_s: float,
                 params: TransportParams, **kwargs) -> None:
        super().__init__(params, **kwargs)
        self._pcm = pcm
        self._rate = sample_rate
        self._clock = clock
        self._tail_s = tail_s
        self._feeder: asyncio.Task | None = None

    async def start(self, frame: StartFrame) -> None:
        await super().start(frame)
        await self.set_transport_ready(frame)
        self._clock.start()
        self._feeder = self.create_task(self._feed())

    async def _feed(self) -> None:
        step = int(self._rate * FRAME_S) * 2
        silence = bytes(step)
        total = len(self._pcm) // step + int(self._tail_s / FRAME_S)
        for k in range(total):
            chunk = self._pcm[k * step:(k + 1) * step] or silence
            if len(chunk) < step:
                chunk += bytes(step - len(chunk))
            await self.push_audio_frame(
                InputAudioRawFrame(audio=chunk, sample_rate=self._rate, num_channels=1))
            await asyncio.sleep(max(0.0, ((k + 1) * FRAME_S - self._clock.now()) /
                                    self._clock.speed))
        await self.push_frame(EndWorkerFrame(reason="caller audio finished"))

    async def stop(self, frame: EndFrame) -> None:
        await super().stop(frame)
        await self._halt()

    async def cancel(self, frame: CancelFrame) -> None:
        await super().cancel(frame)
        await self._halt()

    async def _halt(self) -> None:
        if self._feeder is not None:
            await self.cancel_task(self._feeder)
            self._feeder = None


class WavOutput(BaseOutputTransport):
    def __init__(self, clock: _Clock, pace: bool, params: TransportParams, **kwargs) -> None:
        super().__init__(params, **kwargs)
        self._clock = clock
        self._pace = pace
        self._cursor = 0.0  # call time at which the next written sample plays
        self.pieces: list[tuple[float, bytes]] = []

    async def start(self, frame: StartFrame) -> None:
        await super().start(frame)
        await self.set_transport_ready(frame)

    async def write_audio_frame(self, frame: OutputAudioRawFrame) -> bool:
        at = max(self._cursor, self._clock.now())
        self.pieces.append((at, frame.audio))
        duration = len(frame.audio) / 2 / self.sample_rate
        self._cursor = at + duration
        if self._pace:
            await asyncio.sleep(max(0.0, (self._cursor - self._clock.now()) / self._clock.speed))
        return True

    def render(self, seconds: float | None = None) -> np.ndarray:
        """The agent's audio on the call timeline (16-bit mono at the output rate)."""
        rate = self.sample_rate
        end = max([at + len(a) / 2 / rate for at, a in self.pieces] + [seconds or 0.0])
        out = np.zeros(int(end * rate) + 1, np.int16)
        for at, audio in self.pieces:
            samples = np.frombuffer(audio, np.int16)
            start = int(at * rate)
            out[start:start + len(samples)] = samples[: len(out) - start]
        return out


class WavTransport(BaseTransport):
    """Caller audio from memory (16-bit mono PCM), agent audio collected for a WAV.

    Args:
        pcm: The caller's audio, 16-bit mono at ``sample_rate`` (8 or 16 kHz, for Silero).
        sample_rate: Its rate.
        out_sample_rate: The agent's output rate.
        speed: Input pace relative to real time.
        pace: Play the agent's audio out in real time (else write it as fast as it comes).
        tail_s: Silence streamed after the caller's audio, so the last reply is heard.
    """

    def __init__(self, pcm: bytes, sample_rate: int, *, out_sample_rate: int = 16000,
                 speed: float = 1.0, pace: bool = True, tail_s: float = 8.0) -> None:
        super().__init__()
        params = TransportParams(audio_in_enabled=True, audio_in_sample_rate=sample_rate,
                                 audio_out_enabled=True, audio_out_sample_rate=out_sample_rate,
                                 audio_out_end_silence_secs=0)
        clock = _Clock(speed)
        self._input = WavInput(pcm, sample_rate, clock, tail_s, params)
        self._output = WavOutput(clock, pace, params)

    def input(self) -> WavInput:
        return self._input

    def output(self) -> WavOutput:
        return self._output
