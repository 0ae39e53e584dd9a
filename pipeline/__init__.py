"""The per-call voice pipeline: transport in -> VAD -> ASR -> code gate -> LLM -> TTS -> out."""
