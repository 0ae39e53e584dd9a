"""The demo record store: synthetic patients in SQLite, and the PHI tools that read it.

The store is built from ``auth/fixtures/patients.json`` (invented people). The tools are
marked ``phi=True``: the step-up gate lets them run only for a verified caller, and only for
that caller's own record (the record is bound to the call, not chosen by the model).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from verivoice.pipeline.llm.tools import Tool


@dataclass(frozen=True)
class CallerRecord:
    """Who the caller claims to be (matched by the number they call from)."""

    patient_id: str
    phone: str
    dob: str  # ISO date

    def __repr__(self) -> str:  # never print the number or the date of birth
        return f"CallerRecord({self.patient_id}, phone ...{self.phone[-4:]})"

    __str__ = __repr__


class RecordStore:
    """Synthetic patients in an in-memory SQLite database (or a file you pass)."""

    def __init__(self, db_path: Path | str = ":memory:", fixture: Path | None = None) -> None:
        self._db = sqlite3.connect(str(db_path), check_same_thread=False)
        self._lock = threading.Lock()
        self._db.executescript("""
            CREATE TABLE IF NOT EXISTS patients (id TEXT PRIMARY KEY, name TEXT, phone TEXT UNIQUE,
                dob TEXT, balance_cents INTEGER);
            CREATE TABLE IF NOT EXISTS appointments (patient_id TEXT, at TEXT, with_whom TEXT,
                what TEXT);
        """)
        if fixture is None:
            data = resources.files("verivoice.auth").joinpath("fixtures/patients.json").read_text()
        else:
            data = Path(fixture).read_text()
        with self._lock, self._db:
            for p in json.loads(data)["patients"]:
                self._db.execute("INSERT OR REPLACE INTO patients VALUES (?, ?, ?, ?, ?)",
                                 (p["id"], p["name"], p["phone"], p["dob"], p["balance_cents"]))
                self._db.execute("DELETE FROM appointments WHERE patient_id = ?", (p["id"],))
                self._db.executemany("INSERT INTO appointments VALUES (?, ?, ?, ?)",
                                     [(p["id"], a["when"], a["with"], a["what"])
                                      for a in p["appointments"]])

    def by_phone(self, phone: str) -> CallerRecord | None:
        with self._lock:
            row = self._db.execute("SELECT id, phone, dob FROM patients WHERE phone = ?",
                                   (phone,)).fetchone()
        return CallerRecord(*row) if row else None

    def appointments(self, patient_id: str) -> list[dict[str, str]]:
        with self._lock:
            rows = self._db.execute("SELECT at, with_whom, what FROM appointments WHERE "
                                    "patient_id = ? ORDER BY at", (patient_id,)).fetchall()
        return [{"when": _spoken_when(at), "with": who, "what": what} for at, who, what in rows]

    def balance(self, patient_id: str) -> dict[str, Any]:
        with self._lock:
            row = self._db.execute("SELECT balance_cents FROM patients WHERE id = ?",
                                   (patient_id,)).fetchone()
        cents = row[0] if row else 0
        return {"balance": f"${cents // 100:,}.{cents % 100:02d}"}


def _spoken_when(iso: str) -> str:
    moment = datetime.fromisoformat(iso)
    return moment.strftime("%A, %B %-d at %-I:%M %p").replace(":00 ", " ")


def phi_tools(store: RecordStore, caller: CallerRecord | None) -> list[Tool]:
    """The demo PHI tools, bound to this call's caller record."""

    async def upcoming_appointments() -> dict[str, Any]:
        if caller is None:
            return {"error": "no_record", "say": "I couldn't find a record for this number."}
        return {"appointments": store.appointments(caller.patient_id)}

    async def account_balance() -> dict[str, Any]:
        if caller is None:
            return {"error": "no_record", "say": "I couldn't find a record for this number."}
        return store.balance(caller.patient_id)

    return [
        Tool("upcoming_appointments", "The caller's upcoming appointments (needs verification).",
             upcoming_appointments, phi=True),
        Tool("account_balance", "The balance the caller owes (needs verification).",
             account_balance, phi=True),
    ]
