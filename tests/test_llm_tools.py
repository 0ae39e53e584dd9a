"""The tool layer: PHI tools run only through the gate, whatever the model asks."""

from __future__ import annotations

from verivoice.pipeline.llm.tools import VERIFICATION_REQUIRED, Tool, ToolRunner, UnverifiedGate

CANARY_PHI = "DIAGNOSIS-CANARY-7731"


class VerifiedGate:
    def allows(self, tool: Tool) -> bool:
        return True


def _tools(calls: list[str]) -> list[Tool]:
    async def opening_hours(day: str) -> dict:
        calls.append("opening_hours")
        return {"day": day, "hours": "9-17"}

    async def read_record(patient_id: str) -> dict:
        calls.append("read_record")
        return {"diagnosis": CANARY_PHI}

    async def broken() -> dict:
        raise RuntimeError(f"database said {CANARY_PHI}")

    return [
        Tool("opening_hours", "Opening hours", opening_hours, {"day": {"type": "string"}}, ["day"]),
        Tool("read_record", "Read the caller's record", read_record,
             {"patient_id": {"type": "string"}}, ["patient_id"], phi=True),
        Tool("broken", "Always fails", broken),
    ]


async def test_ordinary_tools_run_before_verification() -> None:
    calls: list[str] = []
    runner = ToolRunner(_tools(calls), UnverifiedGate())
    assert await runner.call(runner.tools["opening_hours"], {"day": "monday"}) == {
        "day": "monday", "hours": "9-17"}
    assert calls == ["opening_hours"]


async def test_phi_tools_are_refused_until_the_gate_allows() -> None:
    calls: list[str] = []
    runner = ToolRunner(_tools(calls), UnverifiedGate())
    result = await runner.call(runner.tools["read_record"], {"patient_id": "p1"})
    assert result == VERIFICATION_REQUIRED
    assert calls == [] and runner.refused == ["read_record"]
    verified = ToolRunner(_tools(calls), VerifiedGate())
    assert (await verified.call(verified.tools["read_record"], {"patient_id": "p1"}))["diagnosis"] == CANARY_PHI


async def test_bad_arguments_and_failures_reveal_nothing(caplog) -> None:
    from loguru import logger

    seen: list[str] = []
    sink = logger.add(lambda m: seen.append(str(m)))
    try:
        runner = ToolRunner(_tools([]), VerifiedGate())
        bad = await runner.call(runner.tools["opening_hours"], {"day": "x", "sql": "drop"})
        assert bad == {"error": "invalid_arguments", "unknown": ["sql"], "missing": []}
        failed = await runner.call(runner.tools["broken"], {})
    finally:
        logger.remove(sink)
    assert failed == {"error": "tool_failed"}
    assert CANARY_PHI not in "".join(seen) + caplog.text + str(failed)


def test_schemas_are_strict_for_small_models() -> None:
    tool = _tools([])[1]
    schema = tool.openai_tool()["function"]
    assert schema["strict"] is True and schema["parameters"]["additionalProperties"] is False
    assert ToolRunner(_tools([]), UnverifiedGate()).tools_schema().standard_tools[1].name == "read_record"
