"""Keep a call's conversation inside the model's context window.

The oldest turns go first. System messages always stay, and so does the caller's latest
turn. A tool result is never kept without the assistant message that asked for it: turns
are dropped whole, from one user message to the next.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

Message = dict[str, Any]

# vLLM's chat templates add a few tokens of framing per message.
_PER_MESSAGE_TOKENS = 6


def estimate_tokens(message: Message) -> int:
    """A cautious token count: about three characters a token, plus framing.

    English text runs near four characters a token for Llama-style tokenizers; three leaves
    headroom for digits and punctuation, which tokenise worse.
    """
    content = message.get("content") or ""
    if not isinstance(content, str):
        content = json.dumps(content)
    calls = json.dumps(message.get("tool_calls") or "")
    return _PER_MESSAGE_TOKENS + (len(content) + len(calls)) // 3 + 1


def _turns(messages: Sequence[Message]) -> list[list[Message]]:
    """Group non-system messages into turns that each start at a user message."""
    turns: list[list[Message]] = []
    for message in messages:
        if message.get("role") == "user" or not turns:
            turns.append([message])
        else:
            turns[-1].append(message)
    return turns


def trim_history(
    messages: Sequence[Message],
    budget_tokens: int,
    count: Callable[[Message], int] = estimate_tokens,
) -> list[Message]:
    """Return the newest whole turns of ``messages`` that fit ``budget_tokens``.

    Args:
        messages: OpenAI-style chat messages, oldest first.
        budget_tokens: Tokens the prompt may use (model length minus the reply's share).
        count: Token counter for one message.

    Returns:
        System messages followed by the most recent turns that fit. The latest turn is
        always kept, even alone over budget: the server then answers with its own error
        rather than the agent silently answering an older question.
    """
    system = [m for m in messages if m.get("role") in ("system", "developer")]
    rest = [m for m in messages if m.get("role") not in ("system", "developer")]
    turns = _turns(rest)
    used = sum(count(m) for m in system)
    kept: list[list[Message]] = []
    for turn in reversed(turns):
        cost = sum(count(m) for m in turn)
        if kept and used + cost > budget_tokens:
            break
        kept.append(turn)
        used += cost
    return system + [m for turn in reversed(kept) for m in turn]
