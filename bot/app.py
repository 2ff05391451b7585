"""Builds the services once — settings, database, localizer, clock, conversation — and wires
them; transports receive the finished :class:`App`."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot import metrics
from bot.config import Settings
from bot.i18n import Localizer
from handlers.calendar import WorkingCalendar
from handlers.clock import Clock, SystemClock
from handlers.conversation import Conversation
from handlers.followups.planner import Planner
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
    planner: Planner

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
    intake, desk = settings.intake_policy(), desk or settings.desk_policy()
    aftercare = settings.aftercare_policy()
    planner = Planner(
        calendar=WorkingCalendar(settings.sla.country),
        rules=settings.followups.policy(),
        intake=intake,
        desk=desk,
        aftercare=aftercare,
    )
    conversation = Conversation(
        database=database,
        policy=intake,
        clock=clock,
        label_text=localizer.plain,
        desk=desk,
        planner=planner,
        aftercare=aftercare,
    )
    conversation.on_conflict = metrics.CONFLICTS.inc
    return App(settings, database, localizer, clock, conversation, planner)
