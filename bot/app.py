"""Builds the services once — settings, database, localizer, clock, conversation — and wires
them; transports receive the finished :class:`App`."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot import metrics
from bot.config import Settings
from bot.i18n import Localizer
from handlers.clock import Clock, SystemClock
from handlers.conversation import Conversation
from handlers.dependencies import Dependencies, wire
from handlers.policy import DeskPolicy
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


def build_app(
    settings: Settings, *, clock: Clock | None = None, desk: DeskPolicy | None = None
) -> App:
    """``desk`` replaces the settings' agents' side (the console's simulated group)."""
    database = Database(settings.storage.url)
    localizer = Localizer()
    clock = clock or SystemClock()
    deps = wire(
        label_text=localizer.plain,
        intake=settings.intake_policy(),
        desk=desk or settings.desk_policy(),
        aftercare=settings.aftercare_policy(),
        sla=settings.sla_policy(),
        followups=settings.followups.policy(),
    )
    conversation = Conversation(database=database, clock=clock, deps=deps)
    conversation.on_conflict = metrics.CONFLICTS.inc
    return App(settings, database, localizer, clock, conversation)
