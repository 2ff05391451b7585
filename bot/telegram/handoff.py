"""Handing submitted cases to the agents' group, step by step, each step's result recorded:
the topic (one per case, never two), the card, the evidence albums. Also decides at sending
time where a case's messages go, recreating or reopening a topic someone removed by hand."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

from bot.i18n import Localizer
from bot.telegram.calls import render_calls
from bot.telegram.errors import Permanent, RetryLater, Transient
from bot.telegram.pacing import Pacer
from bot.telegram.transport import TelegramTransport
from handlers.clock import Clock
from handlers.desk import handoff as plan
from handlers.desk.context import load_view
from handlers.policy import DeskPolicy
from handlers.replies import Outgoing
from storage.database import Database
from storage.models import Case
from storage.repositories import cases

log = logging.getLogger(__name__)
PENDING, DONE, FAILED = "pending", "done", "failed"


class Handoff:
    def __init__(
        self,
        *,
        transport: TelegramTransport,
        database: Database,
        localizer: Localizer,
        clock: Clock,
        pacer: Pacer,
        desk: DeskPolicy,
        topic_grace: timedelta,
    ) -> None:
        self.transport = transport
        self.database = database
        self.localizer = localizer
        self.clock = clock
        self.pacer = pacer
        self.desk = desk
        self.use_topics = bool(desk.use_topics)
        self.topic_grace = topic_grace
        self.wake = asyncio.Event()
        self._lock = asyncio.Lock()

    async def run(self) -> int:
        """Hand off every pending case; returns how many are done."""
        async with self._lock:
            async with self.database.unit_of_work() as session:
                waiting = [c.id for c in await cases.pending_handoffs(session=session)]
            done = 0
            for case_id in waiting:
                assert case_id is not None
                try:
                    done += await self._hand_off(case_id)
                except (Transient, RetryLater) as exc:
                    log.warning("hand-off of case %s postponed: %s", case_id, exc)
            return done

    async def _hand_off(self, case_id: int) -> int:
        if self.use_topics and not await self._topic(case_id):
            return 0
        async with self.database.unit_of_work() as session:
            case = await self._case(session, case_id)
            view = await load_view(session, case)
        if case.card_message_id is None:
            result = await self._send([plan.card(view, self.desk)], case)
            if result is None:
                return 0
            async with self.database.unit_of_work() as session:
                (await self._case(session, case_id)).card_message_id = result["message_id"]
            case.card_message_id = result["message_id"]
        if not case.evidence_posted:
            media = plan.evidence(view, self.desk)
            if media is not None and await self._send([media], case) is None:
                return 0
        async with self.database.unit_of_work() as session:
            stored = await self._case(session, case_id)
            stored.evidence_posted, stored.handoff_status = True, DONE
        log.info("case %s handed off", case.reference)
        return 1

    async def _topic(self, case_id: int) -> bool:
        """True once the case has a topic (or must do without one). The request is recorded
        before it is made: after a crash the outcome is unknown, so no second topic is ever
        requested — a late ``forum_topic_created`` names the topic, or the card goes to the
        group itself after ``topic_grace``."""
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
            case.topic_requested_at = now
            view = await load_view(session, case)
        _, method, params = render_calls(self.localizer, [plan.topic_request(view, self.desk)])[0]
        try:
            await self.pacer.acquire(params["chat_id"])
            result = await self.transport.call(method, params)
        except (RetryLater, Permanent) as exc:  # refused: certainly not created, may retry
            log.error("case %s: could not create its topic: %s", case.reference, exc)
            async with self.database.unit_of_work() as session:
                (await self._case(session, case_id)).topic_requested_at = None
            return False
        async with self.database.unit_of_work() as session:
            (await self._case(session, case_id)).topic_id = result["message_thread_id"]
        return True

    async def _send(self, outgoing: list[Outgoing], case: Case) -> dict[str, Any] | None:
        first: dict[str, Any] | None = None
        for _, method, params in render_calls(self.localizer, outgoing):
            params.pop("_case", None)
            await self.pacer.acquire(params["chat_id"])
            try:
                result = await self.transport.call(method, params)
            except Permanent as exc:
                if "thread not found" in str(exc).lower():
                    await self.topic_gone(case.id or 0)
                    return None
                log.error("case %s: hand-off refused: %s", case.reference, exc)
                async with self.database.unit_of_work() as session:
                    (await self._case(session, case.id or 0)).handoff_status = FAILED
                return None
            first = first or result.get("messages", [result])[0]
        return first

    @staticmethod
    async def _case(session: Any, case_id: int) -> Case:
        case = await cases.case_by_id(session=session, case_id=case_id)
        assert case is not None
        return case

    # -- CaseRouter: where a case's messages go at sending time ---------------------------

    async def route(self, case_id: int) -> dict[str, Any] | None:
        async with self.database.unit_of_work() as session:
            case = await self._case(session, case_id)
        if case.handoff_status == PENDING:
            self.wake.set()
            return None
        if case.topic_id is not None:
            return {"message_thread_id": case.topic_id}
        if case.card_message_id is not None:
            return {
                "reply_parameters": {
                    "message_id": case.card_message_id,
                    "allow_sending_without_reply": True,
                }
            }
        return {}

    async def topic_gone(self, case_id: int) -> None:
        async with self.database.unit_of_work() as session:
            case = await self._case(session, case_id)
            case.topic_id = case.topic_requested_at = case.card_message_id = None
            case.evidence_posted, case.handoff_status = False, PENDING
        self.wake.set()

    async def reopen(self, case_id: int) -> None:
        async with self.database.unit_of_work() as session:
            case = await self._case(session, case_id)
        if case.topic_id is not None and self.desk.chat_id is not None:
            await self.transport.call(
                "reopenForumTopic",
                {"chat_id": self.desk.chat_id, "message_thread_id": case.topic_id},
            )
