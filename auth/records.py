"""The demo record store: synthetic patients in SQLite, and the PHI tools that read it.

The store is built from ``auth/fixtures/patients.json`` (invented people). The tools are
marked ``phi=True``: the step-up gate lets them run only for a verified caller, and only for
that caller's own record (the record is bound to the call, not chosen by the model). Each has
a spoken template: the caller hears the record's own figures in a fixed sentence, and the
model never sees them.
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

from verivoice.pipeline.contracts import Tool


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
            CREATE TABLE IF NOT EXISTS results (patient_id TEXT, test TEXT, taken TEXT,
                status TEXT, summary TEXT);
            CREATE TABLE IF NOT EXISTS prescriptions (patient_id TEXT, drug TEXT, status TEXT,
                refills INTEGER);
        """)
        if fixture is None:
            data = resources.files("verivoice.auth").joinpath("fixtures/patients.json").read_text()
        else:
            data = Path(fixture).read_text()
        with self._lock, self._db:
            for p in json.loads(data)["patients"]:
                self._db.execute("INSERT OR REPLACE INTO patients VALUES (?, ?, ?, ?, ?)",
                                 (p["id"], p["name"], p["phone"], p["dob"], p["balance_cents"]))
                for table in ("appointments", "results", "prescriptions"):
                    self._db.execute(f"DELETE FROM {table} WHERE patient_id = ?", (p["id"],))
                self._db.executemany("INSERT INTO appointments VALUES (?, ?, ?, ?)",
                                     [(p["id"], a["when"], a["with"], a["what"])
                                      for a in p["appointments"]])
                self._db.executemany("INSERT INTO results VALUES (?, ?, ?, ?, ?)",
                                     [(p["id"], r["test"], r["taken"], r["status"], r["summary"])
                                      for r in p.get("results", [])])
                self._db.executemany("INSERT INTO prescriptions VALUES (?, ?, ?, ?)",
                                     [(p["id"], r["drug"], r["status"], r["refills"])
                                      for r in p.get("prescriptions", [])])

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
        return {"balance": f"${cents // 100:,}.{cents % 100:02d}", "owes": cents > 0}

    def results(self, patient_id: str) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute("SELECT test, taken, status, summary FROM results WHERE "
                                    "patient_id = ? ORDER BY taken DESC", (patient_id,)).fetchall()
        return [{"test": test, "taken": _spoken_day(taken), "status": status, "summary": summary}
                for test, taken, status, summary in rows]

    def prescriptions(self, patient_id: str) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute("SELECT drug, status, refills FROM prescriptions WHERE "
                                    "patient_id = ? ORDER BY drug", (patient_id,)).fetchall()
        return [{"drug": drug, "status": status, "refills": refills}
                for drug, status, refills in rows]


def _spoken_when(iso: str) -> str:
    moment = datetime.fromisoformat(iso)
    return moment.strftime("%A, %B %-d at %-I:%M %p").replace(":00 ", " ")


def _spoken_day(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%B %-d")


# -- what the caller hears: fixed sentences around the record's own values ------------------

def say_balance(result: dict[str, Any]) -> str:
    if not result["owes"]:
        return "You have no balance due on your account."
    return f"Your balance due is {result['balance']}."


def say_appointments(result: dict[str, Any]) -> str:
    visits = result["appointments"]
    if not visits:
        return "You have no upcoming appointments with us."
    first = visits[0]
    line = f"Your next appointment is on {first['when']} with {first['with']}, for your {first['what']}."
    if len(visits) > 1:
        line = f"You have {len(visits)} appointments booked. " + line
    return line


def say_change_appointment(result: dict[str, Any]) -> str:
    return (say_appointments(result) + " I can't move or cancel appointments on this call.")


def say_results(result: dict[str, Any]) -> str:
    tests = result["results"]
    if not tests:
        return "I don't see any test results on your record."
    t = tests[0]
    if t["summary"]:
        return (f"Your {t['test']} from {t['taken']} is back and was {t['status']}. "
                f"The result is {t['summary']}.")
    return f"Your {t['test']} from {t['taken']} is {t['status']}."


def say_prescriptions(result: dict[str, Any]) -> str:
    items = result["prescriptions"]
    if not items:
        return "I don't see any prescriptions on your record."
    lines = []
    for p in items[:2]:
        refills = {0: "no refills", 1: "one refill"}.get(p["refills"], f"{p['refills']} refills")
        lines.append(f"Your {p['drug']} prescription is {p['status']}, with {refills} left.")
    return " ".join(lines)


def say_account(result: dict[str, Any]) -> str:
    return f"{say_balance(result['balance'])} {say_appointments(result)}"


NO_RECORD_RESULT = {"error": "no_record"}


def phi_tools(store: RecordStore, caller: CallerRecord | None) -> list[Tool]:
    """The demo PHI tools, bound to this call's caller record.

    The names match :class:`verivoice.pipeline.intents.Request`: a routed request runs the
    tool of the same name once the caller is verified.
    """

    def bound(read):
        async def handler() -> dict[str, Any]:
            if caller is None:
                return NO_RECORD_RESULT
            return read(caller.patient_id)
        return handler

    def account(patient_id: str) -> dict[str, Any]:
        return {"balance": store.balance(patient_id),
                "appointments": store.appointments(patient_id)}

    appointments = bound(lambda pid: {"appointments": store.appointments(pid)})
    return [
        Tool("upcoming_appointments", "The caller's upcoming appointments (needs verification).",
             appointments, phi=True, spoken=say_appointments, reads=("appointments",)),
        Tool("account_balance", "The balance the caller owes (needs verification).",
             bound(store.balance), phi=True, spoken=say_balance, reads=("balance",)),
        Tool("change_appointment", "Reschedule or cancel one of the caller's appointments "
             "(needs verification).", appointments, phi=True, spoken=say_change_appointment,
             reads=("appointments",)),
        Tool("test_results", "The caller's latest test results (needs verification).",
             bound(lambda pid: {"results": store.results(pid)}), phi=True, spoken=say_results,
             reads=("results",)),
        Tool("prescriptions", "The caller's prescriptions and refills (needs verification).",
             bound(lambda pid: {"prescriptions": store.prescriptions(pid)}), phi=True,
             spoken=say_prescriptions, reads=("prescriptions",)),
        Tool("account_summary", "A summary of the caller's account: balance and next visit "
             "(needs verification).", bound(account), phi=True, spoken=say_account,
             reads=("balance", "appointments")),
    ]
