"""The state store's tables (SQLAlchemy Core), as the migrations create them.

The migrations under ``migrations/versions`` are the source of truth for the database;
these definitions are what the queries are written against and must match the newest one
(a test compares them).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Double,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

#: One row per counted use (a code sent, a code checked); pruned once out of every window.
rate_events = Table(
    "rate_events", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
           autoincrement=True),
    Column("scope", String(32), nullable=False),
    Column("subject", String(128), nullable=False),
    Column("at", Double, nullable=False),
    Index("rate_events_by_subject", "scope", "subject", "at"),
)

#: The verification state of each call (the step-up flow's last save).
verifications = Table(
    "verifications", metadata,
    Column("call_id", String(64), primary_key=True),
    Column("state", String(32), nullable=False),
    Column("verification_sid", String(64), nullable=True),
    Column("checks", Integer, nullable=False),
    Column("failures", Integer, nullable=False),
    Column("updated_at", Double, nullable=False),
)

#: The audit chain: append-only (a trigger refuses UPDATE and DELETE), ``seq`` from 1.
audit_records = Table(
    "audit_records", metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("call_id", String(64), nullable=False, index=True),
    Column("step", String(64), nullable=False),
    Column("ts", String(40), nullable=False),
    Column("prev", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    Column("body", Text, nullable=False),
)

#: One row (id 1): the chain's last ``seq`` and ``hash``. Writers lock it to append.
