"""Scheduling and cancelling follow-ups as drafts and cases change, in the same transaction
as the change (so a follow-up exists exactly when its reason does)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.calendar import next_allowed
from handlers.followups.kinds import ON_CASE_CHANGE, TO_PARENT, UNTIL_DECISION, Kind
from handlers.policy import DeskPolicy, FollowUpPolicy, SlaPolicy
from storage.models import Case, Decision, Draft
from storage.repositories import followups


def _clock_time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


class Planner:
    def __init__(self, *, sla: SlaPolicy, rules: FollowUpPolicy, desk: DeskPolicy) -> None:
        self.sla = sla
        self.rules = rules
        self.desk = desk  # each case's deadlines are counted in its team's time zone
        self.quiet = (_clock_time(rules.quiet_start), _clock_time(rules.quiet_end))

    def _when_allowed(self, kind: Kind, due: datetime, timezone: str) -> datetime:
        """``due``, moved out of quiet hours in ``timezone`` if the follow-up is to the parent."""
        return next_allowed(due, timezone, *self.quiet) if kind in TO_PARENT else due

    async def _add_for_case(
        self,
        session: AsyncSession,
        case: Case,
        kind: Kind,
        due: datetime,
        now: datetime,
        **details: object,
    ) -> None:
        """A follow-up of ``case``, out of quiet hours in the parent's time zone if to them."""
        await followups.schedule(
            session=session,
            kind=kind.value,
            due_at=self._when_allowed(kind, due, case.timezone),
            now=now,
            case_id=case.id,
            details=details,
        )

    async def _add_after(
        self,
        session: AsyncSession,
        case: Case,
        kind: Kind,
        wait: timedelta,
        now: datetime,
        **details: object,
    ) -> None:
        """A follow-up of ``case``, ``wait`` from now."""
        await self._add_for_case(session, case, kind, now + wait, now, **details)

    # -- drafts --------------------------------------------------------------------------

    async def draft_started(
        self, session: AsyncSession, draft: Draft, timezone: str, now: datetime
    ) -> None:
        kind = Kind.INTAKE_REMINDER
        for number, hours in enumerate(self.rules.intake_reminder_hours, start=1):
            await followups.schedule(
                session=session,
                kind=kind.value,
                due_at=self._when_allowed(kind, now + timedelta(hours=hours), timezone),
                now=now,
                draft_id=draft.id,
                details={"number": number},
            )

    async def draft_answered(
        self, session: AsyncSession, draft_id: int, timezone: str, now: datetime
    ) -> None:
        """The parent answered: the reminders still to come count from now, not from /start.

        The pending rows are moved (not replaced), so a reminder already sent is never sent
        again, and a date job armed for the old time claims nothing (a row is claimed only
        once due) while the sweep arms the new one."""
        rows = await followups.pending_of_draft(
            session=session, draft_id=draft_id, kind=Kind.INTAKE_REMINDER.value
        )
        hours = self.rules.intake_reminder_hours
        for row in rows:
            number = int(row.details.get("number", 1))
            delay = hours[min(number, len(hours)) - 1]
            row.due_at = next_allowed(now + timedelta(hours=delay), timezone, *self.quiet)

    async def draft_closed(self, session: AsyncSession, draft_id: int, now: datetime) -> None:
        await followups.cancel(session=session, draft_id=draft_id, now=now)

    # -- cases ---------------------------------------------------------------------------

    def deadline(self, start: datetime, working_days: int, case: Case | None = None) -> datetime:
        """``working_days`` after ``start`` for the team of ``case`` (its time zone)."""
        desk = self.desk.for_case(case) if case is not None else self.desk
        return self.sla.calendar.working_days_after(start, working_days, desk.timezone)

    async def _deadline_followups(
        self, session: AsyncSession, case: Case, now: datetime, *, appeal: bool
    ) -> None:
        days = self.sla.appeal_working_days if appeal else self.sla.first_decision_working_days
        case.due_at = self.deadline(now, days, case)
        case.overdue = False
        warning = Kind.APPEAL_WARNING if appeal else Kind.DECISION_WARNING
        due = Kind.APPEAL_DUE if appeal else Kind.DECISION_DUE
        lead = timedelta(hours=self.rules.decision_warning_hours)
        if case.due_at - lead > now:
            await self._add_for_case(session, case, warning, case.due_at - lead, now)
        await self._add_for_case(session, case, due, case.due_at, now)

    async def case_submitted(self, session: AsyncSession, case: Case, now: datetime) -> None:
        await self._deadline_followups(session, case, now, appeal=False)
        wait = timedelta(hours=self.rules.unclaimed_hours)
        await self._add_after(session, case, Kind.UNCLAIMED, wait, now)
        await self.check_in_again(session, case, now)
        wait = timedelta(days=self.rules.other_routes_days)
        await self._add_after(session, case, Kind.OTHER_ROUTES, wait, now, reason="no_decision")
        if case.no_evidence:
            wait = timedelta(hours=self.rules.missing_evidence_hours)
            await self._add_after(session, case, Kind.MISSING_EVIDENCE, wait, now)

    async def case_claimed(self, session: AsyncSession, case: Case, now: datetime) -> None:
        await followups.cancel(
            session=session, case_id=case.id, kinds=[Kind.UNCLAIMED.value], now=now
        )

    async def case_decided(self, session: AsyncSession, case: Case, now: datetime) -> None:
        await followups.cancel(
            session=session, case_id=case.id, kinds=[k.value for k in UNTIL_DECISION], now=now
        )
        case.due_at, case.overdue = None, False
        if case.decision == Decision.REJECTED:
            wait = timedelta(hours=self.rules.other_routes_after_rejection_hours)
            await self._add_after(session, case, Kind.OTHER_ROUTES, wait, now, reason="rejected")

    async def case_appealed(self, session: AsyncSession, case: Case, now: datetime) -> None:
        await followups.cancel(
            session=session, case_id=case.id, kinds=[Kind.OTHER_ROUTES.value], now=now
        )
        await self._deadline_followups(session, case, now, appeal=True)

    async def case_reopened(self, session: AsyncSession, case: Case, now: datetime) -> None:
        await self._cancel_on_change(session, case, now)
        await self._deadline_followups(session, case, now, appeal=False)
        await self.check_in_again(session, case, now)

    async def case_closed(self, session: AsyncSession, case: Case, now: datetime) -> None:
        await self._cancel_on_change(session, case, now)
        case.due_at, case.overdue = None, False
        wait = timedelta(hours=self.rules.satisfaction_hours)
        await self._add_after(session, case, Kind.SATISFACTION, wait, now)

    async def check_in_again(self, session: AsyncSession, case: Case, now: datetime) -> None:
        """Check-ins repeat every ``check_in_days`` while the case is open."""
        wait = timedelta(days=self.rules.check_in_days)
        await self._add_after(session, case, Kind.CHECK_IN, wait, now)

    async def _cancel_on_change(self, session: AsyncSession, case: Case, now: datetime) -> None:
        """Everything pending for the case, except what carries the parent's own messages."""
        kinds = [k.value for k in ON_CASE_CHANGE]
        await followups.cancel(session=session, case_id=case.id, kinds=kinds, now=now)

    async def relay_gathered(
        self, session: AsyncSession, case: Case, due: datetime, now: datetime, event_id: int
    ) -> None:
        """A digest of the parent's messages held back by the relay cap, starting with the
        case event ``event_id`` (more join it while it is pending: see
        :mod:`handlers.desk.parents`). Not shifted out of quiet hours: it goes to the agents."""
        await self._add_for_case(session, case, Kind.RELAY_DIGEST, due, now, events=[event_id])
