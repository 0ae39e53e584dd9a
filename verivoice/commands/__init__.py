"""The `verivoice` command's subcommands, one module each (the harness's live in bench/cli.py).

Each module holds a Typer app or a command function and imports what it runs lazily where
start-up time matters; verivoice/cli.py puts them together.
"""
