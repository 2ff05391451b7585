"""The core as the app wires it, for tests: the same :func:`handlers.dependencies.wire` that
:func:`bot.app.build_app` calls, with the test's policies (the planner always included)."""

from __future__ import annotations

from bot.i18n import Localizer
from handlers.clock import Clock
from handlers.conversation import Conversation
from handlers.dependencies import Dependencies, wire
from handlers.policy import (
    AftercarePolicy,
    DeskPolicy,
    FollowUpPolicy,
    IntakePolicy,
    SlaPolicy,
)
from storage.database import Database


def core(
    database: Database,
    clock: Clock,
    localizer: Localizer,
    *,
    policy: IntakePolicy | None = None,
    desk: DeskPolicy | None = None,
    aftercare: AftercarePolicy | None = None,
    sla: SlaPolicy | None = None,
    followups: FollowUpPolicy | None = None,
) -> Conversation:
    deps = wire(
        label_text=localizer.plain,
        intake=policy,
        desk=desk,
        aftercare=aftercare,
        sla=sla,
        followups=followups,
    )
    return Conversation(database=database, clock=clock, deps=deps)


def dependencies(localizer: Localizer, *, desk: DeskPolicy | None = None) -> Dependencies:
    return wire(label_text=localizer.plain, desk=desk)
