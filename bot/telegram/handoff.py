"""Handing submitted cases to the agents' group, step by step, each step's result recorded:
the topic (one per case, never two), the card, the evidence albums. Also decides at sending
time where a case's messages go, recreating or reopening a topic someone removed by hand.

A case always reaches the agents, or someone is told. A step Telegram refuses (a 400, a 403,
a network error, anything unexpected) is tried again with back-off (``retry_base`` doubling,
at most ``retry_cap``); Telegram's 429 is waited out without counting. After ``alert_after``
failed attempts the supervisors get ONE alert in the group itself (not the case's topic, which
may not exist), queued in the outbox like any message so it is not lost; the operator gets an
ERROR line naming the case and the ``refund_desk_handoff_alerts_total`` metric, which remain
when the group refuses that alert too. The hand-off then goes on every ``slow_retry``; when it
finally gets through, the group is told. ``handoff_status = "failed"`` means "the last
attempt failed, the next is due at ``handoff_retry_at``", never "given up".

Only hand-off bookkeeping is written here (topic, card, evidence, status, attempts), with plain
UPDATEs (:func:`storage.repositories.cases.set_handoff`): the case's version is not bumped,
so a hand-off never conflicts with an agent's or a parent's change to the same case.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from bot.i18n import Localizer
from bot.logs import mask_secrets
from bot.metrics import HANDOFF_ALERTS, HANDOFF_FAILURES, SENDS, TOO_MANY_REQUESTS, limit_kind
from bot.telegram.calls import render_calls
from bot.telegram.delivery import TOPIC_GONE
from bot.telegram.errors import Permanent, RetryLater, Transient
from bot.telegram.holder import Holder
from bot.telegram.pacing import BULK, CHANGE, HANDOFF, Pacing
from bot.telegram.transport import TelegramTransport
from handlers.case.view import load_view
from handlers.clock import Clock
from handlers.desk import handoff as plan
from handlers.policy import DeskPolicy
from handlers.replies import Msg, Outgoing, Reply
from storage.database import Database
from storage.models import Case, HandoffStatus
from storage.repositories import cases, outbox

log = logging.getLogger(__name__)
#: Failed attempts before the supervisors are told, and the retry schedule before and after.
ALERT_AFTER = 5
RETRY_BASE = timedelta(seconds=30)
RETRY_CAP = timedelta(minutes=10)
SLOW_RETRY = timedelta(minutes=30)
#: How long a worker holds a case's hand-off, renewed before each call (the group's pace may
#: keep a call waiting for a minute); a dead worker's claim is taken over after it.
CLAIM_LEASE = timedelta(minutes=3)
#: Cases handed off at the same time by one worker (each waits on the group's pace).
PARALLEL_HANDOFFS = 8
#: The longest piece of Telegram's description quoted in the supervisors' alert.
PROBLEM_LENGTH = 200
#: A case's hand-off bookkeeping once its card and evidence are in its group.
HANDED_OFF: dict[str, Any] = {
    "evidence_posted": True,
    "handoff_status": HandoffStatus.DONE,
    "handoff_attempts": 0,
    "handoff_retry_at": None,
}


class HandoffTakenOver(Exception):
    """Another worker took over this case's hand-off (this one paused beyond its claim)."""


