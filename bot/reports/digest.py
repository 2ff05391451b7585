"""The weekly digest: each team's figures of the last 7 days posted to its group on a set day
and hour (``[reports] weekly_digest``, off by default), as ``/report`` shows them, with a line
saying it is the week's digest.

The scheduler runs :meth:`WeeklyDigest.run` every few minutes (``bot/scheduler.py``'s extra
jobs). A team's digest is due at ``digest_hour`` on ``digest_weekday`` in the team's time zone
and goes once — whichever worker gets there first records it
(:func:`storage.repositories.reports.claim_digest`) — or not at all when the bot was down
for more than :data:`CATCH_UP` after it was due (no stale digest on a Thursday).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.i18n import Localizer
from bot.telegram.calls import Call, render_calls
from handlers.calendar import local_moment
from handlers.clock import Clock
from handlers.policy import DeskPolicy, SlaPolicy
from handlers.replies import Msg
from handlers.reports.command import report_messages, team_report
from handlers.reports.figures import Period
from storage.repositories.reports import claim_digest

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CATCH_UP = timedelta(hours=12)


@dataclass(kw_only=True, eq=False)
class WeeklyDigest:
    """Each team's report of its last week, posted to its group on ``weekday`` at ``hour``
    (the team's time)."""

    desk: DeskPolicy
    sla: SlaPolicy
    localizer: Localizer
    clock: Clock
    weekday: str = "monday"
    hour: int = 9
    #: ``weekday`` as :meth:`datetime.date.weekday` counts (Monday is 0).
    _weekday_number: int = field(init=False)

    def __post_init__(self) -> None:
        self._weekday_number = WEEKDAYS.index(self.weekday)

    def teams(self) -> list[DeskPolicy]:
        if self.desk.roster:
            return [self.desk.for_team(team.key) for team in self.desk.roster]
        return [self.desk] if self.desk.enabled else []

    def due(self, team: DeskPolicy, now: datetime) -> datetime:
        """This week's digest time for ``team`` (the latest one not after ``now``)."""
        today = now.astimezone(ZoneInfo(team.timezone)).date()
        day = today - timedelta(days=(today.weekday() - self._weekday_number) % 7)
        moment = local_moment(day, time(self.hour), team.timezone)
        if moment > now:
            moment = local_moment(day - timedelta(days=7), time(self.hour), team.timezone)
        return moment

    async def run(self, session: AsyncSession, limit: int) -> tuple[int, list[Call]]:
        """Post the digests due now (never more than once each); how many, and the calls."""
        now = self.clock.now()
        posted, calls = 0, []
        for team in self.teams():
            due = self.due(team, now)
            if now - due > CATCH_UP or posted >= max(limit, 1):
                continue
            if not await claim_digest(session=session, team=team.team, due=due, now=now):
                continue
            last = due.astimezone(ZoneInfo(team.timezone)).date() - timedelta(days=1)
            period = Period(last - timedelta(days=6), last)
            report = await team_report(session, team, period, now, sla=self.sla)
            out = report_messages(
                report, team, self.localizer.plain, intro=Msg("desk-report-digest-intro")
            )
            calls += render_calls(self.localizer, out)
            posted += 1
        return posted, calls
