"""The agent's language model, served by vLLM over its OpenAI-compatible API (issue 3)."""
