"""The running bot's order jobs, run by the scheduler every ``[orders] sweep_minutes``: bills
from the watched folder imported, ledger rows past ``ledger_retention_days`` deleted, then
open cases matched against new ledger rows, their cards edited where the findings changed."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.app import App
from bot.orders.cli import generic_formats
from bot.orders.watch import sweep_folder
from bot.telegram.calls import Call, render_calls
from bot.telegram.delivery import in_lane
from bot.telegram.pacing import BULK
from handlers.orders.recheck import purge_ledger, recheck


class OrderJobs:
    def __init__(self, app: App) -> None:
        self.app = app
        self.settings = app.settings.orders
        self.formats = generic_formats(app.settings)

    @property
    def interval(self) -> float:
        return self.settings.sweep_minutes * 60

    async def sweep(self) -> None:
        """Import the bills waiting in the watched folder, if one is set."""
        if self.settings.watch_folder is not None:
            await sweep_folder(
                self.app.database,
                self.settings.watch_folder,
                formats=self.formats,
                now=self.app.clock.now(),
            )

    async def check(self, session: AsyncSession, limit: int) -> tuple[int, list[Call]]:
        """One batch, in the scheduler's transaction: how many cases were checked, and the
        card edits to send (the bulk lane: nobody is waiting for them)."""
        now = self.app.clock.now()
        await purge_ledger(
            session, now=now, retention_days=self.settings.ledger_retention_days, limit=limit
        )
        done = await recheck(session, now=now, desk=self.app.conversation.deps.desk, limit=limit)
        return done.cases, in_lane(render_calls(self.app.localizer, done.out), BULK)
