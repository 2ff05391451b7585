"""Agent commands in the group: /case REF (the card again), /queue and /mine."""

from __future__ import annotations

from handlers.bounds import clip
from handlers.case.card import card_buttons, card_parts
from handlers.case.states import UNDECIDED
from handlers.case.view import load_view
from handlers.desk.context import DeskTurn
from handlers.desk.teams import moved_elsewhere
from handlers.formatting import format_when
from handlers.orders import card_lines
from handlers.reference import normalize_reference
from handlers.replies import Msg
from handlers.reports import command as report_command
from storage.models import Case
from storage.repositories import cases, ledger

#: How much of an unrecognised reference is echoed back.
ECHO_LIMIT = 32


async def run(turn: DeskTurn, command: str, argument: str) -> None:
    if command == "case":
        await _case(turn, argument)
    elif command == "report":  # the team's figures (#17)
        await report_command.run(turn, argument)
    elif command in ("queue", "mine"):
        mine = turn.actor if command == "mine" else None
        found = await cases.queue(
            session=turn.session,
            statuses=[s.value for s in UNDECIDED],
            assignee_id=mine,
            team=turn.desk.team if turn.desk.roster else None,
        )
        verdicts = await ledger.verdicts_of_cases(
            session=turn.session, case_ids=[c.id for c in found if c.id is not None]
        )
        _list(turn, found, "desk-queue-header" if mine is None else "desk-mine-header", verdicts)


async def _case(turn: DeskTurn, argument: str) -> None:
    reference = normalize_reference(argument) if argument else None
    case = await cases.case_by_reference(session=turn.session, reference=reference or "")
    if case is None:
        turn.here(Msg("desk-case-unknown", {"reference": clip(argument, ECHO_LIMIT) or "-"}))
        return
    elsewhere = moved_elsewhere(turn, case)
    if elsewhere is not None:  # another team's: its agents handle it, in their group
        turn.here(elsewhere)
        return
    view = await load_view(turn.session, case)
    turn.here(*card_parts(view, turn.desk), buttons=card_buttons(view, turn.desk))


def _age(turn: DeskTurn, case: Case) -> Msg:
    hours = int((turn.now - case.submitted_at).total_seconds() // 3600)
    return (
        Msg("desk-age-days", {"days": hours // 24})
        if hours >= 48
        else Msg("desk-age-hours", {"hours": hours})
    )


def _list(turn: DeskTurn, found: list[Case], header: str, verdicts: dict[int, list[str]]) -> None:
    if not found:
        turn.here(Msg(header), Msg("desk-queue-empty"))
        return
    lines = [Msg(header)]
    for case in found:
        due = (
            format_when(case.due_at, turn.desk.timezone, turn.desk.language)
            if case.due_at
            else "-"
        )
        key = "desk-queue-line-overdue" if case.overdue else "desk-queue-line"
        lines.append(
            Msg(
                key,
                {
                    "reference": case.reference,
                    "status": Msg(f"desk-status-{case.status.replace('_', '-')}"),
                    "age": _age(turn, case),
                    "due": due,
                    "name": case.assignee_name or "-",
                },
            )
        )
        lines += card_lines.queue_line(verdicts.get(case.id or 0, []))  # the bills (#15)
    turn.here(*lines)
