"""What parents are told about their case, in their own language, always with the reference."""

from __future__ import annotations

from handlers.aftercare.appeal import MAX_APPEALS
from handlers.aftercare.decisions import Message, explain_decision
from handlers.case.view import CaseView
from handlers.desk.context import DeskTurn
from handlers.policy import AftercarePolicy
from handlers.replies import Msg
from storage.models import Case


def parent_name(turn: DeskTurn, case: Case) -> Msg:
    """How an agent is named to parents: "Support" unless the team chose to show names."""
    if turn.desk.anonymous or not case.assignee_name:
        return Msg("support-name")
    return Msg("platform-custom", {"name": case.assignee_name})


def decision_for_parent(view: CaseView, aftercare: AftercarePolicy) -> list[Message]:
    """The parent's messages about a decision just taken (see :mod:`handlers.aftercare`)."""
    return explain_decision(view, aftercare)


__all__ = ["MAX_APPEALS", "decision_for_parent", "parent_name"]
