"""Telling a concurrent change apart from a real failure.

Every change to a case is checked against the version it was read at (``Case.version``, the
mapper's ``version_id_col``): when another transaction changed the case in between, the flush
raises ``StaleDataError`` and nothing of this transaction is kept. PostgreSQL may also end a
transaction with a serialization failure or a deadlock. All of these mean "handle the event
again on fresh data", never "the event is broken".
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

#: SQLSTATEs of PostgreSQL's concurrency failures: serialization_failure, deadlock_detected.
_RETRYABLE_STATES = frozenset({"40001", "40P01"})


def is_conflict(exc: BaseException) -> bool:
    """True when ``exc`` says the transaction lost a race and may simply be run again."""
    if isinstance(exc, StaleDataError):
        return True
    if isinstance(exc, DBAPIError):
        origin = exc.orig
        state = getattr(origin, "sqlstate", None) or getattr(origin, "pgcode", None)
        cause = getattr(origin, "__cause__", None)
        state = state or getattr(cause, "sqlstate", None)
        return state in _RETRYABLE_STATES
    return False
