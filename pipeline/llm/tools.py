"""Tools the model may call: plain async functions with schemas, and a gate for PHI.

A tool that reads protected health information (or charges a card) is marked ``phi=True``.
Whatever the model asks for, such a tool runs only when the call's :class:`ToolGate` says
the caller is verified (the step-up flow in ``auth/`` implements the gate). A refused or
failed call answers the model with a short reason, never with the data or the exception.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from loguru import logger
from pipecat.adapters.llm.schemas.function_schema import FunctionSchema
from pipecat.adapters.llm.schemas.tools_schema import ToolsSchema
from pipecat.frames.frames import FunctionCallResultProperties
from pipecat.services.llm_service import FunctionCallParams, LLMService

ToolHandler = Callable[..., Awaitable[Any]]

VERIFICATION_REQUIRED = {
    "error": "verification_required",
    "say": "Before I can do that I need to verify your identity with a one-time code.",
}


@dataclass(frozen=True)
class Tool:
    """One function the model may call.

    Attributes:
        name: Function name the model uses.
        description: What it does, for the model.
        properties: JSON-schema properties of its arguments.
        required: Names of the required arguments.
        handler: ``async def handler(**arguments) -> result``.
        phi: It touches protected data (or money): the gate decides whether it runs.
    """

    name: str
    description: str
    handler: ToolHandler
    properties: dict[str, Any] = field(default_factory=dict)
    required: list[str] = field(default_factory=list)
    phi: bool = False

    def function_schema(self) -> FunctionSchema:
        return FunctionSchema(self.name, self.description, self.properties, self.required)

    def openai_tool(self) -> dict[str, Any]:
        """The strict schema, for servers and small models that need `strict` to comply."""
        return {"type": "function", "function": {
            "name": self.name, "description": self.description, "strict": True,
            "parameters": {"type": "object", "properties": self.properties,
                           "required": self.required, "additionalProperties": False}}}


class ToolGate(Protocol):
    """Decides, per call, whether a PHI tool may run now.

    A gate may also define ``async def require(tool_name)``: called when it refuses a tool,
    so that it can start verification itself (the step-up flow does).
    """

    def allows(self, tool: Tool) -> bool: ...


class UnverifiedGate:
    """The gate before any verification: ordinary tools yes, PHI tools never."""

    def allows(self, tool: Tool) -> bool:
        return not tool.phi


class ToolRunner:
    """Registers tools with an LLM service, behind a gate.

    Args:
        tools: The tools of this deployment.
        gate: This call's gate.
    """

    def __init__(self, tools: Sequence[Tool], gate: ToolGate) -> None:
        self.tools = {t.name: t for t in tools}
        self.gate = gate
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
            await params.result_callback(result)

        return run

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
        try:
            return await tool.handler(**arguments)
        except Exception as exc:  # the model hears that it failed, not why (no PHI leaks)
            logger.error(f"tool {tool.name} failed ({type(exc).__name__})")
            return {"error": "tool_failed"}
