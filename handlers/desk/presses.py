"""What a press of each of the case card's buttons does (their data is
:class:`handlers.case.buttons.CardButton`): a table filled by the features that handle them
(``actions.py``, ``orders/desk_check.py``) and looked up by :func:`handlers.desk.actions.press`.

A press is either an agent action checked against the state machine (``checked_as``: the
:class:`~handlers.case.states.Action` whose rule it obeys, and ``valid``: whether its argument
makes sense now) whose handler returns the pop-up and after which the card is edited, or a
press that answers for itself (showing the files, dropping what the bot waits for, checking
the bills), registered with :meth:`CardPresses.own`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from handlers.case.buttons import CardStep
from handlers.case.states import Action
from handlers.replies import Msg
from storage.models import Case

if TYPE_CHECKING:
    from handlers.desk.context import DeskTurn


#: What a card's button names: an agent action, or a step that is not one.
CardName = Action | CardStep

#: An action's handler: what the button's pop-up says (what the agent is to do next).
Apply = Callable[["DeskTurn", Case, str], Awaitable[Msg | None]]
#: Whether the press's argument makes sense for the case now (a reason that is one).
Valid = Callable[["DeskTurn", Case, str], bool]
Own = TypeVar("Own", bound=Callable[..., Awaitable[None]])


@dataclass(frozen=True)
class CardPress:
    """What one of the card's buttons does."""

    run: Apply
    #: The action whose rule the press obeys; None: the press answers for itself.
    checked_as: Action | None = None
    valid: Valid | None = None


class CardPresses:
    """The card's presses one feature handles, or (:meth:`joined`) all of them."""

    def __init__(self) -> None:
        self.by_name: dict[CardName, CardPress] = {}

    def action(
        self, name: CardName, *, checked_as: Action | None = None, valid: Valid | None = None
    ) -> Callable[[Apply], Apply]:
        """``handler(turn, case, argument) -> pop-up`` for a press checked as ``checked_as``
        (by default the action it names), then the card edited."""
        rule = checked_as or (name if isinstance(name, Action) else None)
        if rule is None:
            raise ValueError(f"{name}: say which action's rule it obeys (checked_as=)")

        def register(handler: Apply) -> Apply:
            self._add(name, CardPress(handler, rule, valid))
            return handler

        return register

    def own(self, name: CardName) -> Callable[[Own], Own]:
        """``handler(turn, case)`` for a press that checks and answers for itself."""

        def register(handler: Own) -> Own:
            async def run(turn: DeskTurn, case: Case, argument: str) -> None:
                await handler(turn, case)

            self._add(name, CardPress(run))
            return handler

        return register

    def _add(self, name: CardName, press: CardPress) -> None:
        if name in self.by_name:
            raise ValueError(f"card press {name!r} is handled twice")
        self.by_name[name] = press

    @classmethod
    def joined(cls, *features: CardPresses) -> CardPresses:
        together = cls()
        for feature in features:
            for name, press in feature.by_name.items():
                together._add(name, press)
        return together

    def get(self, name: CardName) -> CardPress | None:
        return self.by_name.get(name)

    def names(self) -> Iterator[CardName]:
        return iter(self.by_name)
