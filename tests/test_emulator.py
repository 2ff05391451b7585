"""Tests of the Bot API emulator, driven by the real frameworks (PTB 22 and aiogram 3)."""

from __future__ import annotations

import asyncio
import contextlib
import struct
import time
import zlib
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
import telegram
from aiogram import Bot as AioBot
from aiogram import Dispatcher, F, Router
from aiogram import types as aio_types
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest, TelegramRetryAfter, TelegramServerError
from aiohttp import web
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.emulator import ApiCall, BotApiEmulator, BotRights, UploadedFile


def make_png(width: int, height: int) -> bytes:
    """A small valid PNG (solid colour), so dimensions can be read back."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x10\x80\xf0" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator() as emulator:
        yield emulator


@contextlib.asynccontextmanager
async def ptb_bot(emu: BotApiEmulator) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(emu.token, base_url=emu.api_base, base_file_url=emu.file_base) as bot:
        yield bot


@contextlib.asynccontextmanager
async def aiogram_bot(emu: BotApiEmulator) -> AsyncIterator[AioBot]:
    bot = AioBot(emu.token, session=AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url)))
    try:
        yield bot
    finally:
        await bot.session.close()


@contextlib.asynccontextmanager
async def ptb_polling(emu: BotApiEmulator, *handlers: Any) -> AsyncIterator[Application]:
    app = (
        ApplicationBuilder()
        .token(emu.token)
        .base_url(emu.api_base)
        .base_file_url(emu.file_base)
        .build()
    )
    for handler in handlers:
        app.add_handler(handler)
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


@contextlib.asynccontextmanager
async def aiogram_polling(emu: BotApiEmulator, router: Router) -> AsyncIterator[AioBot]:
    bot = AioBot(emu.token, session=AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url)))
    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    task = asyncio.create_task(
        dispatcher.start_polling(bot, handle_signals=False, polling_timeout=1)
    )
    try:
        await emu.wait_until_polling()
        yield bot
    finally:
        await dispatcher.stop_polling()
        await task  # closes the bot session


async def raw_call(emu: BotApiEmulator, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{emu.api_base}{emu.token}/{method}", json=params) as response,
    ):
        return response.status, await response.json()


# -- frameworks in polling mode -------------------------------------------------------------


async def test_ptb_polling_echo_command_and_callback(emu: BotApiEmulator) -> None:
    async def echo(update: telegram.Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message and update.effective_user
        await update.message.reply_text(
            f"{update.effective_user.language_code}:{update.message.text}"
        )

    async def start(update: telegram.Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message
        keyboard = telegram.InlineKeyboardMarkup(
            [[telegram.InlineKeyboardButton("Yes", callback_data="yes")]]
        )
        await update.message.reply_text(f"start {context.args}", reply_markup=keyboard)

    async def on_button(update: telegram.Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query and query.message
        await query.answer("noted")
        await query.edit_message_text(f"chose {query.data}")

    handlers = (
        CommandHandler("start", start),
        MessageHandler(filters.TEXT & ~filters.COMMAND, echo),
        CallbackQueryHandler(on_button),
    )
    async with ptb_polling(emu, *handlers):
        parent = emu.make_user(language_code="fr")
        emu.inject_text(parent, "bonjour")
        call = await emu.wait_for_call("sendMessage")
        assert call.params["text"] == "fr:bonjour"
        assert call.params["chat_id"] == parent.id

        emu.inject_command(parent, "/start", payload="claim-42")
        started = await emu.wait_for_call("sendMessage", lambda c: c.params["text"][:5] == "start")
        assert started.params["text"] == "start ['claim-42']"
        assert started.result["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "yes"

        press = emu.inject_callback(parent, started.result["message_id"], "yes")
        await emu.wait_for_call("editMessageText")
        answer = emu.callback_answer(press)
        assert answer is not None and answer["text"] == "noted"
        edited = emu.sent_messages(parent.id)[-1]
        assert edited["text"] == "chose yes" and "reply_markup" not in edited
    # PTB confirmed everything on shutdown: nothing is pending any more.
    assert len(emu.updates) == 0


async def test_aiogram_polling_echo_and_callback(emu: BotApiEmulator) -> None:
    router = Router()

    @router.message(F.text == "/menu")
    async def menu(message: aio_types.Message) -> None:
        button = aio_types.InlineKeyboardButton(text="Refund", callback_data="refund:7")
        markup = aio_types.InlineKeyboardMarkup(inline_keyboard=[[button]])
        await message.answer("<b>Menu</b> &amp; options", parse_mode="HTML", reply_markup=markup)

    @router.message(F.text)
    async def echo(message: aio_types.Message) -> None:
        assert message.from_user
        await message.answer(f"{message.from_user.language_code}:{message.text}")

    @router.callback_query(F.data.startswith("refund:"))
    async def on_refund(query: aio_types.CallbackQuery) -> None:
        await query.answer("ok", show_alert=True)

    async with aiogram_polling(emu, router):
        parent = emu.make_user(language_code="de")
        emu.inject_text(parent, "hallo")
        call = await emu.wait_for_call("sendMessage")
        assert call.params["text"] == "de:hallo"

        emu.inject_text(parent, "/menu")
        menu_call = await emu.wait_for_call("sendMessage", since=call.seq + 1)
        assert menu_call.result["text"] == "Menu & options"
        assert menu_call.result["entities"] == [{"offset": 0, "length": 4, "type": "bold"}]

        press = emu.inject_callback(parent, menu_call.result, "refund:7")
        await emu.wait_for_call("answerCallbackQuery")
        assert emu.callback_answer(press) == {
            "callback_query_id": press["callback_query"]["id"],
            "text": "ok",
            "show_alert": True,
        }
        # aiogram asked only for the update types it has handlers for.
        assert set(emu.calls_of("getUpdates")[-1].params["allowed_updates"]) == {
            "message",
            "callback_query",
        }


# -- webhook --------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def receiver(handler: Any) -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_post("/hook", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}/hook"
    finally:
        await runner.cleanup()


async def test_webhook_delivery_retries_in_order_with_secret(emu: BotApiEmulator) -> None:
    received: list[tuple[str | None, int, str]] = []

    async def hook(request: web.Request) -> web.Response:
        update = await request.json()
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        received.append((secret, update["update_id"], update["message"]["text"]))
        if len(received) == 1:
            return web.Response(status=500)
        if update["message"]["text"] == "three":  # answer with a method, like aiogram can
            chat_id = update["message"]["chat"]["id"]
            return web.json_response({"method": "sendMessage", "chat_id": chat_id, "text": "hi"})
        return web.Response(text="ok")

    async with receiver(hook) as url, ptb_bot(emu) as bot:
        assert await bot.set_webhook(url, secret_token="s3cr3t-Token_1", max_connections=5)
        parent = emu.make_user()
        first = emu.inject_text(parent, "one")
        emu.inject_text(parent, "two")
        emu.inject_text(parent, "three")
        reply = await emu.wait_for_call("sendMessage")
        assert reply.params == {"chat_id": parent.id, "text": "hi"}
        assert [r.status for r in emu.webhook_responses] == [500, 200, 200, 200]
        assert [text for _, _, text in received] == ["one", "one", "two", "three"]
        assert {secret for secret, _, _ in received} == {"s3cr3t-Token_1"}

        emu.redeliver(first)
        await emu.wait_for(lambda: len(received) == 5)
        assert received[-1][1] == first["update_id"]

        info = await bot.get_webhook_info()
        assert info.url == url and info.pending_update_count == 0 and info.max_connections == 5
        assert info.last_error_message == "Wrong response from the webhook: 500"
        with pytest.raises(telegram.error.Conflict):
            await bot.get_updates()


async def test_webhook_failures_keep_updates_for_polling(emu: BotApiEmulator) -> None:
    async def broken(request: web.Request) -> web.Response:
        return web.Response(status=502)

    async with receiver(broken) as url, ptb_bot(emu) as bot:
        await bot.set_webhook(url)
        parent = emu.make_user()
        update = emu.inject_text(parent, "are you there?")
        await emu.wait_for(lambda: len(emu.webhook_responses) >= 2)
        assert (await bot.get_webhook_info()).pending_update_count == 1
        await bot.delete_webhook()
        updates = await bot.get_updates(timeout=0)
        assert [u.update_id for u in updates] == [update["update_id"]]


# -- media ----------------------------------------------------------------------------------


async def test_media_group_upload_and_download_with_ptb(emu: BotApiEmulator) -> None:
    parent = emu.make_user()
    chat = emu.make_private_chat(parent)
    first, second = make_png(40, 30), make_png(20, 10)
    async with ptb_bot(emu) as bot:
        messages = await bot.send_media_group(
            chat.id,
            [
                telegram.InputMediaPhoto(first, caption="<i>receipt</i>", parse_mode="HTML"),
                telegram.InputMediaPhoto(second),
            ],
        )
        assert len(messages) == 2
        assert messages[0].media_group_id == messages[1].media_group_id is not None
        assert (
            messages[0].caption == "receipt" and messages[0].caption_entities[0].type == "italic"
        )
        assert (messages[0].photo[-1].width, messages[0].photo[-1].height) == (40, 30)
        media = emu.calls_of("sendMediaGroup")[0].params["media"]
        assert isinstance(media[0]["media"], UploadedFile) and media[0]["media"].data == first
        file = await bot.get_file(messages[0].photo[-1].file_id)
        assert bytes(await file.download_as_bytearray()) == first

        photo = emu.inject_photo(parent, caption="my ticket", data=second)
        incoming = telegram.Update.de_json(photo, bot).message
        assert incoming is not None
        sizes = incoming.photo
        assert [s.width for s in sizes] == sorted(s.width for s in sizes)
        file = await bot.get_file(sizes[-1].file_id)
        assert bytes(await file.download_as_bytearray()) == second

        with pytest.raises(telegram.error.BadRequest, match=r"(?i)2-10 items"):
            await bot.send_media_group(chat.id, [telegram.InputMediaPhoto(first)])


async def test_media_group_upload_and_download_with_aiogram(emu: BotApiEmulator) -> None:
    parent = emu.make_user()
    chat = emu.make_private_chat(parent)
    pdf = b"%PDF-1.4 refund claim"
    async with aiogram_bot(emu) as bot:
        docs = [
            aio_types.InputMediaDocument(
                media=aio_types.BufferedInputFile(pdf, f"claim{i}.pdf"), caption=f"doc {i}"
            )
            for i in range(3)
        ]
        messages = await bot.send_media_group(chat.id, media=list[Any](docs))
        assert [m.document.file_name for m in messages if m.document] == [
            "claim0.pdf",
            "claim1.pdf",
            "claim2.pdf",
        ]
        media = emu.calls_of("sendMediaGroup")[0].params["media"]
        assert [item["media"].data for item in media] == [pdf] * 3
        assert len({m.media_group_id for m in messages}) == 1

        mixed: list[Any] = [
            aio_types.InputMediaPhoto(media=aio_types.BufferedInputFile(make_png(8, 8), "a.png")),
            docs[0],
        ]
        with pytest.raises(TelegramBadRequest, match="can't be mixed"):
            await bot.send_media_group(chat.id, media=mixed)

        update = emu.inject_photo(parent, sizes=4, data=make_png(64, 48))
        largest = update["message"]["photo"][-1]
        assert len(update["message"]["photo"]) == 4
        downloaded = await bot.download(largest["file_id"])
        assert downloaded is not None and downloaded.read() == make_png(64, 48)

        doc = emu.inject_document(parent, "scan.pdf", "application/pdf", size=3000)
        downloaded = await bot.download(doc["message"]["document"]["file_id"])
        assert downloaded is not None and len(downloaded.read()) == 3000

        big = emu.inject_document(parent, "huge.zip", "application/zip", size=30 * 1024 * 1024)
        with pytest.raises(TelegramBadRequest, match="file is too big"):
            await bot.get_file(big["message"]["document"]["file_id"])


# -- validation and faults ------------------------------------------------------------------


async def test_html_validation_matches_telegram(emu: BotApiEmulator) -> None:
    chat = emu.make_private_chat(emu.make_user())
    async with ptb_bot(emu) as bot:
        cases = {
            "total < 5": 'unsupported start tag "" at byte offset 6',
            "<b>bold": 'can\'t find end tag corresponding to start tag "b"',
            "<b>x</i>": 'unmatched end tag at byte offset 4, expected "</b>", found "</i>"',
            "<blink>x</blink>": 'unsupported start tag "blink" at byte offset 0',
            "Tom & Jerry": 'unescaped "&" at byte offset 4',
        }
        for text, error in cases.items():
            with pytest.raises(telegram.error.BadRequest) as info:
                await bot.send_message(chat.id, text, parse_mode="HTML")
            assert info.value.message.lower() == f"can't parse entities: {error}"
        with pytest.raises(telegram.error.BadRequest, match=r"(?i)message is too long"):
            await bot.send_message(chat.id, "x" * 4097)
        ok = await bot.send_message(
            chat.id, "<a href='https://t.me'>ok</a> &lt;3", parse_mode="HTML"
        )
        assert ok.text == "ok <3" and ok.entities[0].url == "https://t.me"
    async with aiogram_bot(emu) as bot:
        with pytest.raises(TelegramBadRequest, match="can't parse entities"):
            await bot.send_message(chat.id, "<b>a</b", parse_mode="HTML")


async def test_429_is_honoured_by_a_retry(
    emu: BotApiEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # RetryAfter.retry_after as timedelta, no warning
    chat = emu.make_private_chat(emu.make_user())
    emu.fail_next("sendMessage", status=429, retry_after=1)
    async with ptb_bot(emu) as bot:
        for _attempt in range(3):
            try:
                await bot.send_message(chat.id, "your claim was received")
                break
            except telegram.error.RetryAfter as exc:
                assert isinstance(exc.retry_after, timedelta)
                await asyncio.sleep(exc.retry_after.total_seconds())
    first, second = emu.calls_of("sendMessage")
    assert (first.status, first.fault) == (429, "429")
    assert first.error == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 1",
        "parameters": {"retry_after": 1},
    }
    assert second.ok and second.time - first.time >= 1.0
    assert len(emu.sent_messages(chat.id)) == 1

    emu.fail_next("sendMessage", status=429, retry_after=3)
    async with aiogram_bot(emu) as bot:
        with pytest.raises(TelegramRetryAfter) as info:
            await bot.send_message(chat.id, "again")
        assert info.value.retry_after == 3


async def test_5xx_drops_and_slow_answers(emu: BotApiEmulator) -> None:
    chat = emu.make_private_chat(emu.make_user())
    async with ptb_bot(emu) as bot:
        emu.fail_next("sendMessage", status=502)
        with pytest.raises(telegram.error.NetworkError, match="Bad Gateway"):
            await bot.send_message(chat.id, "a")

        emu.drop_next("sendMessage", after_processing=True)
        with pytest.raises(telegram.error.NetworkError):
            await bot.send_message(chat.id, "sent although the bot never heard back")
        assert emu.sent_messages(chat.id)[-1]["text"].startswith("sent although")

        emu.drop_next()  # any method
        with pytest.raises(telegram.error.NetworkError):
            await bot.get_me()

        emu.slow_next("sendMessage", delay=0.3)
        started = time.monotonic()
        await bot.send_message(chat.id, "slow")
        assert time.monotonic() - started >= 0.3
    async with aiogram_bot(emu) as bot:
        emu.fail_next(None, status=503)
        with pytest.raises(TelegramServerError):
            await bot.get_me()
    assert [c.fault for c in emu.calls if c.fault] == ["502", "drop", "drop", "delay 0.3s", "503"]


async def test_random_faults_are_reproducible() -> None:
    outcomes = []
    for _ in range(2):
        async with BotApiEmulator(seed=7) as emu:
            emu.fail_randomly("getMe", probability=0.3, status=502)
            statuses = [(await raw_call(emu, "getMe"))[0] for _ in range(30)]
            outcomes.append(statuses)
    assert outcomes[0] == outcomes[1]
    assert 0 < outcomes[0].count(502) < 30


async def test_rate_limits(emu: BotApiEmulator) -> None:
    group = emu.make_group("Parents")
    private = emu.make_private_chat(emu.make_user())
    emu.enable_rate_limits(per_group=3, group_window=60, overall=6, overall_window=1.0)
    statuses = [
        (await raw_call(emu, "sendMessage", chat_id=group.id, text="x"))[0] for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    statuses = [
        (await raw_call(emu, "sendMessage", chat_id=private.id, text="y"))[0] for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]  # 6 per second overall
    assert [v.scope for v in emu.rate_limit_violations] == ["chat", "global"]
    await asyncio.sleep(1.05)
    assert (await raw_call(emu, "sendMessage", chat_id=private.id, text="z"))[0] == 200


# -- updates, state and object shapes -------------------------------------------------------


async def test_get_updates_semantics(emu: BotApiEmulator) -> None:
    parent = emu.make_user()
    ids = [emu.inject_text(parent, f"m{i}")["update_id"] for i in range(5)]
    status, body = await raw_call(emu, "getUpdates", limit=2)
    assert [u["update_id"] for u in body["result"]] == ids[:2]
    status, body = await raw_call(emu, "GetUpdates", offset=ids[2])  # case-insensitive
    assert [u["update_id"] for u in body["result"]] == ids[2:]
    _, body = await raw_call(emu, "getUpdates", offset=-1)
    assert [u["update_id"] for u in body["result"]] == ids[4:]

    # a long poll is answered as soon as an update arrives, and a second poll ends the first
    poll = asyncio.create_task(raw_call(emu, "getUpdates", offset=ids[4] + 1, timeout=5))
    await asyncio.sleep(0.05)
    late = emu.inject_text(parent, "late")
    _, body = await poll
    assert [u["update_id"] for u in body["result"]] == [late["update_id"]]

    first = asyncio.create_task(
        raw_call(emu, "getUpdates", offset=late["update_id"] + 1, timeout=5)
    )
    await asyncio.sleep(0.05)
    second = asyncio.create_task(raw_call(emu, "getUpdates", timeout=0))
    status, body = await first
    assert status == 409 and "terminated by other getUpdates" in body["description"]
    await second

    emu.redeliver(late)  # same update_id, below the confirmed offset: delivered once more
    _, body = await raw_call(emu, "getUpdates", offset=late["update_id"] + 1)
    assert body["result"] == [late]
    _, body = await raw_call(emu, "getUpdates", offset=late["update_id"] + 1)
    assert body["result"] == []

    _, body = await raw_call(emu, "getUpdates", allowed_updates=["callback_query"])
    emu.inject_text(parent, "filtered out")
    assert len(emu.updates) == 0 and len(emu.filtered_updates) == 1

    assert (await raw_call(emu, "noSuchMethod"))[0] == 404
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{emu.api_base}1:wrong/getMe") as response,
    ):
        assert response.status == 401
        assert (await response.json())["description"] == "Unauthorized"


async def test_forum_topics_and_rights(emu: BotApiEmulator) -> None:
    owner = emu.make_user("Agent")
    forum = emu.make_forum_group("Refund desk", owner=owner)
    locked = emu.make_forum_group("Read only", bot_rights=BotRights(can_manage_topics=False))
    plain = emu.make_group("Not a forum")
    async with ptb_bot(emu) as bot:
        topic = await bot.create_forum_topic(forum.id, "Claim #42", icon_color=16766590)
        sent = await bot.send_message(forum.id, "hello", message_thread_id=topic.message_thread_id)
        assert sent.is_topic_message and sent.message_thread_id == topic.message_thread_id
        assert emu.sent_messages(forum.id, thread_id=topic.message_thread_id)[0]["text"] == "hello"

        await bot.close_forum_topic(forum.id, topic.message_thread_id)
        await bot.edit_forum_topic(forum.id, topic.message_thread_id, name="Claim #42 (done)")
        assert forum.topics[topic.message_thread_id].name == "Claim #42 (done)"
        with pytest.raises(telegram.error.BadRequest, match=r"(?i)topic_not_modified"):
            await bot.close_forum_topic(forum.id, topic.message_thread_id)
        await bot.reopen_forum_topic(forum.id, topic.message_thread_id)

        with pytest.raises(telegram.error.BadRequest, match=r"(?i)not a forum"):
            await bot.create_forum_topic(plain.id, "x")
        with pytest.raises(telegram.error.BadRequest, match=r"(?i)not enough rights"):
            await bot.create_forum_topic(locked.id, "x")
        with pytest.raises(telegram.error.BadRequest, match=r"(?i)thread not found"):
            await bot.send_message(forum.id, "x", message_thread_id=999)

        update = emu.inject_text(
            owner, "agent here", chat=forum, thread_id=topic.message_thread_id
        )
        message = telegram.Update.de_json(update, bot).message
        assert message is not None and message.is_topic_message and message.chat.is_forum
        root = message.reply_to_message
        assert root and root.forum_topic_created and root.forum_topic_created.name == "Claim #42"

        admins = await bot.get_chat_administrators(forum.id)
        assert {a.status for a in admins} == {"creator", "administrator"}
        bot_member = await bot.get_chat_member(forum.id, emu.bot_id)
        assert isinstance(bot_member, telegram.ChatMemberAdministrator)
        assert bot_member.can_manage_topics
        await bot.delete_forum_topic(forum.id, topic.message_thread_id)
        assert topic.message_thread_id not in forum.topics


async def test_objects_deserialize_in_both_frameworks(emu: BotApiEmulator) -> None:
    parent = emu.make_user("Ana", language_code="es", username="ana_p")
    chat = emu.make_private_chat(parent)
    forum = emu.make_forum_group("Desk", owner=emu.make_user("Owner"), members=[parent])
    topic = emu.make_topic(forum, "Claims")
    sent = (await raw_call(emu, "sendMessage", chat_id=chat.id, text="hi"))[1]["result"]
    hello = emu.inject_text(parent, "hello")
    sticker = emu.inject_sticker(parent)
    updates = [
        sticker,
        hello,
        emu.inject_command(parent, "start", payload="x", chat=forum, mention_bot=True),
        emu.inject_text(parent, "in topic", chat=forum, thread_id=topic.thread_id),
        emu.inject_callback(parent, sent["message_id"], "cb"),
        emu.inject_photo(parent, caption="receipt", sizes=5),
        emu.inject_document(parent, "a.pdf", "application/pdf", 1000, caption="doc"),
        *emu.inject_album(parent, ["photo", {"type": "photo", "caption": "two"}]),
        emu.inject_voice(parent, duration=4),
        emu.inject_edited_text(parent, hello["message"]["message_id"], "hello (edited)"),
    ]
    async with ptb_bot(emu) as ptb, aiogram_bot(emu) as aio:
        for update in updates:
            assert telegram.Update.de_json(update, ptb).update_id == update["update_id"]
            assert aio_types.Update.model_validate(update).update_id == update["update_id"]
        assert len({u["update_id"] for u in updates}) == len(updates)
        assert hello["message"]["text"] == "hello"  # the edit did not rewrite history

        # method results through both frameworks (they raise on a shape they cannot read)
        assert (await ptb.get_me()).username == (await aio.get_me()).username
        assert (await ptb.get_chat(forum.id)).is_forum and (await aio.get_chat(forum.id)).is_forum
        assert (await ptb.get_chat(chat.id)).first_name == "Ana"
        for member_id in (parent.id, emu.bot_id):
            await ptb.get_chat_member(forum.id, member_id)
            await aio.get_chat_member(forum.id, member_id)
        await aio.get_chat_administrators(forum.id)
        await aio.get_webhook_info()
        await aio.create_forum_topic(forum.id, "From aiogram")
        await aio.send_sticker(chat.id, sticker["message"]["sticker"]["file_id"])
        await ptb.send_document(chat.id, b"abc", filename="x.txt", caption="file")
        photo = await ptb.send_photo(
            chat.id, make_png(300, 200), caption="<b>p</b>", parse_mode="HTML"
        )
        assert (photo.photo[-1].width, photo.photo[-1].height) == (300, 200)
        png = aio_types.BufferedInputFile(make_png(30, 20), "p.png")
        resent = await aio.send_photo(forum.id, png, message_thread_id=topic.thread_id)
        assert resent.is_topic_message and resent.photo and resent.photo[-1].width == 30
        again = await aio.send_photo(chat.id, resent.photo[-1].file_id)  # by file_id
        assert again.photo and again.photo[-1].file_id == resent.photo[-1].file_id
        doc = await aio.send_document(chat.id, aio_types.BufferedInputFile(b"abc", "y.csv"))
        assert doc.document and doc.document.file_name == "y.csv"
        copied = await ptb.copy_message(chat.id, chat.id, sent["message_id"])
        forwarded = await aio.forward_message(forum.id, chat.id, copied.message_id)
        assert forwarded.forward_origin is not None
        await ptb.send_chat_action(chat.id, "typing")
        await aio.delete_message(chat.id, copied.message_id)
        with pytest.raises(TelegramBadRequest, match="message to delete not found"):
            await aio.delete_message(chat.id, copied.message_id)
        await ptb.set_chat_menu_button(chat.id, telegram.MenuButtonCommands())

        # commands per scope and language
        await aio.set_my_commands([aio_types.BotCommand(command="start", description="Start")])
        await ptb.set_my_commands([("aide", "Aide")], language_code="fr")
        scope = telegram.BotCommandScopeChat(forum.id)
        await ptb.set_my_commands([("claims", "Claims")], scope=scope)
        assert [c.command for c in await ptb.get_my_commands()] == ["start"]
        assert [c.command for c in await aio.get_my_commands(language_code="fr")] == ["aide"]
        assert [c.command for c in await ptb.get_my_commands(scope=scope)] == ["claims"]
        await ptb.delete_my_commands(language_code="fr")
        assert await aio.get_my_commands(language_code="fr") == []


async def test_wait_helpers_and_edits(emu: BotApiEmulator) -> None:
    chat = emu.make_private_chat(emu.make_user())
    mark = emu.mark()
    waiter = asyncio.create_task(
        emu.wait_for_call("sendMessage", lambda c: c.params["text"] == "second", since=mark)
    )
    await raw_call(emu, "sendMessage", chat_id=chat.id, text="first")
    _, body = await raw_call(emu, "sendMessage", chat_id=chat.id, text="second")
    call: ApiCall = await waiter
    assert call.result == body["result"]
    with pytest.raises(TimeoutError, match="no matching sendMessage"):
        await emu.wait_for_call("sendMessage", lambda c: False, timeout=0.05)

    message_id = body["result"]["message_id"]
    status, body = await raw_call(
        emu, "editMessageText", chat_id=chat.id, message_id=message_id, text="second"
    )
    assert status == 400 and "message is not modified" in body["description"]
    status, body = await raw_call(
        emu,
        "editMessageReplyMarkup",
        chat_id=chat.id,
        message_id=message_id,
        reply_markup={"inline_keyboard": [[{"text": "x", "callback_data": "y" * 65}]]},
    )
    assert (status, body["description"]) == (400, "Bad Request: BUTTON_DATA_INVALID")
    emu.block_bot(chat.user)  # type: ignore[arg-type]
    status, body = await raw_call(emu, "sendMessage", chat_id=chat.id, text="still there?")
    assert (status, body["description"]) == (403, "Forbidden: bot was blocked by the user")
    stranger = emu.make_user()
    status, body = await raw_call(emu, "sendMessage", chat_id=stranger.id, text="hi")
    assert body["description"] == "Forbidden: bot can't initiate conversation with a user"
    status, body = await raw_call(emu, "sendMessage", chat_id=42, text="hi")
    assert body["description"] == "Bad Request: chat not found"
