"""`verivoice doctor`: what is wrong with this host, before a caller finds out.

Each check is a small function that returns a :class:`CheckResult`; :func:`run_checks`
runs them all for the configured settings and :mod:`verivoice.commands.doctor` prints the table.
"""

from verivoice.doctor.result import CheckResult, Mode, Status
from verivoice.doctor.runner import run_checks

__all__ = ["CheckResult", "Mode", "Status", "run_checks"]
