"""The kinds of follow-up, and which of them each change of a case cancels."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    INTAKE_REMINDER = "intake_reminder"
    MISSING_EVIDENCE = "missing_evidence"
    DECISION_WARNING = "decision_warning"
    DECISION_DUE = "decision_due"
    APPEAL_WARNING = "appeal_warning"
    APPEAL_DUE = "appeal_due"
    UNCLAIMED = "unclaimed"
    CHECK_IN = "check_in"
    OTHER_ROUTES = "other_routes"
    SATISFACTION = "satisfaction"
    #: A parent's messages held back by the relay cap, sent to the case's thread as one.
    RELAY_DIGEST = "relay_digest"


#: Cancelled when a decision is made (a new deadline comes with an appeal or a reopening).
UNTIL_DECISION = [
    Kind.DECISION_WARNING, Kind.DECISION_DUE, Kind.APPEAL_WARNING, Kind.APPEAL_DUE,
    Kind.UNCLAIMED, Kind.CHECK_IN, Kind.OTHER_ROUTES, Kind.MISSING_EVIDENCE,
]  # fmt: skip
#: To the parent: these respect quiet hours in the parent's time zone.
TO_PARENT = frozenset(
    {Kind.INTAKE_REMINDER, Kind.MISSING_EVIDENCE, Kind.CHECK_IN, Kind.OTHER_ROUTES,
     Kind.SATISFACTION}
)  # fmt: skip
#: Never cancelled by a change of the case (closed, reopened): they carry what the parent
#: already sent. Only erasure cancels them (with the case's words).
CARRIES_MESSAGES = frozenset({Kind.RELAY_DIGEST})
#: Cancelled when a case is closed or reopened (its reasons start over).
ON_CASE_CHANGE = [k for k in Kind if k not in CARRIES_MESSAGES]
