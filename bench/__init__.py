"""Benchmarks: measured figures for ASR accuracy and latency, and the latency budgets."""
