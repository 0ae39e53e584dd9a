"""Statistics, budget verdict, report files and comparison for `verivoice bench run`."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

STAGES = ("transcript_ms", "first_token_ms", "first_tts_ms", "first_audio_ms")
LABELS = {"transcript_ms": "transcript", "first_token_ms": "first LLM token",
          "first_tts_ms": "first TTS audio", "first_audio_ms": "first audio out"}
EXIT_OK, EXIT_OVER, EXIT_FAILED = 0, 1, 2
OURS, BASELINE = "verivoice", "baseline"


@dataclass(frozen=True)
class StageStats:
    pipeline: str  # OURS or BASELINE
    level: int
    stage: str
    turns: int
    missing: int
    p50_ms: float | None
    p95_ms: float | None
    max_ms: float | None


@dataclass(frozen=True)
class Budget:
    profile: str
    first_token_ms: float
    first_audio_ms: float


@dataclass(frozen=True)
class Verdict:
    code: int  # EXIT_OK, EXIT_OVER or EXIT_FAILED
    reasons: list[str]


def _pipeline(turn: dict[str, Any]) -> str:
    return turn.get("pipeline", OURS)  # reports from before the baseline have only ours


def stage_stats(turns: list[dict[str, Any]]) -> list[StageStats]:
    """p50, p95 and max of every stage at every concurrency level, per pipeline."""
    out = []
    for pipeline in (OURS, BASELINE):
        ours = [t for t in turns if _pipeline(t) == pipeline]
        for level in sorted({t["level"] for t in ours}):
            rows = [t for t in ours if t["level"] == level]
            for stage in STAGES:
                values = [t[stage] for t in rows if t.get(stage) is not None]
                missing = len(rows) - len(values)
                if values:
                    out.append(StageStats(pipeline, level, stage, len(values), missing,
                                          float(np.percentile(values, 50)),
                                          float(np.percentile(values, 95)),
                                          float(max(values))))
                else:
                    out.append(StageStats(pipeline, level, stage, 0, missing, None, None, None))
    return out


def ratios(stats: list[StageStats]) -> list[tuple[int, str, float | None, float | None]]:
    """Ours over the baseline's, per stage at each level both ran: (level, stage, p50, p95)."""
    base = {(s.level, s.stage): s for s in stats if s.pipeline == BASELINE}
    out = []
    for s in stats:
        b = base.get((s.level, s.stage))
        if s.pipeline != OURS or b is None:
            continue

        def ratio(x: float | None, y: float | None) -> float | None:
            return None if x is None or not y else x / y

        out.append((s.level, s.stage, ratio(s.p50_ms, b.p50_ms), ratio(s.p95_ms, b.p95_ms)))
    return out


def verdict(stats: list[StageStats], budget: Budget) -> Verdict:
    """Ours within budget at the lowest concurrency (p95 of both figures), over, or failed."""
    stats = [s for s in stats if s.pipeline == OURS]
    if not stats:
        return Verdict(EXIT_FAILED, ["no turn was measured: the pipeline did not answer"])
    level = min(s.level for s in stats)
    at = {s.stage: s for s in stats if s.level == level}
    for stage in ("first_token_ms", "first_audio_ms"):
        if at[stage].p95_ms is None:
            return Verdict(EXIT_FAILED, [f"no turn reached {LABELS[stage]}"])
    reasons = []
    for stage, limit in (("first_token_ms", budget.first_token_ms),
                         ("first_audio_ms", budget.first_audio_ms)):
        p95 = at[stage].p95_ms
        assert p95 is not None
        if p95 > limit:
            reasons.append(f"{LABELS[stage]} p95 {p95:.0f} ms > {limit:.0f} ms; "
                           f"the largest share: {_largest_stage(at, stage)}")
    return Verdict(EXIT_OVER if reasons else EXIT_OK, reasons)


def _largest_stage(at: dict[str, StageStats], upto: str) -> str:
    """Which stage's p95 increment ate the most of the time up to ``upto``."""
    previous, shares = 0.0, []
    names = ["end of speech -> transcript", "transcript -> first LLM token",
             "first LLM token -> first TTS audio", "first TTS audio -> first audio out"]
    for stage, name in zip(STAGES, names, strict=True):
        p95 = at[stage].p95_ms or previous
        shares.append((p95 - previous, name))
        previous = p95
        if stage == upto:
            break
    delta, name = max(shares)
    return f"{name} ({delta:.0f} ms at p95)"


