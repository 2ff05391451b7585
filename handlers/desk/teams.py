"""Several agents' groups (teams): which team a new case goes to, and moving a case to
another team with a button on its card.

Each team is its own Telegram group, with its own 20 messages a minute, agents, supervisors,
language and time zone (``[[agents.teams]]``). A new case goes to the first team whose route
matches it (language, platform, kind of problem, amount), else to the main team. "↪️ Move" on
the card offers the other teams; the chosen one gets the case as if it were new to it — a
topic, a card and the evidence in its group, by the same hand-off — and the old card says
where the case went, without buttons. The case keeps its status, deadlines and history; it is
unclaimed (the new team claims it), and nothing is said to the parent.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from handlers.case.card import team_label, team_of
from handlers.desk.context import DeskTurn
from handlers.policy import CaseFacts, DeskPolicy
from handlers.replies import Msg
from storage.models import Case, HandoffStatus


def case_facts(case: Case, transactions: Iterable[dict]) -> CaseFacts:
    """What routing looks at in a case just submitted (its purchases as the draft holds them)."""
    totals: dict[str, Decimal] = {}
    for t in transactions:
        totals[t["currency"]] = totals.get(t["currency"], Decimal(0)) + Decimal(t["amount"])
    return CaseFacts(
        language=case.language, platform=case.platform, problem=case.problem, totals=totals
    )


def team_chats(desk: DeskPolicy) -> list[int]:
    """Every team's group (the one group without teams)."""
    if desk.roster:
        return [team.chat_id for team in desk.roster]
    return [desk.chat_id] if desk.chat_id is not None else []


async def move(turn: DeskTurn, case: Case, key: str) -> Msg:
    """Move ``case`` to team ``key``; what the button's pop-up says."""
    target = team_of(turn.desk, key)
    ref = {"reference": case.reference}
    if target is None or target.key == case.team:
        return Msg("desk-refused-unknown")
    # The case's hand-off must be over (card and evidence posted) before it moves: a move
    # starts a new hand-off in the other group.
    if case.handoff_status != HandoffStatus.DONE:
        return Msg("desk-move-wait", ref)
    old = turn.desk.team
    case.team = target.key
    case.assignee_id, case.assignee_name, case.pending_input = None, None, {}
    # A new hand-off in the other group: topic, card, evidence. The old card (pressed) is
    # edited by the press's card refresh: it now says where the case went (card_edit).
    case.topic_id = case.topic_requested_at = case.card_message_id = None
    case.evidence_posted = False
    case.handoff_status = HandoffStatus.PENDING
    case.handoff_attempts = 0
    case.handoff_retry_at = case.handoff_alerted_at = None
    await turn.record(case, "moved", team_from=old, team_to=target.key)
    return Msg("desk-moved", {**ref, "team": team_label(target)})


def moved_elsewhere(turn: DeskTurn, case: Case) -> Msg | None:
    """The pop-up for a press on a case now with another team (its old card, or a card shown
    by /case in the wrong group), or None when the case is this team's."""
    if not turn.desk.roster or case.team == turn.desk.team:
        return None
    label = team_label(team_of(turn.desk, case.team) or turn.desk.roster[0])
    return Msg("desk-case-other-team", {"reference": case.reference, "team": label})
