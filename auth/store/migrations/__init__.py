"""Alembic migrations of the state store (both backends; see ``env.py``)."""
