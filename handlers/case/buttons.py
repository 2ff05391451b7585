"""The case card's buttons as data: ``d|<case id>|<action or step>|<argument>``.

The card (``card.py``) makes them; the desk looks a press up in the table its features fill
(``handlers/desk/presses.py``) and checks it against the case before anything happens.
"""

from __future__ import annotations

from enum import StrEnum

from handlers.buttons import ButtonData, text
from handlers.case.states import Action


class CardStep(StrEnum):
    """The card's buttons that are not actions of their own: the reason and the "no note" of
    a rejection, the team chosen after "Move", dropping what the bot waits for, posting a
    large set of evidence, matching the purchases against the bills again (#15)."""

    REJECT_REASON = "reject_reason"
    REJECT_SKIP_NOTE = "reject_skip_note"
    MOVE_TO = "move_to"
    CANCEL_INPUT = "cancel_input"
    SHOW_FILES = "files"
    CHECK_ORDERS = "orders"


class CardButton(ButtonData, prefix="d", sep="|"):
    """A button on a case card: ``d|<case id>|<action or step>|<argument>``; the argument is
    a rejection reason or a team key (both at most 32 characters), else empty."""

    case_id: int
    action: Action | CardStep
    argument: str = text(32, empty=True, default="")


def skip_note_data(case_id: int) -> str:
    """The "No note" button after a rejection's reason (on the card, under the note's prompt)."""
    return CardButton(case_id, CardStep.REJECT_SKIP_NOTE).pack()
