"""End to end over real HTTP: the real frameworks, in their own process, against the emulator.

Parametrized over {python-telegram-bot, aiogram} × {polling, webhook}; SQLite by default and
PostgreSQL for the scenario where concurrency matters.
"""

from __future__ import annotations

import asyncio
import os

import aiohttp
import pytest
from sqlalchemy import func
from sqlmodel import select

from handlers.replies import Msg
from storage.database import Database
from storage.models import Case, InboxUpdate, OutboxMessage
from tests.conftest import POSTGRES_ENV
from tests.e2e.conftest import COMBO_IDS, COMBOS, FRAMEWORK_IDS, FRAMEWORKS
from tests.e2e.harness import WEBHOOK_SECRET
from tests.e2e.intake import FRENCH, TRADITIONAL, begin_claim, check_claims, complete_intake
from tests.e2e.parent import TelegramParent


async def _count(database: Database, model: type, *where: object) -> int:
    async with database.unit_of_work() as session:
        result = await session.exec(select(func.count()).select_from(model).where(*where))
        return int(result.one())


@pytest.mark.parametrize(("framework", "mode"), COMBOS, ids=COMBO_IDS)
async def test_two_parents_complete_intakes_through_faults(
    emulator, localizer, running_bot, framework, mode
):
    async with running_bot(framework=framework, mode=mode) as bot:
        database = bot.database
        french = TelegramParent(emulator, localizer, language_code="fr", name="Léa")
        chinese = TelegramParent(emulator, localizer, language_code="zh-hant", name="美玲")
        # Telegram trouble mid-way: a 429 with retry_after, a 502, a dropped connection.
        emulator.fail_next("sendMessage", status=429, retry_after=1)
        emulator.fail_next("sendMessage", status=502)
        emulator.drop_next("answerCallbackQuery")
        refs = await asyncio.gather(
            complete_intake(french, FRENCH), complete_intake(chinese, TRADITIONAL)
        )

        for files in await check_claims(database, refs):
            assert len({f.media_group_id for f in files}) == 1  # one album
        inbox_rows = await _count(database, InboxUpdate)
        handled = InboxUpdate.processed_at != None  # noqa: E711
        assert inbox_rows == await _count(database, InboxUpdate, handled)
        # The emulator sees a call a moment before the bot records it as sent: wait for that.
        unsent = OutboxMessage.status != "sent"
        for _ in range(50):
            if await _count(database, OutboxMessage, unsent) == 0:
                break
            await asyncio.sleep(0.1)
        assert await _count(database, OutboxMessage, unsent) == 0

        # The user's words reached Telegram escaped, never as markup.
        texts = [m.get("text", "") for m in emulator.sent_messages(french.chat_id)]
        assert any("&lt;3" in t or "<3" in t for t in texts)

        # A redelivered update changes nothing and is answered by nobody.
        since = emulator.mark()
        first_update = emulator.inject_command(french.user, "/status")
        await french._reply_after(since)
        before = len(emulator.calls_of("sendMessage"))
        emulator.redeliver(first_update)
        await asyncio.sleep(1.5)
        assert len(emulator.calls_of("sendMessage")) == before
        assert await _count(database, InboxUpdate) == inbox_rows + 1

        if mode == "webhook":
            await _check_webhook_guard(bot.config)
        assert await bot.stop() == 0  # SIGTERM: graceful
    log = bot.log()
    assert emulator.token not in log
    assert emulator.token.split(":")[1] not in log
    assert "Traceback" not in log, log


async def _check_webhook_guard(config) -> None:
    text = config.read_text()
    port = int(text.split("port = ")[1].split()[0])
    url = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        update = {"update_id": 1, "message": {}}
        async with http.post(url + "/tg/hook", json=update) as response:
            assert response.status == 401
        headers = {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
        async with http.post(url + "/tg/hook", json=update, headers=headers) as response:
            assert response.status == 401
        headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
        async with http.post(url + "/tg/hook", data=b"{nope", headers=headers) as response:
            assert response.status == 400
        async with http.get(url + "/healthz") as response:
            assert response.status == 200
            assert (await response.json())["status"] == "ok"


@pytest.mark.parametrize(("framework", "mode"), COMBOS, ids=COMBO_IDS)
async def test_killed_between_receiving_and_replying(
    emulator, localizer, running_bot, framework, mode
):
    async with running_bot(framework=framework, mode=mode) as bot:
        parent = TelegramParent(emulator, localizer, language_code="fr", name="Marc")
        await begin_claim(parent, "fr", platform="kuaishou", problem="payment-failed")
        assert parent.expects("ask-account", platform=Msg("platform-inline-kuaishou"))

        # The next reply hangs in Telegram; the bot dies while waiting for it.
        emulator.slow_next("sendMessage", delay=30)
        update = emulator.inject_text(parent.user, "ks_marc_77")
        since = emulator.mark()
        processed = InboxUpdate.update_id == update["update_id"]
        for _ in range(200):
            done = InboxUpdate.processed_at != None  # noqa: E711
            if await _count(bot.database, InboxUpdate, processed, done):
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError(f"update never processed:\n{bot.log()}")
        await bot.kill()

        await bot.start()
        reply = await parent._reply_after(since)
        assert parent.expects("ask-payment"), reply["text"]
        await parent.press("payment-bank-card")
        assert parent.expects("ask-tx-amount", number=1), parent.last["text"]
        await parent.say("12,50 €")
        assert parent.expects("ask-tx-time", timezone="Europe/Paris"), parent.last["text"]
        async with bot.database.unit_of_work() as session:
            from storage.repositories import drafts

            draft = await drafts.get_open_draft(session=session, user_id=parent.user.id)
            assert draft is not None
            assert draft.answers["account"] == "ks_marc_77"
            assert draft.step == "tx_time"  # the account answer was applied exactly once
        assert await _count(bot.database, InboxUpdate, processed) == 1
        assert await bot.stop() == 0


@pytest.mark.skipif(not os.environ.get(POSTGRES_ENV), reason=f"needs {POSTGRES_ENV}")
@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
async def test_intake_on_postgresql(emulator, localizer, running_bot, postgres_url, framework):
    async with running_bot(framework=framework, database="postgresql") as bot:
        database = bot.database
        parents = [
            TelegramParent(emulator, localizer, language_code="fr", name=f"P{i}") for i in range(4)
        ]
        refs = await asyncio.gather(*(complete_intake(p, FRENCH) for p in parents))
        assert len(set(refs)) == 4
        assert await _count(database, Case) == 4
        assert await bot.stop() == 0