@dataclass(kw_only=True, eq=False)
class Handoff:
    transport: TelegramTransport
    database: Database
    localizer: Localizer
    clock: Clock
    pacer: Pacing
    desk: DeskPolicy
    topic_grace: timedelta
    alert_after: int = ALERT_AFTER
    retry_base: timedelta = RETRY_BASE
    retry_cap: timedelta = RETRY_CAP
    slow_retry: timedelta = SLOW_RETRY
    #: Several workers: a case is handed off by the worker holding its claim.
    owner: str = ""
    claim_lease: timedelta = CLAIM_LEASE
    #: Per team's group (chat id): one topic per case (decided at start-up).
    use_topics: dict[int, bool] = field(init=False)
    wake: asyncio.Event = field(default_factory=asyncio.Event, init=False)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock, init=False)

    def __post_init__(self) -> None:
        desk = self.desk
        self.use_topics = {team.chat_id: bool(team.use_topics) for team in desk.roster} or (
            {desk.chat_id: bool(desk.use_topics)} if desk.chat_id is not None else {}
        )

    async def run(self) -> int:
        """Hand off every case that is due; returns how many are done."""
        async with self._lock:
            now = self.clock.now()
            async with self.database.unit_of_work() as session:
                due = await cases.pending_handoffs(session=session, now=now)
                waiting = [c.id for c in due]
            # Cases are handed off side by side, each in its own steps (topic, card, album), so
            # the pacer's lanes decide: a new case's card (the hand-off lane) is not stuck
            # behind an earlier case's album (bulk) while the group's budget is spent.
            slots = asyncio.Semaphore(PARALLEL_HANDOFFS)

            async def one(case_id: int) -> int:
                async with slots:
                    return await self._hand_off_claimed(case_id)

            results = await asyncio.gather(*(one(c) for c in waiting if c is not None))
            return sum(results)

    async def _hand_off_claimed(self, case_id: int) -> int:
        """One case's hand-off under its claim; 1 when done. Never raises."""
        if not await self._claim(case_id):
            return 0  # another worker is handing it off
        try:
            return await self._hand_off(case_id)
        except HandoffTakenOver:
            log.warning("case %s: hand-off taken over by another worker", case_id)
        except RetryLater as exc:  # Telegram's pace, not a failure of this case
            TOO_MANY_REQUESTS.labels(limit="group").inc()
            log.warning("hand-off of case %s postponed: %s", case_id, exc)
            retry_at = self.clock.now() + timedelta(seconds=exc.seconds)
            await self._set(case_id, handoff_retry_at=retry_at)
        except Exception as exc:
            await self._failed(case_id, exc)
        finally:
            await self._release(case_id)
        return 0

    async def _claim(self, case_id: int) -> bool:
        """Take (or renew) the case's hand-off claim for this worker."""
        return await self._holder.take(cases.claim_handoff, case_id=case_id)

    async def _release(self, case_id: int) -> None:
        what = f"case {case_id}: hand-off claim"
        await self._holder.let_go(cases.release_handoff, what, case_id=case_id)

    @property
    def _holder(self) -> Holder:
        return Holder(self.database, self.clock, self.owner, self.claim_lease)

    def _team(self, case: Case) -> DeskPolicy:
        """The desk as the case's team sees it (its group, language, supervisors)."""
        return self.desk.for_case(case)

    async def _hand_off(self, case_id: int) -> int:
        async with self.database.unit_of_work() as session:
            desk = self._team(await self._case(session, case_id))
        if self.use_topics.get(desk.chat_id or 0) and not await self._topic(case_id):
            return 0
        async with self.database.unit_of_work() as session:
            case = await self._case(session, case_id)
            view = await load_view(session, case)
        desk = self._team(case)
        if case.card_message_id is None:
            result = await self._send([plan.card(view, desk)], case)
            await self._set(case_id, card_message_id=result["message_id"])
            case.card_message_id = result["message_id"]
        if not case.evidence_posted:
            media = plan.evidence(view, desk)
            if media is not None:
                await self._send([media], case)
        async with self.database.unit_of_work() as session:
            alerted = (await self._case(session, case_id)).handoff_alerted_at is not None
            await cases.set_handoff(
                session=session, case_id=case_id, handoff_alerted_at=None, **HANDED_OFF
            )
            if alerted:  # the supervisors were told it failed: tell them it went through
                await self._notice(session, desk, Msg("handoff-recovered", _ref(case)))
        if alerted:
            log.warning("case %s handed off after all", case.reference)
        else:
            log.info("case %s handed off", case.reference)
        return 1

    async def _topic(self, case_id: int) -> bool:
        """True once the case has a topic (or must do without one). The request is recorded
        before it is made: after a crash the outcome is unknown, so no second topic is ever
        requested — a late ``forum_topic_created`` names the topic, or the card goes to the
        group itself after ``topic_grace``. A refused request (429, 400) was certainly not
        carried out: it is forgotten, and the error raised to be retried with back-off."""
        now = self.clock.now()
        async with self.database.unit_of_work() as session:
            case = await self._case(session, case_id)
            if case.topic_id is not None:
                return True
            if case.topic_requested_at is not None:
                if now - case.topic_requested_at < self.topic_grace:
                    return False
                log.error(
                    "case %s: topic creation unconfirmed; posting in the group instead",
                    case.reference,
                )
                return True
            if not await cases.request_topic(session=session, case_id=case_id, now=now):
                return False  # requested meanwhile (another worker)
            view = await load_view(session, case)
        request = plan.topic_request(view, self._team(case))
        _, method, params = render_calls(self.localizer, [request])[0]
        try:
            await self.pacer.acquire(params["chat_id"], lane=HANDOFF, kind=CHANGE)
            result = await self.transport.call(method, params)
        except (RetryLater, Permanent):
            await self._set(case_id, topic_requested_at=None)
            raise
        SENDS.labels(limit=limit_kind(params["chat_id"])).inc()
        await self._set(case_id, topic_id=result["message_thread_id"])
        return True

    async def _send(self, outgoing: list[Outgoing], case: Case) -> dict[str, Any]:
        """Send a step's calls; the first message sent. Raises when Telegram refuses.

        In the group's turns the card goes as a hand-off and the evidence as bulk: what agents
        and parents wait for goes first (``pacing.py``)."""
        first: dict[str, Any] | None = None
        for _, method, params in render_calls(self.localizer, outgoing):
            params.pop("_case", None)
            media = params.get("media")
            messages = len(media) if media else 1
            lane = HANDOFF if method == "sendMessage" else BULK
            await self.pacer.acquire(params["chat_id"], messages, lane=lane)
            if not await self._claim(case.id or 0):  # lost it while waiting (a long pause?)
                raise HandoffTakenOver(case.reference)
            try:
                result = await self.transport.call(method, params)
            except Permanent as exc:
                if any(marker in str(exc).lower() for marker in TOPIC_GONE):
                    # A new topic, card and evidence (unless another topic exists by now).
                    await self._reset(case.id or 0, params.get("message_thread_id"))
                raise
            SENDS.labels(limit=limit_kind(params["chat_id"])).inc(messages)
            first = first or result.get("messages", [result])[0]
        assert first is not None
        return first

    # -- failures ----------------------------------------------------------------------------

    async def _failed(self, case_id: int, exc: Exception) -> None:
        """Record a failed attempt: back off; after ``alert_after`` attempts, tell the
        supervisors once (the alert is queued with the record, in one transaction)."""
        now = self.clock.now()
        known = isinstance(exc, Permanent | Transient)
        HANDOFF_FAILURES.inc()
        async with self.database.unit_of_work() as session:
            case = await self._case(session, case_id)
            attempts = case.handoff_attempts + 1
            slow = attempts >= self.alert_after
            if slow:
                delay = self.slow_retry
            else:
                delay = min(self.retry_base * 2 ** (attempts - 1), self.retry_cap)
            await cases.set_handoff(
                session=session,
                case_id=case_id,
                handoff_status=HandoffStatus.FAILED,
                handoff_attempts=attempts,
                handoff_retry_at=now + delay,
            )
            alert = slow and await cases.claim_handoff_alert(
                session=session, case_id=case_id, now=now
            )
            if alert:
                alert_msg = self._alert(case, exc, attempts)
                await self._notice(session, self._team(case), alert_msg, mention=True)
        log.log(
            logging.WARNING if known else logging.ERROR,
            "case %s: hand-off attempt %d failed (%s); next in %s",
            case.reference,
            attempts,
            _problem(exc) if known else type(exc).__name__,
            delay,
            exc_info=None if known else exc,
        )
        if alert:
            HANDOFF_ALERTS.inc()
            log.error(
                "case %s: not handed off after %d attempts (%s); supervisors alerted in the "
                "agents' group, retrying every %s",
                case.reference,
                attempts,
                _problem(exc) if known else type(exc).__name__,
                self.slow_retry,
            )

    def _alert(self, case: Case, exc: Exception, attempts: int) -> Msg:
        minutes = int(self.slow_retry.total_seconds() // 60)
        params = {**_ref(case), "attempts": attempts, "minutes": minutes}
        if isinstance(exc, Permanent | Transient):
            return Msg("handoff-alert", {**params, "problem": _problem(exc)})
        # The exception's text may quote anything: only its type, the log has the rest.
        return Msg("handoff-alert-internal", {**params, "problem": type(exc).__name__})

    async def _notice(
        self, session: Any, desk: DeskPolicy, message: Msg, *, mention: bool = False
    ) -> None:
        """Queue a message to the case's team's group itself (its General topic), in the
        caller's transaction; the outbox sweeper sends it."""
        assert desk.chat_id is not None
        mentions = (
            [Msg("desk-mention", {"id": str(sid)}) for sid in sorted(desk.supervisor_ids)]
            if mention
            else []
        )
        reply = Reply(desk.chat_id, desk.language, (message, *mentions))
        await outbox.add_calls(
            session=session,
            calls=render_calls(self.localizer, [reply]),
            now=self.clock.now(),
            lease=timedelta(0),  # not held by anyone: due for the next sweep
        )

    # -- bookkeeping -------------------------------------------------------------------------

    async def _set(self, case_id: int, **values: Any) -> None:
        async with self.database.unit_of_work() as session:
            await cases.set_handoff(session=session, case_id=case_id, **values)

    async def _reset(self, case_id: int, gone_topic: int | None = None) -> bool:
        """A new topic, card and evidence for the case: its topic ``gone_topic`` is gone (None:
        whatever it is). False when the case already has another topic."""
        async with self.database.unit_of_work() as session:
            return await cases.forget_topic(
                session=session,
                case_id=case_id,
                topic_id=gone_topic,
                values={
                    "topic_id": None,
                    "topic_requested_at": None,
                    "card_message_id": None,
                    "evidence_posted": False,
                    "handoff_status": HandoffStatus.PENDING,
                    "handoff_retry_at": None,
                },
            )

    @staticmethod
    async def _case(session: Any, case_id: int) -> Case:
        case = await cases.case_by_id(session=session, case_id=case_id)
        assert case is not None
        return case

    # -- CaseRouter: where a case's messages go at sending time ---------------------------

    async def route(self, case_id: int) -> dict[str, Any] | None:
        async with self.database.unit_of_work() as session:
            case = await self._case(session, case_id)
        if case.card_message_id is None and case.handoff_status in (
            HandoffStatus.PENDING,
            HandoffStatus.FAILED,
        ):
            # Nothing may overtake the card. Once it is posted, messages go (the evidence
            # album, in the bulk lane, may still be waiting for the group's pace).
            self.wake.set()
            return None
        # The case's team's group: a case moved to another team takes its messages along.
        chat = {"chat_id": self._team(case).chat_id}
        if case.topic_id is not None:
            return {**chat, "message_thread_id": case.topic_id}
        if case.card_message_id is not None:
            return {
                **chat,
                "reply_parameters": {
                    "message_id": case.card_message_id,
                    "allow_sending_without_reply": True,
                },
            }
        return chat

    async def topic_gone(self, case_id: int, topic_id: int | None = None) -> None:
        if await self._reset(case_id, topic_id):
            self.wake.set()

    async def reopen(self, case_id: int) -> None:
        async with self.database.unit_of_work() as session:
            case = await self._case(session, case_id)
        chat_id = self._team(case).chat_id
        if case.topic_id is not None and chat_id is not None:
            await self.transport.call(
                "reopenForumTopic", {"chat_id": chat_id, "message_thread_id": case.topic_id}
            )


def _ref(case: Case) -> dict[str, Any]:
    return {"reference": case.reference}


def _problem(exc: Exception) -> str:
    """What Telegram (or the network) said, fit for the supervisors and the log: the token
    masked, and short."""
    return mask_secrets(str(exc))[:PROBLEM_LENGTH]
