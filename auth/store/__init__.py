"""The shared state of caller verification: one interface, SQLite and PostgreSQL behind it."""

from verivoice.auth.store.base import StateStore, StoreUnavailable, VerificationRecord
from verivoice.auth.store.factory import StoreConfigError, open_store, store_from_url

__all__ = ["StateStore", "StoreConfigError", "StoreUnavailable", "VerificationRecord",
           "open_store", "store_from_url"]
