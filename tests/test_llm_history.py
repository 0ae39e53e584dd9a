"""Keeping the conversation inside the context window."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from verivoice.pipeline.llm.history import estimate_tokens, trim_history

SYSTEM = {"role": "system", "content": "You are the clinic's receptionist."}


def _turn(i: int, with_tool: bool = False) -> list[dict]:
    turn = [{"role": "user", "content": f"question {i} " + "x" * 60}]
    if with_tool:
        turn += [
            {"role": "assistant", "content": None, "tool_calls": [
                {"id": f"c{i}", "type": "function",
                 "function": {"name": "opening_hours", "arguments": "{}"}}]},
            {"role": "tool", "tool_call_id": f"c{i}", "content": "9 to 5"},
        ]
    return [*turn, {"role": "assistant", "content": f"answer {i} " + "y" * 60}]


def test_short_history_is_untouched() -> None:
    messages = [SYSTEM, *_turn(1), *_turn(2)]
    assert trim_history(messages, 10_000) == messages


def test_oldest_turns_go_first_and_system_stays() -> None:
    messages = [SYSTEM] + [m for i in range(50) for m in _turn(i)]
    trimmed = trim_history(messages, 400)
    assert trimmed[0] == SYSTEM
    assert trimmed[-2:] == messages[-2:]
    assert sum(estimate_tokens(m) for m in trimmed) <= 400
    assert len(trimmed) < len(messages)
    assert trimmed[1]["role"] == "user"  # a whole turn, never a dangling answer


def test_tool_results_stay_with_their_call() -> None:
    messages = [SYSTEM] + [m for i in range(30) for m in _turn(i, with_tool=True)]
    trimmed = trim_history(messages, 300)
    for k, m in enumerate(trimmed):
        if m["role"] == "tool":
            assert trimmed[k - 1].get("tool_calls")


def test_latest_turn_is_kept_even_over_budget() -> None:
    huge = {"role": "user", "content": "z" * 10_000}
    assert trim_history([SYSTEM, *_turn(1), huge], 100) == [SYSTEM, huge]


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 40), st.integers(50, 3000), st.booleans())
def test_trimming_properties(turns: int, budget: int, tools: bool) -> None:
    messages = [SYSTEM] + [m for i in range(turns) for m in _turn(i, tools)]
    trimmed = trim_history(messages, budget)
    # A suffix of the conversation, after the system prompt.
    assert trimmed[0] == SYSTEM
    tail = trimmed[1:]
    assert tail == messages[len(messages) - len(tail):]
    if sum(m["role"] == "user" for m in tail) >= 2:  # more than the always-kept last turn
        assert sum(estimate_tokens(m) for m in trimmed) <= budget
    if turns:
        assert tail and tail[0]["role"] == "user"
