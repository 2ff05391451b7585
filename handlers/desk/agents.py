"""Everything that happens in the agents' group: buttons, commands, the answer an action asked
for (a question, an amount, a rejection note), and messages relayed to the parent.

An answer is confirmed by the card's edit (its status, its decision), not by a message of its
own; only an answer the bot can't take (no amount, too long a note) is answered in the thread."""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal

from babel.numbers import format_decimal, get_currency_precision

from handlers.case.card import AMOUNT, NOTE, QUESTION
from handlers.case.states import Status
from handlers.case.view import CaseView
from handlers.desk import actions, queue
from handlers.desk.context import DeskTurn
from handlers.desk.notify import parent_name
from handlers.desk.teams import moved_elsewhere
from handlers.events import EventKind
from handlers.formatting import format_money
from handlers.languages import BABEL_LOCALE
from handlers.parsing import parse_amount
from handlers.reference import ALPHABET
from handlers.replies import Msg, SendMedia
from storage.models import Case, Decision
from storage.repositories import cases

_REFERENCE = re.compile(rf"(?<![A-Z0-9])([{ALPHABET}]{{5,8}})(?![A-Z0-9])")


async def handle(turn: DeskTurn) -> None:
    event = turn.event
    if event.topic_created:
        await _adopt_topic(turn, event.topic_created)
        return
    if not turn.desk.is_agent(turn.actor):
        await _refuse_outsider(turn)
        return
    if event.kind is EventKind.BUTTON:
        await actions.press(turn, event.payload or "")
    elif event.kind is EventKind.COMMAND:
        await queue.run(turn, (event.command or "").lower(), (event.payload or "").strip())
    elif event.kind in (EventKind.TEXT, EventKind.MEDIA):
        case = await case_of_message(turn)
        if case is not None:
            await _agent_message(turn, case)


async def case_of_message(turn: DeskTurn) -> Case | None:
    """The case a group message belongs to: its topic, or the reference in what it replies to."""
    event = turn.event
    if event.thread_id is not None and turn.desk.chat_id is not None:
        found = await cases.case_by_topic(
            session=turn.session,
            topic_id=event.thread_id,
            team=turn.desk.team if turn.desk.roster else None,
        )
        if found is not None:
            return found
    match = _REFERENCE.search(event.reply_to_text or "")
    if match:
        return await cases.case_by_reference(session=turn.session, reference=match.group(1))
    return None


async def _adopt_topic(turn: DeskTurn, name: str) -> None:
    """A topic the bot created but could not record (it died first) announces itself here.

    Only the bot's own: anyone in the group may create a topic named like a case (the service
    message's sender is its creator), and adopting theirs would hand them the case's thread.
    """
    if turn.desk.bot_id is None or turn.actor != turn.desk.bot_id:
        return
    match = _REFERENCE.match(name)
    if not match or turn.event.thread_id is None:
        return
    case = await cases.case_by_reference(session=turn.session, reference=match.group(1))
    if case is None or moved_elsewhere(turn, case) is not None:
        return  # another team's case: a topic in its group only
    if case.topic_id is None and case.topic_requested_at is not None:
        case.topic_id = turn.event.thread_id


async def _refuse_outsider(turn: DeskTurn) -> None:
    if turn.event.kind is EventKind.BUTTON:
        turn.answer_button(Msg("desk-not-agent"))
    elif turn.event.kind in (EventKind.TEXT, EventKind.MEDIA) and await case_of_message(turn):
        turn.here(Msg("desk-not-agent"))


async def _agent_message(turn: DeskTurn, case: Case) -> None:
    event = turn.event
    text = event.text.strip()
    if text.startswith(turn.desk.note_marker):
        return  # internal note: stays in the group
    elsewhere = moved_elsewhere(turn, case)
    if elsewhere is not None:  # a reply to another team's case: not relayed from here
        turn.here(elsewhere)
        return
    pending = case.pending_input or {}
    awaited = pending.get("kind") in (QUESTION, AMOUNT, NOTE)  # a reason is a button
    if awaited and pending.get("agent") == turn.actor and not event.edited:
        await _answer_pending(turn, case, pending, text)
        return
    if case.status == Status.CLOSED:
        turn.here(Msg("desk-closed-no-relay", {"reference": case.reference}))
        return
    await relay_to_parent(turn, case)


