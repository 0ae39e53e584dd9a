"""The licence boundary: only the GPL modules, each its own process, import piper-tts."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORTS_PIPER = re.compile(r"^\s*(from|import)\s+(piper\b|pipecat\.services\.piper\b)", re.M)
GPL = {"pipeline/tts/piper_worker.py", "bench/stock_piper.py", "bench/stock_call.py"}


def test_only_the_gpl_modules_import_piper() -> None:
    importers = set()
    for folder in ("verivoice", "pipeline", "auth", "bench", "models"):
        for path in (ROOT / folder).rglob("*.py"):
            if IMPORTS_PIPER.search(path.read_text()):
                importers.add(str(path.relative_to(ROOT)))
    assert importers == GPL
    for name in GPL:
        head = (ROOT / name).read_text().splitlines()[0]
        assert head == "# SPDX-License-Identifier: GPL-3.0-or-later", name
        assert name in (ROOT / "README.md").read_text()
        assert name in (ROOT / "pyproject.toml").read_text()
