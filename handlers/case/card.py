"""The case card the agents see (in their language, the parent's words kept as written), its
buttons for the actions the state allows, and the topic name.

The card is where the desk talks to the agents about a case without costing the group a
message (Telegram lets a group receive about 20 a minute in all): what the bot is waiting for
from whom, the reasons to pick while rejecting, and a button that posts a large set of
evidence only when someone wants to see it."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.case import fields
from handlers.case.buttons import CardButton, CardStep, skip_note_data
from handlers.case.purchase import purchase_line
from handlers.case.states import UNDECIDED, Action, Status, available
from handlers.case.view import CaseView, files_deferred, load_view, platform_msg, postable_files
from handlers.formatting import (
    format_clock,
    format_money,
    format_when,
    utc_offset,
    zone_city,
)
from handlers.intake.moment import purchase_moment
from handlers.orders import card_lines
from handlers.policy import MAIN_TEAM, DeskPolicy, Team
from handlers.reading import crosscheck
from handlers.replies import Button, EditMessage, Msg
from handlers.reports.rating import card_lines as rating_lines
from storage.models import Case, CaseTransaction, Decision


def language_name(language: str) -> Msg:
    return Msg(f"language-name-{language}")


def topic_name(view: CaseView, language: str) -> Msg:
    return Msg(
        "desk-topic-name",
        {
            "reference": view.case.reference,
            "platform": platform_msg(view.case),
            "total": view.totals_in(language),
        },
    )


def team_of(desk: DeskPolicy, key: str) -> Team | None:
    return next((t for t in desk.roster if t.key == key), None)


def team_label(team: Team | None) -> Msg:
    """A team as agents see it: its configured name, or the main team's translated one."""
    if team is None or (team.key == MAIN_TEAM and team.name is None):
        return Msg("desk-team-main")
    return Msg("desk-team-named", {"name": team.name or team.key})


def moved_card(view: CaseView, desk: DeskPolicy) -> tuple[Msg, ...]:
    """The card left in a team's group after its case moved to another team: the case as it
    was, and where it went (it has no buttons)."""
    where = team_label(team_of(desk, view.case.team))
    return (*card_parts(view, desk), Msg("desk-card-moved", {"team": where}))


#: What an agent's pending input is (``case.pending_input["kind"]``): their next message in
#: the thread answers QUESTION, AMOUNT and NOTE; REASON and TEAM wait for a button on the card.
QUESTION, AMOUNT, REASON, NOTE = "question", "partial", "reject_reason", "reject_note"
TEAM = "team"
AGENT_INPUTS = (QUESTION, AMOUNT, REASON, NOTE, TEAM)


def agent_input(case: Case) -> dict[str, Any] | None:
    """What the bot waits for from an agent on this case, if anything."""
    pending = case.pending_input or {}
    return pending if pending.get("kind") in AGENT_INPUTS and "agent" in pending else None


def card_parts(view: CaseView, desk: DeskPolicy) -> tuple[Msg, ...]:
    case, lang = view.case, desk.language
    status = Msg(f"desk-status-{case.status.replace('_', '-')}")
    parts = [Msg("desk-card-header", {"reference": case.reference, "status": status})]
    if case.status == Status.APPEALED:
        parts.append(Msg("desk-card-appeal"))  # the decision below is contested
    elif case.appeals and case.decision:
        parts.append(Msg("desk-card-appeal-decided"))
    if case.escalated:
        parts.append(Msg("desk-card-escalated"))
    if case.overdue:
        parts.append(Msg("desk-card-overdue"))
    waiting = waiting_msg(case)
    if waiting is not None:
        parts.append(waiting)
    parts += fields.lines(fields.of_case(case), _shown(view, desk))
    submitted = format_when(case.submitted_at, desk.timezone, lang)
    parts.append(
        Msg(
            "desk-card-parent",
            {
                "language": language_name(case.language),
                "timezone": case.timezone,
                "submitted": submitted,
            },
        )
    )
    if case.due_at is not None and case.status != Status.CLOSED:
        parts.append(Msg("desk-card-due", {"due": format_when(case.due_at, desk.timezone, lang)}))
    parts.append(
        Msg("desk-card-assignee", {"name": case.assignee_name})
        if case.assignee_id
        else Msg("desk-card-unassigned")
    )
    if case.decision:
        parts.append(decision_msg(view, lang))
        if case.decision_note:
            parts.append(Msg("desk-card-note", {"note": case.decision_note}))
    return tuple(parts)


