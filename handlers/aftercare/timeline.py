"""What a parent is shown of a case's audit trail: the steps that concern them, in order.

The audit trail (``case_events``) also records the desk's own bookkeeping — a claim given up,
a deadline marked overdue, a rating — which a parent has no use for; those stay out, and so do
the words of internal notes and the agents' names (a step only says *what* happened).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from storage.models import CaseEvent, Decision

#: Recorded actions a parent sees, mapped to the ``timeline-<name>`` message that tells them.
SHOWN = {
    "submitted": "submitted",
    "claimed": "claimed",
    "asked": "asked",
    "relayed_to_parent": "support-message",
    "parent_message": "parent-message",
    "appealed": "appealed",
    "escalated": "escalated",
    "closed": "closed",
    "reopened": "reopened",
}
#: A ``decided`` event is told by its outcome.
DECISIONS = tuple(Decision)


@dataclass(frozen=True)
class Step:
    """One line of the timeline: what happened (``count`` times in a row), the last time."""

    name: str
    at: datetime
    count: int = 1


def step_name(event: CaseEvent) -> str | None:
    """The timeline name of an event, or None when it is not for the parent's eyes."""
    if event.action == "decided":
        decision = (event.details or {}).get("decision")
        return decision if decision in DECISIONS else "decided"
    if event.action == "relayed_to_parent" and (event.details or {}).get("edited"):
        return None  # a correction of a message already counted
    return SHOWN.get(event.action)


def timeline(events: Iterable[CaseEvent]) -> list[Step]:
    """The parent's timeline, oldest first; repeats in a row (three messages) become one step."""
    steps: list[Step] = []
    for event in events:
        name = step_name(event)
        if name is None:
            continue
        if steps and steps[-1].name == name:
            steps[-1] = Step(name, event.created_at, steps[-1].count + 1)
        else:
            steps.append(Step(name, event.created_at))
    return steps
