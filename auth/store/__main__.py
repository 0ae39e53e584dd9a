"""``python -m verivoice.auth.store upgrade|current``."""

from verivoice.commands.db import app

app(prog_name="python -m verivoice.auth.store")
