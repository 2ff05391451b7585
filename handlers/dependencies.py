"""What every turn reads besides its event, built once and handed on as one frozen object.

The operator's policies (intake, desk, aftercare, deadlines), the follow-up planner and the
label renderer. :func:`wire` is the one place they are put together: ``bot.app.build_app``
calls it with the settings' policies, tests call it with theirs, so a test runs the same core
as production (the planner included: it is always there).
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.followups.planner import Planner
from handlers.intake.prompting import LabelText
from handlers.policy import (
    AftercarePolicy,
    DeskPolicy,
    FollowUpPolicy,
    IntakePolicy,
    SlaPolicy,
)


@dataclass(frozen=True)
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


class Depending:
    """What a turn reads from its dependencies by name: ``turn.planner``, ``turn.sla`` …"""

    deps: Dependencies

    @property
    def aftercare(self) -> AftercarePolicy:
        return self.deps.aftercare

    @property
    def sla(self) -> SlaPolicy:
        return self.deps.sla

    @property
    def planner(self) -> Planner:
        return self.deps.planner

    @property
    def label_text(self) -> LabelText:
        """A label as it reads in a language (typed labels; a report's chart draws words)."""
        return self.deps.label_text
