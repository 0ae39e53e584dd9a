"""`verivoice bench heard`: what the recogniser makes of the bench wordings, and what the
router's rules make of that, without a call.

Each wording of the chosen sets is said in one of the bench voices (in turn), passed
through the simulated phone line, brought to 16 kHz as the call's input is, transcribed
with the project's Whisper (:meth:`WhisperTranscriber.transcribe`, the call's own path) and
read by the router's rules (:func:`~verivoice.pipeline.router.route_readings`), once on the
written reading alone and once with the recogniser's other readings. The figures compare
with the rules on the wording as written:

- requests kept: requests for protected data (step-up sets) or for a person (hand-off sets)
  whose heard reading routes to what the written wording routes to;
- others turned into a request: other questions that route to no such request as written,
  but do as heard;
- word error rate per voice engine.

It isolates the recogniser's share of the phone benches' losses (no turn splits, no model,
no timing) in a few minutes, so a change to recognition can be measured on the read sets
before an unread set is dialled. It is no stand-in for the phone benches' figures.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from verivoice.bench.digit_set import render_clip
from verivoice.bench.handoff import rule_name
from verivoice.bench.phone_line import PHONE_RATE
from verivoice.bench.voices import Voice, default_voices
from verivoice.pipeline.asr.audio import to_mono_16k
from verivoice.pipeline.contracts import Request
from verivoice.pipeline.intents import understand
from verivoice.pipeline.router import route_readings

# The read sets (their wordings were read after their phone-bench runs): development data.
READ_SETS = ("handoff_heldout5", "handoff_heldout6", "handoff_heldout7", "handoff_heldout8",
             "handoff_heldout9", "handoff_heldout10", "handoff_heldout11", "handoff_heldout12",
             "stepup_heldout4", "stepup_heldout5", "stepup_heldout6", "stepup_heldout7",
             "stepup_heldout8", "stepup_heldout9", "stepup_heldout10")
# Sets nobody has read yet: the report writes every wording and what was heard, so they are
# refused unless asked for (``verivoice bench heard --unread``), after their phone benches.
UNREAD_SETS = frozenset({"handoff_heldout13", "stepup_heldout11"})


@dataclass
class Wording:
    """One wording of a bench set and what became of it."""

    set: str
    kind: str  # "request" | "other"
    text: str
    voice: str
    as_written: str  # the rules' request on the wording ("none")
    heard: str = ""
    alternatives: list[str] = field(default_factory=list)
    as_heard: str = "none"  # the written reading alone
    with_readings: str = "none"  # the written reading, then the others
    confidence: float = 0.0  # the written reading's mean token probability
    decode_ms: float = 0.0


def wordings(set_name: str) -> list[tuple[str, str]]:
    """(kind, text) of one bench set: a hand-off set's requests for a person and others, or a
    step-up set's PHI requests and other questions."""
    module = importlib.import_module(f"verivoice.bench.{set_name}")
    if hasattr(module, "PERSON_REQUESTS"):
        requests: Sequence[str] = module.PERSON_REQUESTS
        others: Sequence[str] = module.OTHER_REQUESTS
    else:
        requests = [r.text for r in module.PHI_REQUESTS]
        others = module.OTHER_QUESTIONS
    return [("request", t) for t in requests] + [("other", t) for t in others]


def counts(set_name: str, routed: str) -> bool:
    """``routed`` is the kind of request the set is about: a hand-off in a hand-off set,
    a request for protected data in a step-up set."""
    request = routed.split(" ")[0]
    if set_name.startswith("handoff"):
        return request == Request.HANDOFF.value
    return request in {r.value for r in Request if r.protected and r is not Request.HANDOFF}


