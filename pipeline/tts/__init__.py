"""Speech synthesis with Piper, tuned for fast first audio (issue 4)."""
