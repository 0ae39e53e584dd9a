"""``python -m verivoice.auth.store upgrade|current``."""

from verivoice.auth.store.cli import app

app(prog_name="python -m verivoice.auth.store")
