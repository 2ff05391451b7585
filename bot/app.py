"""Builds the services once — settings, database, localizer, clock, conversation — and wires
them; transports receive the finished :class:`App`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TypedDict, Unpack

from bot import metrics
from bot.config import Settings
from bot.i18n import Localizer
from handlers.clock import Clock, SystemClock
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

log = logging.getLogger(__name__)


@dataclass
class App:
    settings: Settings
    database: Database
    localizer: Localizer
    clock: Clock
    conversation: Conversation

    @property
    def deps(self) -> Dependencies:
        """The core's policies and planner, as every turn gets them."""
        return self.conversation.deps

    async def start(self) -> None:
        """Prepare the database: upgraded automatically unless the operator turned that off."""
        if self.settings.storage.auto_upgrade:
            await self.database.upgrade()

    async def stop(self) -> None:
        await self.database.dispose()


class Policies(TypedDict, total=False):
    """Policies that replace the settings' own when the app is built."""

    intake: IntakePolicy | None
    desk: DeskPolicy | None
    aftercare: AftercarePolicy | None
    sla: SlaPolicy | None
    followups: FollowUpPolicy | None


def dependencies(
    settings: Settings, localizer: Localizer, **given: Unpack[Policies]
) -> Dependencies:
    """The core's dependencies: the settings' policies, but for those ``given``."""
    return wire(
        label_text=localizer.plain,
        intake=given.get("intake") or settings.intake_policy(),
        desk=given.get("desk") or settings.desk_policy(),
        aftercare=given.get("aftercare") or settings.aftercare_policy(),
        sla=given.get("sla") or settings.sla_policy(),
        followups=given.get("followups") or settings.followups.policy(),
    )


def build_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    database: Database | None = None,
    localizer: Localizer | None = None,
    **given: Unpack[Policies],
) -> App:
    """The app the settings describe. What is given replaces the settings' own: the console's
    simulated group (``desk``) and clock; a test's clock, database and policies (tests build
    the app this way, so they run the app production runs)."""
    database = database or Database(settings.storage.url)
    localizer = localizer or Localizer()
    clock = clock or SystemClock()
    deps = dependencies(settings, localizer, **given)
    conversation = Conversation(database=database, clock=clock, deps=deps)
    conversation.on_conflict = metrics.CONFLICTS.inc
    return App(settings, database, localizer, clock, conversation)