def machine_info(settings, device: str) -> dict[str, Any]:
    info: dict[str, Any] = {
        "cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
        "device": device, "python": platform.python_version(),
        "asr_model": settings.asr.model, "llm_model": settings.llm.model_for(device),
        "tts_voice": settings.tts.voice,
    }
    if shutil.which("nvidia-smi"):
        try:
            info["gpu"] = subprocess.run(
                ["nvidia-smi", "--query-gpu=name,driver_version,memory.total",
                 "--format=csv,noheader"], capture_output=True, text=True, timeout=10,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            info["gpu"] = "unknown"
    import ctranslate2
    import pipecat

    info["versions"] = {"ctranslate2": ctranslate2.__version__,
                        "pipecat": getattr(pipecat, "__version__", "?")}
    return info


def _ms(v: float | None) -> str:
    return "-" if v is None else f"{v:.0f}"


def _stats_table(stats: list[StageStats]) -> list[str]:
    lines = ["| calls at once | stage | turns | p50 | p95 | max |",
             "| ---: | --- | ---: | ---: | ---: | ---: |"]
    lines += [f"| {s.level} | {LABELS[s.stage]} | {s.turns} | {_ms(s.p50_ms)} | "
              f"{_ms(s.p95_ms)} | {_ms(s.max_ms)} |" for s in stats]
    return lines


def _baseline_section(stats: list[StageStats], baseline_error: str | None) -> list[str]:
    base = [s for s in stats if s.pipeline == BASELINE]
    if baseline_error:
        return ["", f"Baseline (Pipecat's stock pipeline): **failed**: {baseline_error}"]
    if not base:
        return []
    lines = ["", "Baseline: Pipecat's stock pipeline on the same models, LLM server and caller "
             "audio (Silero defaults, `WhisperSTTService`, smart-turn v3, `PiperTTSService`).",
             "", *_stats_table(base), "", "Ours over the baseline (below 1: faster):", "",
             "| calls at once | stage | p50 ratio | p95 ratio |", "| ---: | --- | ---: | ---: |"]
    for level, stage, p50, p95 in ratios(stats):
        cell = [("-" if r is None else f"{r:.2f}") for r in (p50, p95)]
        lines.append(f"| {level} | {LABELS[stage]} | {cell[0]} | {cell[1]} |")
    return lines


def markdown(stats: list[StageStats], budget: Budget, result: Verdict,
             info: dict[str, Any], baseline_error: str | None = None) -> str:
    lines = [
        f"Profile `{budget.profile}` on {info['device']} ({info['cores']} cores"
        + (f", {info['gpu']}" if info.get("gpu") else "") + f"): ASR `{info['asr_model']}`, "
        f"LLM `{info['llm_model']}`, voice `{info['tts_voice']}`. Milliseconds from the "
        "caller's end of speech.",
        "",
        *_stats_table([s for s in stats if s.pipeline == OURS]),
    ]
    status = {EXIT_OK: "within budget", EXIT_OVER: "OVER BUDGET",
              EXIT_FAILED: "RUN FAILED"}[result.code]
    lines += ["", f"Budget ({budget.profile}): first LLM token p95 <= {budget.first_token_ms:.0f} "
              f"ms, first audio out p95 <= {budget.first_audio_ms:.0f} ms, at the lowest "
              f"concurrency: **{status}**."]
    lines += [f"- {r}" for r in result.reasons]
    lines += _baseline_section(stats, baseline_error)
    return "\n".join(lines) + "\n"


def plot(turns: list[dict[str, Any]], stats: list[StageStats], budget: Budget,
         path: Path) -> None:
    """A per-stage waterfall per turn (lowest concurrency) and p95 against concurrency."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    level = min((t["level"] for t in turns if _pipeline(t) == OURS), default=1)
    rows = [t for t in turns if t["level"] == level and _pipeline(t) == OURS]
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, max(4, 0.3 * len(rows) + 2)))
    colours = ["#4c72b0", "#dd8452", "#55a868", "#c44e52"]
    for y, t in enumerate(rows):
        start = 0.0
        for stage, colour in zip(STAGES, colours, strict=True):
            end = t.get(stage)
            if end is None:
                continue
            left.barh(y, end - start, left=start, color=colour,
                      label=LABELS[stage] if y == 0 else None)
            start = end
    left.axvline(budget.first_audio_ms, color="black", linestyle="--", linewidth=1)
    left.set_xlabel("ms from end of speech")
    left.set_ylabel(f"turn ({level} call at a time)")
    left.set_title("per turn: where the time goes")
    left.legend(loc="lower right", fontsize=8)
    levels = sorted({s.level for s in stats})
    for stage, colour in zip(STAGES, colours, strict=True):
        for pipeline, marker, style in ((OURS, "o", "-"), (BASELINE, "x", "--")):
            points = {s.level: s.p95_ms for s in stats
                      if s.pipeline == pipeline and s.stage == stage}
            if not points:
                continue
            right.plot(sorted(points), [np.nan if points[lv] is None else points[lv]
                                        for lv in sorted(points)],
                       marker=marker, linestyle=style, color=colour,
                       label=LABELS[stage] + (" (stock)" if pipeline == BASELINE else ""))
    right.axhline(budget.first_token_ms, color="#dd8452", linestyle=":", linewidth=1)
    right.axhline(budget.first_audio_ms, color="#c44e52", linestyle=":", linewidth=1)
    right.set_xlabel("calls at once")
    right.set_ylabel("p95 ms")
    right.set_xticks(levels)
    right.set_title("p95 against concurrency (x: stock pipeline; dotted: budgets)")
    right.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write_report(out: Path, turns: list[dict[str, Any]], budget: Budget,
                 info: dict[str, Any], error: str | None = None, *,
                 baseline_error: str | None = None) -> tuple[str, Verdict]:
    """report.json, report.md and latency.png in ``out``; the markdown and the verdict."""
    out.mkdir(parents=True, exist_ok=True)
    stats = stage_stats(turns)
    result = Verdict(EXIT_FAILED, [error]) if error else verdict(stats, budget)
    md = markdown(stats, budget, result, info, baseline_error)
    (out / "report.json").write_text(json.dumps({
        "machine": info, "budget": asdict(budget), "verdict": asdict(result),
        "stats": [asdict(s) for s in stats],
        "ratios_vs_baseline": [{"level": lv, "stage": st, "p50": a, "p95": b}
                               for lv, st, a, b in ratios(stats)],
        "baseline_error": baseline_error, "turns": turns}, indent=1))
    (out / "report.md").write_text(md)
    if turns:
        plot(turns, stats, budget, out / "latency.png")
    return md, result


def compare(a: dict[str, Any], b: dict[str, Any]) -> str:
    """Side-by-side p50/p95 of two reports, stage by stage, with B/A ratios."""
    def index(report: dict[str, Any]) -> dict[tuple[int, str], dict[str, Any]]:
        return {(s["level"], s["stage"]): s for s in report["stats"]
                if s.get("pipeline", OURS) == OURS}

    ia, ib = index(a), index(b)
    lines = ["| calls at once | stage | A p50 | B p50 | B/A | A p95 | B p95 | B/A |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for key in sorted(set(ia) & set(ib)):
        sa, sb = ia[key], ib[key]

        def cell(v: float | None) -> str:
            return "-" if v is None else f"{v:.0f}"

        def ratio(x: float | None, y: float | None) -> str:
            return "-" if not x or y is None else f"{y / x:.2f}"

        lines.append(f"| {key[0]} | {LABELS[key[1]]} | {cell(sa['p50_ms'])} | "
                     f"{cell(sb['p50_ms'])} | {ratio(sa['p50_ms'], sb['p50_ms'])} | "
                     f"{cell(sa['p95_ms'])} | {cell(sb['p95_ms'])} | "
                     f"{ratio(sa['p95_ms'], sb['p95_ms'])} |")
    return "\n".join(lines) + "\n"
