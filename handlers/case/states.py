"""The case state machine: which agent action is allowed in which state, and where it leads.

submitted → in review → waiting for parent → decided → appealed → closed, with "escalated"
as a flag beside the state. An action that does not fit the state gets a translated refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from storage.models import CaseStatus

#: The states: the values of ``Case.status``, declared beside the column.
Status = CaseStatus


class Action(StrEnum):
    CLAIM = "claim"
    UNCLAIM = "unclaim"
    ASK = "ask"
    APPROVE = "approve"
    PARTIAL = "partial"
    REJECT = "reject"
    ESCALATE = "escalate"
    CLOSE = "close"
    REOPEN = "reopen"
    MOVE = "move"  # to another team (several agents' groups)


S = Status
UNDECIDED = frozenset({S.SUBMITTED, S.IN_REVIEW, S.WAITING_PARENT, S.APPEALED})
OPEN = UNDECIDED | {S.DECIDED}


@dataclass(frozen=True)
class Rule:
    allowed_from: frozenset[Status]
    needs_assignee: bool = False  # only for a case someone has claimed


RULES: dict[Action, Rule] = {
    Action.CLAIM: Rule(UNDECIDED),
    Action.UNCLAIM: Rule(UNDECIDED, needs_assignee=True),
    Action.ASK: Rule(UNDECIDED),
    Action.APPROVE: Rule(UNDECIDED),
    Action.PARTIAL: Rule(UNDECIDED),
    Action.REJECT: Rule(UNDECIDED),
    Action.ESCALATE: Rule(OPEN),
    Action.CLOSE: Rule(OPEN),
    Action.REOPEN: Rule(frozenset({S.DECIDED, S.CLOSED})),
    Action.MOVE: Rule(OPEN),
}

#: Buttons on the card, in this order, for the actions the state allows.
CARD_ACTIONS = (
    Action.CLAIM,
    Action.UNCLAIM,
    Action.ASK,
    Action.APPROVE,
    Action.PARTIAL,
    Action.REJECT,
    Action.ESCALATE,
    Action.CLOSE,
    Action.REOPEN,
    Action.MOVE,
)


def refusal(action: Action, status: Status, *, assigned: bool, escalated: bool) -> str | None:
    """The locale key explaining why ``action`` can't be taken now, or None if it can."""
    rule = RULES[action]
    if status not in rule.allowed_from:
        return "desk-refused-state"
    if rule.needs_assignee and not assigned:
        return "desk-refused-unclaimed"
    if action is Action.CLAIM and assigned:
        return "desk-refused-claimed"
    if action is Action.ESCALATE and escalated:
        return "desk-refused-escalated"
    return None


def available(status: Status, *, assigned: bool, escalated: bool) -> list[Action]:
    return [
        a
        for a in CARD_ACTIONS
        if refusal(a, status, assigned=assigned, escalated=escalated) is None
    ]
