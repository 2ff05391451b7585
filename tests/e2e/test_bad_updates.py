"""One bad update never stops the bot (issue #10), end to end: a real `refund-desk run` on
both frameworks, in polling and webhook mode, against the emulator.

Updates neither framework can read are stored, set aside with a reason and never delivered
again, and the next message is answered; a proxy's HTML page instead of Telegram's JSON, or
JSON of the wrong shape, is retried like any 5xx. (An update whose handling raises needs a
bug in the core: that is proved in-process, tests/bot/test_bad_updates.py.)
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlmodel import select

from storage.database import Database
from storage.models import InboxUpdate
from tests.e2e.conftest import COMBO_IDS, COMBOS, FRAMEWORK_IDS, FRAMEWORKS
from tests.e2e.harness import BotUnderTest
from tests.e2e.parent import TelegramParent

SECRET = "words only the parent may read"
HTML_502 = f"<html><body><h1>502 Bad Gateway</h1><hr><p>nginx {SECRET}</p></body></html>"


async def _rows(database: Database, update_ids: list[int]) -> list[InboxUpdate]:
    async with database.unit_of_work() as session:
        query = select(InboxUpdate).where(InboxUpdate.update_id.in_(update_ids))  # type: ignore[attr-defined]
        return sorted((await session.exec(query)).all(), key=lambda r: r.update_id)


async def _set_aside(bot: BotUnderTest, update_ids: list[int]) -> list[InboxUpdate]:
    for _ in range(200):
        rows = await _rows(bot.database, update_ids)
        if len(rows) == len(update_ids) and all(r.failed_at for r in rows):
            return rows
        await asyncio.sleep(0.05)
    raise AssertionError(f"not set aside: {await _rows(bot.database, update_ids)}\n{bot.log()}")


def _malformed(parent: TelegramParent) -> list[dict[str, Any]]:
    """What an older Bot API server, or a bug at Telegram, may send: each breaks the models
    of both frameworks."""
    last = dict(parent.last)
    return [
        # A message with neither chat nor date.
        {"message": {"message_id": 9001, "from": parent.user.to_api(), "text": SECRET}},
        # A press with no "from".
        {"callback_query": {"id": "4999", "chat_instance": "1", "data": "x", "message": last}},
        # An update type the bot does not use, with fields of the wrong shape.
        {"poll": {"id": "p-1", "question": {"odd": True}, "options": "odd", "is_closed": "?"}},
    ]


@pytest.mark.parametrize(("framework", "mode"), COMBOS, ids=COMBO_IDS)
async def test_malformed_updates_are_set_aside_and_the_next_message_answered(
    emulator, localizer, running_bot, framework, mode
):
    async with running_bot(framework=framework, mode=mode) as bot:
        parent = TelegramParent(emulator, localizer, language_code="en", name="Ann")
        await parent.command("start")
        bad = [emulator.inject_raw(update)["update_id"] for update in _malformed(parent)]
        reply = await parent.say("hello again")  # the bot is up, and the chat goes on
        assert reply["text"]

        rows = await _set_aside(bot, bad)
        assert all(r.error and r.error.startswith("unreadable: ") for r in rows), rows
        assert all(r.processed_at is None and r.attempts == 0 for r in rows)
        assert rows[0].payload["message"]["text"] == SECRET  # kept, as sent, for the operator
        # Confirmed to Telegram: never delivered again.
        if mode == "polling":
            await emulator.wait_for(
                lambda: any(
                    (c.params.get("offset") or 0) > max(bad)
                    for c in emulator.calls_of("getUpdates")
                ),
                timeout=10,
            )
            assert len(emulator.updates) == 0
        else:
            for update_id in bad:
                attempts = [a for a in emulator.webhook_responses if a.update_id == update_id]
                assert [a.status for a in attempts] == [200], attempts
        assert bot.process is not None and bot.process.returncode is None
        assert await bot.stop() == 0
    log = bot.log()
    for update_id in bad:
        assert f"update {update_id} set aside: unreadable" in log, log
    assert SECRET not in log and "Traceback" not in log, log


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
async def test_a_proxys_html_502_and_an_answer_of_the_wrong_shape_are_retried(
    emulator, localizer, running_bot, framework
):
    async with running_bot(framework=framework, mode="polling") as bot:
        parent = TelegramParent(emulator, localizer, language_code="en", name="Ann")
        await parent.command("start")
        # The next two polls: a proxy's error page, then a 200 that is no update list.
        emulator.raw_next("getUpdates", HTML_502, status=502)
        emulator.raw_next(
            "getUpdates",
            '{"ok":true,"result":{"odd":1}}',
            status=200,
            content_type="application/json",
        )
        # And the reply to the next message: the page again (delivery retries it).
        emulator.raw_next("sendMessage", HTML_502, status=502)
        await parent.say("hello")
        await parent.say("still there?")
        faults = [c.fault for c in emulator.calls_of("getUpdates") if c.fault]
        assert faults == ["raw 502", "raw 200"]
        assert [c.fault for c in emulator.calls_of("sendMessage") if c.fault] == ["raw 502"]
        assert bot.process is not None and bot.process.returncode is None
        assert await bot.stop() == 0
    log = bot.log()
    assert log.count("getUpdates failed") == 2, log
    assert SECRET not in log and "<html>" not in log and "Traceback" not in log, log
