"""Tools the model may call: plain async functions with schemas, and a gate for PHI.

A tool that reads protected health information (or charges a card) is marked ``phi=True``.
Whatever the model asks for, such a tool runs only when the call's :class:`ToolGate` says
the caller is verified (the step-up flow in ``auth/`` implements the gate). A refused or
failed call answers the model with a short reason, never with the data or the exception.

A tool with a ``spoken`` template is answered to the caller by the code: its result is
turned into a fixed sentence and spoken, and the model hears only that the caller was
answered. Protected data then never enters the LLM's context, and the figure the caller
hears is the record's, not the model's rendering of it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from loguru import logger
from pipecat.adapters.llm.schemas.tools_schema import ToolsSchema
from pipecat.frames.frames import FunctionCallResultProperties
from pipecat.services.llm_service import FunctionCallParams, LLMService

from verivoice.pipeline.contracts import (
    ANSWERED,
    AUDIT_UNAVAILABLE,
    VERIFICATION_REQUIRED,
    Speak,
    Tool,
    ToolGate,
)


class UnverifiedGate:
    """The gate before any verification: ordinary tools yes, PHI tools never."""

    def allows(self, tool: Tool) -> bool:
        return not tool.phi


class ToolRunner:
    """Registers tools with an LLM service, behind a gate.

    Args:
        tools: The tools of this deployment.
        gate: This call's gate.
        speak: Speaks a line to the caller (answers from tools with a ``spoken`` template).
    """

    def __init__(self, tools: Sequence[Tool], gate: ToolGate, speak: Speak | None = None) -> None:
        self.tools = {t.name: t for t in tools}
        self.gate = gate
        self.speak = speak
        self.refused: list[str] = []

    def tools_schema(self) -> ToolsSchema:
        return ToolsSchema(standard_tools=[t.function_schema() for t in self.tools.values()])

    def register(self, llm: LLMService) -> None:
        for tool in self.tools.values():
            llm.register_function(tool.name, self.handler_for(tool))

    def handler_for(self, tool: Tool) -> Callable[[FunctionCallParams], Awaitable[None]]:
        async def run(params: FunctionCallParams) -> None:
            result = await self.call(tool, dict(params.arguments or {}))
            if result is VERIFICATION_REQUIRED and hasattr(self.gate, "require"):
                # The gate speaks to the caller now; the model waits for its outcome.
                await params.result_callback(
                    result, properties=FunctionCallResultProperties(run_llm=False))
                await self.gate.require(tool.name)
                return
            if tool.spoken is not None and self.speak is not None and _succeeded(result):
                await self.speak(tool.spoken(result))  # the caller hears the record's figures
                await params.result_callback(
                    ANSWERED, properties=FunctionCallResultProperties(run_llm=False))
                return
            quiet = FunctionCallResultProperties(run_llm=False) if tool.quiet else None
            await params.result_callback(result, properties=quiet)

        return run

    async def answer(self, name: str) -> str | None:
        """Run tool ``name`` for the caller and return the sentence they should hear.

        ``None`` when the tool is unknown, has no spoken template, is refused by the gate,
        or fails: whoever asked then speaks a polite line instead.
        """
        tool = self.tools.get(name)
        if tool is None or tool.spoken is None:
            return None
        result = await self.call(tool, {})
        if not _succeeded(result) or result is VERIFICATION_REQUIRED:
            return None
        try:
            return tool.spoken(result)
        except Exception as exc:  # a template that does not fit the record: no data leaks
            logger.error(f"tool {tool.name}: its answer could not be worded ({type(exc).__name__})")
            return None

    async def call(self, tool: Tool, arguments: dict[str, Any]) -> Any:
        """Run ``tool`` if the gate allows it; return what the model should see."""
        if not self.gate.allows(tool):
            self.refused.append(tool.name)
            logger.info(f"tool {tool.name} refused by the gate (caller not verified)")
            return VERIFICATION_REQUIRED
        unknown = set(arguments) - set(tool.properties)
        missing = set(tool.required) - set(arguments)
        if unknown or missing:
            return {"error": "invalid_arguments", "unknown": sorted(unknown), "missing": sorted(missing)}
        if tool.phi and hasattr(self.gate, "disclosing"):
            try:  # no audit record, no disclosure (fail closed)
                await self.gate.disclosing(tool)
            except Exception as exc:
                logger.error(f"tool {tool.name} not run: its access record could not be "
                             f"written ({type(exc).__name__})")
                return AUDIT_UNAVAILABLE
        try:
            return await tool.handler(**arguments)
        except Exception as exc:  # the model hears that it failed, not why (no PHI leaks)
            logger.error(f"tool {tool.name} failed ({type(exc).__name__})")
            return {"error": "tool_failed"}


def _succeeded(result: Any) -> bool:
    return not (isinstance(result, dict) and "error" in result)
