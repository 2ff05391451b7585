"""End to end over real HTTP: the real frameworks, in their own process, against the emulator.

Parametrized over {python-telegram-bot, aiogram} × {polling, webhook}; SQLite by default and
PostgreSQL for the scenario where concurrency matters.
"""

from __future__ import annotations

import asyncio
import os
import re
from decimal import Decimal

import aiohttp
import pytest
from sqlalchemy import func
from sqlmodel import select

from handlers.replies import Msg
from storage.database import Database
from storage.models import Case, InboxUpdate, OutboxMessage
from storage.repositories import cases, evidence
from tests.conftest import POSTGRES_ENV, TRUNCATE_ALL
from tests.e2e.conftest import FRAMEWORKS, MODES
from tests.e2e.harness import WEBHOOK_SECRET, BotProcess, write_config
from tests.e2e.parent import TelegramParent

COMBOS = [(f, m) for f in FRAMEWORKS for m in MODES]
IDS = [f"{'ptb' if f.startswith('python') else 'aiogram'}-{m}" for f, m in COMBOS]

FRENCH = {
    "code": "fr",
    "language": "fr",
    "age": "11 ans",
    "account": "douyin_léa_2015",
    "amount": "49,90 €",
    "when": "hier vers 21h",
    "amount2": "648 ¥",
    "when2": "avant-hier soir",
    "description": "Ma fille a acheté des cadeaux <3 pour un streamer sans me demander.",
}
TRADITIONAL = {
    "code": "zh-hant",
    "language": "zh-Hant",
    "age": "十歲",
    "account": "抖音號 88 & 99",
    "amount": "NT$ 990",
    "when": "昨天晚上8點",
    "amount2": "人民幣 50",
    "when2": "前天下午3點",
    "description": "孩子趁我睡覺時用我的手機儲值遊戲點數。",
}


async def complete_intake(parent: TelegramParent, script: dict[str, str]) -> str:
    await parent.command("start")
    parent.language = script["language"]
    assert parent.expects("ask-consent"), parent.last["text"]
    await parent.press("button-consent-yes")
    await parent.press("platform-douyin")
    await parent.press("problem-minor-purchase")
    await parent.press("writer-parent")
    await parent.say(script["age"])
    await parent.say(script["account"])
    await parent.press("payment-wechat-pay")  # asked before the purchases
    for amount, when in ((script["amount"], script["when"]), (script["amount2"], script["when2"])):
        await parent.say(amount)
        await parent.say(when)
        assert parent.expects("button-tx-correct") or parent.buttons(), parent.last["text"]
        await parent.press("button-tx-correct")
        await parent.press("button-no-order")
        if amount == script["amount"]:
            await parent.press("button-tx-add")
    await parent.press("button-tx-done")
    await parent.album(3, caption="screens")
    assert parent.expects("evidence-count", count=3), parent.last["text"]
    await parent.press("button-evidence-done")
    await parent.say(script["description"])
    await parent.press("button-skip-contact")
    assert "<b>" in parent.last["text"] or parent.last.get("entities") is not None
    await parent.press("button-submit")
    match = re.search(r"(?<![A-Z0-9])([2-9A-HJKMNP-Z]{5})(?![A-Z0-9])", parent.last["text"])
    assert match, parent.last["text"]
    reference = match.group(1)
    return reference


async def _count(database: Database, model: type, *where: object) -> int:
    async with database.unit_of_work() as session:
        result = await session.exec(select(func.count()).select_from(model).where(*where))
        return int(result.one())


def _database_url(tmp_path, backend: str, postgres_url: str | None) -> str:
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/bot.db"
    if postgres_url is None:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (set by .ci/run)")
    return postgres_url