def _shown(view: CaseView, desk: DeskPolicy) -> fields.Shown:
    """What the card adds to the case's fields: each purchase with what its bill says, what
    was read on the files, the parent's rating."""
    case, lang = view.case, desk.language
    purchases: list[Msg] = []
    for t in view.transactions:
        when = purchase_when(t, case.timezone, desk)
        money = format_money(t.amount, t.currency, lang)
        purchases.append(purchase_line(t.position, money, when, t.order_number))
        purchases += card_lines.purchase_lines(view.orders, t, case, desk)
    purchases.append(Msg("review-total", {"total": view.totals_in(lang)}))
    purchases += card_lines.summary_line(view.orders)
    read: list[Msg] = []
    if not case.no_evidence:
        read += crosscheck.card_lines(view.evidence, view.transactions, desk)  # #16
        read += card_lines.read_order_lines(view.orders, view.evidence, desk)
    after = {"no_evidence": read, "description": rating_lines(view.rating)}
    return fields.Shown(platform_msg(case), purchases, len(view.evidence), after)


def purchase_when(t: CaseTransaction, parent_zone: str, desk: DeskPolicy) -> Msg | str:
    """When a purchase was made, on the parent's clock and naming it ("Thu, Nov 19, 2026,
    9:00 PM (Paris, UTC+1)"), then the team's time where its clock differs ("· Fri 4:00 AM
    Shanghai"): a purchase at 21:00 in Paris read as 04:00 the next day looked like a child
    playing at night. A purchase known by its day only is that day for the parent."""
    lang = desk.language
    if not t.has_time:
        return format_when(t.occurred_at, parent_zone, lang, with_time=False)
    offset = utc_offset(t.occurred_at, parent_zone)
    params = {  # "yesterday evening" stays "in the evening, around 8:00 PM" for the agents
        "when": purchase_moment(
            t.occurred_at, parent_zone, lang, has_time=True, vague=t.time_vague
        ),
        "city": zone_city(parent_zone, lang),
        "offset": offset,
    }
    if utc_offset(t.occurred_at, desk.timezone) == offset:
        return Msg("desk-card-tx-when", params)
    zone = ZoneInfo(desk.timezone)
    other_day = t.occurred_at.astimezone(zone).date() != (
        t.occurred_at.astimezone(ZoneInfo(parent_zone)).date()
    )
    team = format_clock(t.occurred_at, desk.timezone, lang, weekday=other_day)
    return Msg(
        "desk-card-tx-when-team",
        {**params, "team_time": team, "team_city": zone_city(desk.timezone, lang)},
    )


def waiting_msg(case: Case) -> Msg | None:
    """The card's line saying what the bot waits for, from whom (the button's pop-up said it
    once; this stays until the answer comes)."""
    pending = agent_input(case)
    if pending is None:
        return None
    name = {"name": pending.get("name") or str(pending["agent"])}
    kind = pending["kind"]
    if kind == QUESTION:
        return Msg("desk-card-waiting-question", name)
    if kind == AMOUNT:
        return Msg("desk-card-waiting-amount", name)
    if kind == REASON:
        return Msg("desk-card-waiting-reason", name)
    if kind == TEAM:
        return Msg("desk-card-waiting-team", name)
    reason = Msg(f"reject-button-{str(pending.get('reason', 'other')).replace('_', '-')}")
    return Msg("desk-card-waiting-note", {**name, "reason": reason})


