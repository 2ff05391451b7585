"""The card's "🔎 Check the bills": the case's purchases matched again at an agent's press;
the pop-up says how far the bills go, the card shows what was found."""

from __future__ import annotations

from handlers.desk.context import DeskTurn
from handlers.desk.presses import CardPresses, CardStep
from handlers.formatting import format_when
from handlers.orders.linking import match_case
from handlers.replies import Msg
from storage.models import Case

#: The card's "🔎 Check the bills" (``d|<case>|orders|``).
presses = CardPresses()


@presses.own(CardStep.CHECK_ORDERS)
async def check_orders(turn: DeskTurn, case: Case) -> None:
    found = await match_case(turn.session, case, turn.now, turn.desk.orders)
    if found is None or found.through is None:
        turn.answer_button(Msg("orders-checked-empty"))
        return
    through = format_when(found.through, turn.desk.timezone, turn.desk.language)
    turn.answer_button(Msg("orders-checked", {"date": through}))
    await turn.record(case, "orders_checked")
    await turn.refresh_card(case)