async def relay_to_parent(turn: DeskTurn, case: Case) -> None:
    event = turn.event
    params = {"reference": case.reference, "name": parent_name(turn, case), "text": event.text}
    key = "relay-to-parent-edited" if event.edited else "relay-to-parent"
    if event.kind is EventKind.MEDIA:
        turn.out.append(SendMedia(case.chat_id, case.language, event.media, Msg(key, params)))
    else:
        turn.tell_parent(case, Msg(key, params))
    await turn.record(case, "relayed_to_parent", edited=event.edited)


async def _answer_pending(turn: DeskTurn, case: Case, pending: dict, text: str) -> None:
    ref = {"reference": case.reference}
    kind = pending.get("kind")
    if kind == QUESTION:
        if not text:
            turn.in_thread(case, Msg("desk-ask-prompt", ref))
            return
        case.pending_input = {}
        case.status = Status.WAITING_PARENT
        turn.tell_parent(
            case, Msg("parent-question", {**ref, "name": parent_name(turn, case), "text": text})
        )
        await turn.record(case, "asked", question=text)
        await turn.refresh_card(case)  # "waiting for the parent" says the question went
    elif kind == AMOUNT:
        await _partial_amount(turn, case, text)
    elif kind == NOTE:
        if len(text) > actions.NOTE_LENGTH:
            too_long = {"length": len(text), "max": actions.NOTE_LENGTH}
            actions.ask_note(turn, case, Msg("error-text-too-long", too_long))
            return
        await actions.decide(
            turn, case, Decision.REJECTED, reason=pending.get("reason"), note=text
        )
        await turn.refresh_card(case)


def partial_prompt(view: CaseView, language: str) -> Msg:
    """The question "how much should be refunded?" with an example the agent could type:
    half the claim in the case's own currency, naming the currency when the claim has
    several (a bare number is then refused)."""
    sums = view.totals_by_currency()
    params: dict[str, object] = {"reference": view.case.reference, "example": "none"}
    if sums:
        currency, total = next(iter(sums.items()))
        params |= {
            "example": "coded" if len(sums) > 1 else "bare",
            "amount": format_decimal(_below(total, currency), locale=BABEL_LOCALE[language]),
            "currency": currency,
        }
    return Msg("desk-partial-prompt", params)


def _below(total: Decimal, currency: str) -> Decimal:
    """A plausible part of ``total``: about half, in whole units unless that is nothing."""
    half = total / 2
    whole = half.to_integral_value(rounding=ROUND_DOWN)
    if whole >= 1:
        return whole
    step = Decimal(1).scaleb(-get_currency_precision(currency))
    return max(half.quantize(step, rounding=ROUND_DOWN), step) if total > step else total


async def _partial_amount(turn: DeskTurn, case: Case, text: str) -> None:
    from handlers.case.view import load_view

    view = await load_view(turn.session, case)
    sums = view.totals_by_currency()
    money = parse_amount(text, turn.desk.language)
    if money is None:
        turn.in_thread(case, Msg("error-amount"), partial_prompt(view, turn.desk.language))
        return
    currency = money.currency or (next(iter(sums)) if len(sums) == 1 else None)
    if currency is None or currency not in sums:
        turn.in_thread(
            case, Msg("desk-partial-currency", {"total": view.totals_in(turn.desk.language)})
        )
        return
    if money.amount > sums[currency]:
        claimed = format_money(sums[currency], currency, turn.desk.language)
        turn.in_thread(case, Msg("desk-partial-too-much", {"total": claimed}))
        return
    await actions.decide(turn, case, Decision.PARTIAL, amount=money.amount, currency=currency)
    await turn.refresh_card(case)
