"""The console's time: a clock the person moves forward (``/clock +1d``), and the bot's own
follow-up scheduler running on it, what fires printed in the terminal instead of sent.

The clock is the core's :class:`~handlers.clock.Clock` (real time plus an offset): nothing is
patched. The scheduler is :class:`bot.scheduler.FollowUpScheduler` itself — rows claimed,
fired once and marked sent in the database exactly as on Telegram — except that what a row
says is shown once its transaction has committed rather than queued in the outbox.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.app import App
from bot.scheduler import Call, FollowUpScheduler, SweepResult, sweeping
from handlers.clock import Clock, SystemClock
from handlers.followups import firing
from handlers.replies import Outgoing
from storage.database import Database
from storage.models import Case, CaseEvent, Draft, FollowUp, OutboxMessage

#: One step of ``/clock``: ``+1d``, ``+3h``, ``+30m``, or several (``+1d12h``); ASCII digits.
_STEP = re.compile(r"\+((?:[0-9]{1,5}[dhm])+)")
_PART = re.compile(r"([0-9]+)([dhm])")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}
#: The furthest one ``/clock`` goes (ten years: past every deadline and retention period).
MAX_STEP = timedelta(days=3650)

Show = Callable[[list[Outgoing]], Awaitable[None]]


def parse_step(text: str) -> timedelta | None:
    """How far ``/clock <text>`` moves the clock forward; None when it is not a step."""
    match = _STEP.fullmatch(text.replace(" ", ""))
    if match is None:
        return None
    step = sum(
        (timedelta(**{_UNITS[unit]: int(number)}) for number, unit in _PART.findall(match[1])),
        timedelta(0),
    )
    return step if timedelta(0) < step <= MAX_STEP else None


class ConsoleClock:
    """``base`` (the system's clock) plus how far the person has moved it forward."""

    def __init__(self, base: Clock | None = None) -> None:
        self.base = base or SystemClock()
        self.offset = timedelta(0)

    def now(self) -> datetime:
        return self.base.now() + self.offset

    def advance(self, step: timedelta) -> None:
        self.offset += step

    def catch_up(self, latest: datetime | None) -> None:
        """Never behind what the database recorded: after ``/clock +3d`` and a restart, the
        console goes on from there rather than three days back."""
        if latest is not None and latest > self.now():
            self.offset += latest - self.now()


async def latest_recorded(database: Database) -> datetime | None:
    """The latest time written in the database (cases, their events, drafts, follow-ups)."""
    columns = (Case.updated_at, CaseEvent.created_at, Draft.updated_at, FollowUp.sent_at)
    async with database.unit_of_work() as session:
        found = [(await session.exec(select(func.max(column)))).one() for column in columns]
    times = [_aware(value) for value in found if value is not None]
    return max(times, default=None)


def _aware(value: datetime) -> datetime:
    """SQLite gives times back without their zone; they were written in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


class ConsoleScheduler(FollowUpScheduler):
    """The bot's follow-up scheduler, its messages shown by ``show`` after each firing pass.

    ``fire`` keeps what each row says, by row id (a row fired again after a rollback replaces
    its entry, and one that then fails drops it), and queues nothing in the outbox; once the
    pass has committed, everything kept is shown, in the order the rows were claimed."""

    def __init__(self, app: App, *, show: Show) -> None:
        super().__init__(
            database=app.database,
            clock=app.clock,
            fire=self._keep,
            after_commit=_nothing_queued,
            **sweeping(app.settings.followups),
        )
        self.deps = app.deps
        self.show = show
        self._fired: dict[int, list[Outgoing]] = {}

    async def _keep(self, session: AsyncSession, row: FollowUp) -> list[Call]:
        self._fired.pop(row.id or 0, None)
        self._fired[row.id or 0] = await firing.fire(session, row, self.clock.now(), self.deps)
        return []

    async def fire_due(self) -> SweepResult:
        try:
            result = await super().fire_due()
        except BaseException:
            self._fired.clear()  # rolled back: those rows are pending again
            raise
        # Taken before any await: the next pass cannot have started yet.
        fired, self._fired = self._fired, {}
        out = [item for items in fired.values() for item in items]
        if out:
            await self.show(out)
        return result


async def _nothing_queued(messages: list[OutboxMessage]) -> None:
    """Never called with messages: the console's ``fire`` queues none."""
