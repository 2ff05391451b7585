"""The Telegram runtime in-process: recovery of stored updates, redelivery, ordering, albums."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest

from bot.app import App, build_app
from bot.config import Settings
from bot.telegram.runner import TelegramRunner
from bot.transports import make_transport
from storage.repositories import inbox
from tests.bot.emulated_bot import polling_settings, running
from tests.emulator import BotApiEmulator

FRAMEWORKS = ["python-telegram-bot", "aiogram"]


@contextlib.asynccontextmanager
async def _started(
    tmp_path, framework: str
) -> AsyncIterator[tuple[BotApiEmulator, Settings, App]]:
    """An emulator, and the bot's app polling it with ``framework``, started."""
    async with BotApiEmulator() as emulator:
        # The runner checks its store at start (it writes a probe): not in the repository.
        files = {"directory": str(tmp_path / "files")}
        settings = polling_settings(
            emulator, tmp_path, framework, {"album_wait_seconds": 0.2}, files=files
        )
        app = build_app(settings)
        await app.start()
        yield emulator, settings, app


@pytest.mark.parametrize("framework", FRAMEWORKS)
async def test_stored_updates_are_processed_first_and_only_once(tmp_path, framework):
    async with _started(tmp_path, framework) as (emulator, settings, app):
        user = emulator.make_user("Zoé", language_code="fr")
        # A previous run stored this update, then died before handling it; Telegram was
        # never told, so it will also come back through getUpdates.
        update = emulator.inject_command(user, "/start")
        async with app.database.unit_of_work() as session:
            await inbox.store_updates(
                session=session, bot_id=emulator.bot_id, updates=[update], now=app.clock.now()
            )
        runner = TelegramRunner(app, make_transport(settings))
        async with running(app, runner):
            await emulator.wait_for_call("sendMessage", timeout=10)
            await emulator.wait_for_call(
                "getUpdates", lambda c: c.params.get("offset"), timeout=10
            )
            await asyncio.sleep(0.5)
            replies = [m for m in emulator.sent_messages(user.id)]
            assert len(replies) == 1
            assert "Bonjour" in replies[0]["text"]
            menus = emulator.calls_of("setMyCommands")
            assert {c.params.get("language_code") for c in menus} == {None, "fr", "zh"}


@pytest.mark.parametrize("framework", FRAMEWORKS)
async def test_updates_of_one_chat_are_answered_in_order(tmp_path, framework):
    async with _started(tmp_path, framework) as (emulator, settings, app):
        runner = TelegramRunner(app, make_transport(settings))
        async with running(app, runner):
            await asyncio.wait_for(runner.started.wait(), 10)
            user = emulator.make_user("Tom", language_code="en")
            for text in ("/start", "I agree", "Douyin (抖音)"):
                if text.startswith("/"):
                    emulator.inject_command(user, text)
                else:
                    emulator.inject_text(user, text)
            # Three updates sent at once are answered in order: consent, platform, problem.
            await emulator.wait_for(lambda: len(emulator.sent_messages(user.id)) >= 3, 10)
            texts = [m["text"] for m in emulator.sent_messages(user.id)]
            assert "privacy" in texts[0] and "platform" in texts[1] and "happened" in texts[2]