def decision_msg(view: CaseView, language: str) -> Msg:
    case = view.case
    if case.decision == Decision.REJECTED:
        reason = Msg(f"reject-reason-{(case.reject_reason or 'other').replace('_', '-')}")
        return Msg("desk-card-rejected", {"reason": reason})
    if case.decision == Decision.PARTIAL and case.decided_amount is not None:
        amount = format_money(case.decided_amount, case.decided_currency or "CNY", language)
        return Msg("desk-card-partial", {"amount": amount})
    return Msg("desk-card-approved", {"total": view.totals_in(language)})


def card_buttons(view: CaseView, desk: DeskPolicy) -> tuple[tuple[Button, ...], ...]:
    """The actions the state allows — or, while an agent is rejecting, the reasons (then "No
    note"); "Cancel" while the bot waits for an agent; "📎 Show N files" for a large set of
    evidence not posted yet under this card."""
    case = view.case
    assert case.id is not None
    pending = agent_input(case)
    kind = pending["kind"] if pending else None
    rows: list[tuple[Button, ...]]
    if kind == REASON:
        reasons = [
            Button(
                Msg(f"reject-button-{r.replace('_', '-')}"),
                CardButton(case.id, CardStep.REJECT_REASON, r).pack(),
            )
            for r in desk.reject_reasons
        ]
        rows = [tuple(reasons[i : i + 2]) for i in range(0, len(reasons), 2)]
    elif kind == NOTE:
        rows = [(Button(Msg("desk-button-no-note"), skip_note_data(case.id)),)]
    elif kind == TEAM:
        rows = [
            (Button(team_label(team), CardButton(case.id, CardStep.MOVE_TO, team.key).pack()),)
            for team in desk.other_teams()
        ]
    else:
        actions = available(
            Status(case.status), assigned=case.assignee_id is not None, escalated=case.escalated
        )
        if not desk.other_teams():
            actions = [a for a in actions if a is not Action.MOVE]
        buttons = [
            Button(Msg(f"desk-button-{a.value}"), CardButton(case.id, a).pack()) for a in actions
        ]
        rows = [tuple(buttons[i : i + 3]) for i in range(0, len(buttons), 3)]
    if kind is not None:
        cancel = CardButton(case.id, CardStep.CANCEL_INPUT).pack()
        rows.append((Button(Msg("desk-button-cancel"), cancel),))
    if view.orders is not None and Status(case.status) in UNDECIDED and kind is None:
        check = CardButton(case.id, CardStep.CHECK_ORDERS).pack()
        rows.append((Button(Msg("orders-button-check"), check),))
    if files_deferred(view) and not view.files_shown:
        count = {"count": len(postable_files(view))}
        files = CardButton(case.id, CardStep.SHOW_FILES).pack()
        rows.append((Button(Msg("desk-button-files", count), files),))
    return tuple(rows)


__all__ = ["Action", "CaseView", "card_buttons", "card_parts", "topic_name"]


async def card_edit(
    session: AsyncSession, case: Case, desk: DeskPolicy, *, pressed: int | None = None
) -> EditMessage | None:
    """The card edited in place to match the case as it is now (None before it is posted).

    Whatever changes a case — a button, an agent's answer, the parent, a follow-up — emits
    this in the same turn; the runtime drops an edit that changes nothing or that a later one
    replaces, so emitting one is cheap. ``pressed``: the message whose button was pressed —
    the card itself, which Telegram shows before the hand-off has recorded its id.
    """
    if desk.roster and case.team != desk.team:
        # Moved to another team: only the pressed card (the old one, here) is edited, to
        # say where the case went; the new card is the other team's.
        if pressed is None or desk.chat_id is None:
            return None
        view = await load_view(session, case)
        return EditMessage(desk.chat_id, pressed, desk.language, moved_card(view, desk), ())
    card = case.card_message_id or pressed
    if card is None or desk.chat_id is None:
        return None
    view = await load_view(session, case)
    return EditMessage(
        desk.chat_id,
        card,
        desk.language,
        card_parts(view, desk),
        card_buttons(view, desk),
    )
