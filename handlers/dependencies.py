"""What every turn reads besides its event, built once and handed on as one frozen object.

The operator's policies (intake, desk, aftercare, deadlines), the follow-up planner and the
label renderer. :func:`wire` is the one place they are put together: ``bot.app.build_app``
calls it with the settings' policies, tests call it with theirs, so a test runs the same core
as production (the planner included: it is always there).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar, overload

from handlers.followups.planner import Planner
from handlers.intake.prompting import LabelText
from handlers.policy import (
    AftercarePolicy,
    DeskPolicy,
    FollowUpPolicy,
    IntakePolicy,
    SlaPolicy,
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Dependencies:
    intake: IntakePolicy
    desk: DeskPolicy
    aftercare: AftercarePolicy
    sla: SlaPolicy
    planner: Planner
    #: A button label's text in a language (typed labels are matched against it).
    label_text: LabelText


def wire(
    *,
    label_text: LabelText,
    intake: IntakePolicy | None = None,
    desk: DeskPolicy | None = None,
    aftercare: AftercarePolicy | None = None,
    sla: SlaPolicy | None = None,
    followups: FollowUpPolicy | None = None,
) -> Dependencies:
    """The core's dependencies; what is not given is the policy's default."""
    desk = desk or DeskPolicy()
    sla = sla or SlaPolicy()
    return Dependencies(
        intake=intake or IntakePolicy(),
        desk=desk,
        aftercare=aftercare or AftercarePolicy(),
        sla=sla,
        planner=Planner(sla=sla, rules=followups or FollowUpPolicy(), desk=desk),
        label_text=label_text,
    )


class Given(Generic[T]):
    """An attribute read from the turn's dependencies: ``planner = Given[Planner]("planner")``
    makes ``turn.planner`` be ``turn.deps.planner``."""

    def __init__(self, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, turn: None, owner: type) -> Given[T]: ...

    @overload
    def __get__(self, turn: Depending, owner: type | None = None) -> T: ...

    def __get__(self, turn: Depending | None, owner: type | None = None) -> T | Given[T]:
        if turn is None:  # read on the class (help(), inspection): the descriptor itself
            return self
        value: T = getattr(turn.deps, self.name)
        return value


class Depending:
    """What a turn reads from its dependencies by name: ``turn.planner``, ``turn.sla`` …"""

    deps: Dependencies

    aftercare = Given[AftercarePolicy]("aftercare")
    sla = Given[SlaPolicy]("sla")
    planner = Given[Planner]("planner")
    #: A label as it reads in a language (typed labels; a report's chart draws words).
    label_text = Given[LabelText]("label_text")
