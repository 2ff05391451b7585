"""Follow-ups end to end through one transport: a reminder reaches a parent who stopped
half-way; at a deadline the escalation reaches the case's topic; follow-ups due while the bot
was down are sent once after it comes back."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import update

from storage.database import Database
from storage.models import FollowUp
from tests.e2e.agent import in_topic
from tests.e2e.intake import FRENCH, complete_intake
from tests.e2e.parent import TelegramParent

SUPERVISOR = 777000111


async def _make_due(database: Database, kind: str) -> None:
    async with database.unit_of_work() as session:
        await session.exec(
            update(FollowUp)
            .where(FollowUp.kind == kind, FollowUp.status == "pending")
            .values(due_at=datetime.now(UTC))
        )


async def test_reminder_escalation_and_catch_up_after_downtime(emulator, localizer, running_bot):
    group = emulator.make_forum_group("Refund team")
    followups = {
        "intake_reminder_hours": [0.001],
        "sweep_seconds": 0.5,
        "look_ahead_minutes": 1,
        "quiet_start": "00:00",
        "quiet_end": "00:00",
    }
    async with running_bot(
        framework="aiogram",
        agents={"chat_id": group.id, "supervisor_ids": [SUPERVISOR]},
        sections={"followups": followups},
    ) as bot:
        database = bot.database
        # A parent who stops after consenting is reminded a few seconds later (3.6 s here).
        quitter = TelegramParent(emulator, localizer, language_code="fr", name="Zoé")
        await quitter.command("start")
        quitter.language = "fr"
        await quitter.press("button-consent-yes")
        reminder = await quitter._reply_after(emulator.mark())
        assert quitter.expects("reminder-intake-first"), reminder["text"]

        parent = TelegramParent(emulator, localizer, language_code="fr", name="Léa")
        reference = await complete_intake(parent, FRENCH)
        topic = await emulator.wait_for_call("createForumTopic", ok_only=True, timeout=15)
        thread = topic.result["message_thread_id"]

        since = emulator.mark()
        await _make_due(database, "decision_due")  # the deadline arrives
        overdue = await emulator.wait_for_call(
            "sendMessage",
            lambda c: in_topic(thread)(c) and "overdue" in c.params["text"],
            since=since,
            timeout=15,
        )
        assert reference in overdue.params["text"]
        assert f"tg://user?id={SUPERVISOR}" in overdue.params["text"]

        # Down for a while: the check-in falls due meanwhile, and is sent once on return.
        assert await bot.stop() == 0
        await _make_due(database, "check_in")
        since = emulator.mark()
        await bot.start()
        await parent._reply_after(since)
        parent.language = "fr"
        assert reference in parent.last["text"]
        await asyncio.sleep(2)  # several sweeps: still only one check-in
        check_ins = [
            c
            for c in emulator.calls_of("sendMessage")
            if c.seq >= since and str(c.params.get("chat_id")) == str(parent.chat_id)
        ]
        assert len(check_ins) == 1
        assert await bot.stop() == 0
    assert "Traceback" not in bot.log(), bot.log()