def run(sets: Sequence[str], transcribe: Callable[[np.ndarray], Any], *,
        voices: Sequence[Voice] | None = None, seed: int = 1000, per_set: int | None = None,
        progress: Callable[[int], None] = lambda n: None) -> list[Wording]:
    """Say, hear and route every wording of ``sets`` (voices in turn, one rendering each;
    ``per_set``: only the first that many requests and others of each set)."""
    voices = list(voices or default_voices())
    out: list[Wording] = []
    n = 0
    for set_name in sets:
        chosen = wordings(set_name)
        if per_set is not None:
            chosen = ([w for w in chosen if w[0] == "request"][:per_set]
                      + [w for w in chosen if w[0] == "other"][:per_set])
        for kind, text in chosen:
            voice = voices[n % len(voices)]
            audio = to_mono_16k(render_clip(voice, [text], seed=seed + n), PHONE_RATE)
            n += 1
            result = transcribe(audio)
            row = Wording(set_name, kind, text, voice.label, rule_name(understand(text)),
                          heard=result.text, alternatives=list(result.alternatives),
                          confidence=round(result.confidence, 3),
                          decode_ms=round(result.decode_ms, 1))
            row.as_heard = rule_name(understand(result.text))
            row.with_readings = rule_name(route_readings(result.text, result.alternatives,
                                                    understand)[1])
            out.append(row)
            progress(1)
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def word_errors(reference: str, heard: str) -> tuple[int, int]:
    """(edits, reference words): the word-level edit distance."""
    ref, hyp = _words(reference), _words(heard)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        diagonal, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            diagonal, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, diagonal + (r != h))
    return row[len(hyp)], len(ref)


def figures(rows: Sequence[Wording]) -> dict[str, Any]:
    """Per family (hand-off, step-up) and voice engine: requests kept, others turned into a
    request, with the written reading alone and with the other readings; word error rates."""
    groups: dict[str, dict[str, int]] = {}
    errors: dict[str, list[int]] = {}
    for r in rows:
        family = "handoff" if r.set.startswith("handoff") else "stepup"
        engine = r.voice.split(":")[0]
        for key in (family, f"{family}/{engine}"):
            g = groups.setdefault(key, dict.fromkeys(
                ("requests", "kept_heard", "kept_readings", "others", "false_heard",
                 "false_readings"), 0))
            if r.kind == "request" and counts(r.set, r.as_written):
                g["requests"] += 1
                g["kept_heard"] += r.as_heard == r.as_written
                g["kept_readings"] += r.with_readings == r.as_written
            elif r.kind == "other" and not counts(r.set, r.as_written):
                g["others"] += 1
                g["false_heard"] += counts(r.set, r.as_heard)
                g["false_readings"] += counts(r.set, r.with_readings)
        edits, words = word_errors(r.text, r.heard)
        for key in (engine, "all"):
            e = errors.setdefault(key, [0, 0])
            e[0] += edits
            e[1] += words
    decode = sorted(r.decode_ms for r in rows)
    return {"groups": dict(sorted(groups.items())),
            "wer": {k: round(e / max(w, 1), 3) for k, (e, w) in sorted(errors.items())},
            "decode_ms_p50": decode[len(decode) // 2] if decode else None,
            "wordings": len(rows)}


def markdown(figs: dict[str, Any], info: dict[str, Any]) -> str:
    lines = ["# What the recogniser hears of the bench wordings", "",
             f"{figs['wordings']} wordings from {', '.join(info['sets'])}; model "
             f"{info['model']}; {info.get('machine', '')}; decode p50 "
             f"{figs['decode_ms_p50']} ms; wall {info.get('wall_s', 0):.0f} s.", "",
             "| group | requests kept: heard | with other readings | others made requests: "
             "heard | with other readings |", "| --- | ---: | ---: | ---: | ---: |"]
    for key, g in figs["groups"].items():
        lines.append(f"| {key} | {g['kept_heard']}/{g['requests']} | "
                     f"{g['kept_readings']}/{g['requests']} | {g['false_heard']}/{g['others']} "
                     f"| {g['false_readings']}/{g['others']} |")
    lines += ["", "Word error rate: " + ", ".join(f"{k} {v:.3f}" for k, v in figs["wer"].items())
              + ".", ""]
    return "\n".join(lines)


def as_json(rows: Sequence[Wording], figs: dict[str, Any], info: dict[str, Any]) -> dict:
    return {"info": info, "figures": figs, "wordings": [asdict(r) for r in rows]}