@pytest.mark.parametrize(("framework", "mode"), COMBOS, ids=IDS)
async def test_two_parents_complete_intakes_through_faults(
    emulator, localizer, tmp_path, framework, mode
):
    url = _database_url(tmp_path, "sqlite", None)
    config = write_config(
        tmp_path / "config.toml", emulator, framework=framework, mode=mode, database_url=url
    )
    bot = BotProcess(config, emulator, tmp_path / "bot.log")
    await bot.start()
    database = Database(url)
    try:
        french = TelegramParent(emulator, localizer, language_code="fr", name="Léa")
        chinese = TelegramParent(emulator, localizer, language_code="zh-hant", name="美玲")
        # Telegram trouble mid-way: a 429 with retry_after, a 502, a dropped connection.
        emulator.fail_next("sendMessage", status=429, retry_after=1)
        emulator.fail_next("sendMessage", status=502)
        emulator.drop_next("answerCallbackQuery")
        refs = await asyncio.gather(
            complete_intake(french, FRENCH), complete_intake(chinese, TRADITIONAL)
        )

        async with database.unit_of_work() as session:
            for reference, script in zip(refs, (FRENCH, TRADITIONAL), strict=True):
                case = await cases.case_by_reference(session=session, reference=reference)
                assert case is not None, reference
                assert case.language == script["language"]
                assert case.account == script["account"]
                assert case.description == script["description"]
                assert case.payment_method == "wechat_pay"
                rows = await cases.transactions_of(session=session, case_id=case.id)
                assert len(rows) == 2
                files = await evidence.list_for_case(session=session, case_id=case.id)
                assert len(files) == 3 and len({f.media_group_id for f in files}) == 1
                assert all(f.telegram_file_id for f in files)
            french_case = await cases.case_by_reference(session=session, reference=refs[0])
            amounts = await cases.transactions_of(session=session, case_id=french_case.id)
            assert [(t.amount, t.currency) for t in amounts] == [
                (Decimal("49.90"), "EUR"),
                (Decimal("648"), "CNY"),
            ]
        assert await _count(database, Case) == 2
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
            await _check_webhook_guard(config)
        assert await bot.stop() == 0  # SIGTERM: graceful
    finally:
        await database.dispose()
        if bot.process and bot.process.returncode is None:
            await bot.kill()
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


@pytest.mark.parametrize(("framework", "mode"), COMBOS, ids=IDS)
async def test_killed_between_receiving_and_replying(
    emulator, localizer, tmp_path, framework, mode
):
    url = _database_url(tmp_path, "sqlite", None)
    config = write_config(
        tmp_path / "config.toml", emulator, framework=framework, mode=mode, database_url=url
    )
    bot = BotProcess(config, emulator, tmp_path / "bot.log")
    await bot.start()
    database = Database(url)
    try:
        parent = TelegramParent(emulator, localizer, language_code="fr", name="Marc")
        await parent.command("start")
        parent.language = "fr"
        await parent.press("button-consent-yes")
        await parent.press("platform-kuaishou")
        await parent.press("problem-payment-failed")
        await parent.press("writer-parent")
        assert parent.expects("ask-account", platform=Msg("platform-inline-kuaishou"))

        # The next reply hangs in Telegram; the bot dies while waiting for it.
        emulator.slow_next("sendMessage", delay=30)
        update = emulator.inject_text(parent.user, "ks_marc_77")
        since = emulator.mark()
        processed = InboxUpdate.update_id == update["update_id"]
        for _ in range(200):
            done = InboxUpdate.processed_at != None  # noqa: E711
            if await _count(database, InboxUpdate, processed, done):
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
        async with database.unit_of_work() as session:
            from storage.repositories import drafts

            draft = await drafts.get_open_draft(session=session, user_id=parent.user.id)
            assert draft is not None
            assert draft.answers["account"] == "ks_marc_77"
            assert draft.step == "tx_time"  # the account answer was applied exactly once
        assert await _count(database, InboxUpdate, processed) == 1
        assert await bot.stop() == 0
    finally:
        await database.dispose()
        if bot.process and bot.process.returncode is None:
            await bot.kill()


@pytest.mark.skipif(not os.environ.get(POSTGRES_ENV), reason=f"needs {POSTGRES_ENV}")
@pytest.mark.parametrize("framework", FRAMEWORKS, ids=["ptb", "aiogram"])
async def test_intake_on_postgresql(emulator, localizer, tmp_path, postgres_url, framework):
    from sqlalchemy import text

    database = Database(postgres_url)
    await database.upgrade()
    async with database.engine.begin() as conn:
        await conn.execute(text(TRUNCATE_ALL))
    config = write_config(
        tmp_path / "config.toml",
        emulator,
        framework=framework,
        mode="polling",
        database_url=postgres_url,
    )
    bot = BotProcess(config, emulator, tmp_path / "bot.log")
    await bot.start()
    try:
        parents = [
            TelegramParent(emulator, localizer, language_code="fr", name=f"P{i}") for i in range(4)
        ]
        refs = await asyncio.gather(*(complete_intake(p, FRENCH) for p in parents))
        assert len(set(refs)) == 4
        assert await _count(database, Case) == 4
        assert await bot.stop() == 0
    finally:
        await database.dispose()
        if bot.process and bot.process.returncode is None:
            await bot.kill()
