"""A bare echo bot — the floor a framework sets — for ``bench/intake_throughput.py``.

    python bench/echo_bot.py --framework {python-telegram-bot,aiogram} --base-url URL
        --token TOKEN [--mode polling|webhook] [--webhook-port N] [--secret S] [--paced]

Text messages are echoed (``sendMessage`` to the same chat); a button press is answered
(``answerCallbackQuery``) and followed by a ``sendMessage``. No database, no rendering, no
outbox: the same Bot API traffic per update as the intake bot, and nothing else.

* python-telegram-bot: ``Application`` (``concurrent_updates(True)``, so chats are handled
  concurrently as in aiogram and in the intake bot) with a ``MessageHandler`` and a
  ``CallbackQueryHandler``; polling with ``Updater.start_polling``; webhook through a small
  aiohttp receiver that feeds ``Application.update_queue`` (PTB's own webhook server needs
  tornado, which is not installed).
* aiogram: ``Dispatcher`` with a message handler and a callback-query handler; polling with
  ``start_polling``; webhook with aiogram's ``SimpleRequestHandler``.

``--paced``: every ``sendMessage`` first waits for the intake bot's own ``Pacer``
(bot/telegram/pacing.py: 30 a second overall, 20 a minute per group), as Telegram's limits
require of any real bot; callback answers are not paced, as in the intake bot. The comparison
"under the same rules" (an extra row of the benchmark, not its headline).

Runs until SIGTERM/SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

REPO = Path(__file__).resolve().parent.parent

WEBHOOK_PATH = "/echo/hook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class _NoPacer:
    async def acquire(self, chat_id: int) -> None:
        return None


def _pacer(args: argparse.Namespace) -> _NoPacer:
    """The intake bot's Pacer with --paced, else one that never waits."""
    if not args.paced:
        return _NoPacer()
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from bot.telegram.pacing import Pacer

    return Pacer()  # type: ignore[return-value]


def _stop_event() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def _serve(handler: Callable[[web.Request], Awaitable[web.StreamResponse]] | web.Application,
                 port: int) -> web.AppRunner:  # fmt: skip
    if isinstance(handler, web.Application):
        app = handler
    else:
        app = web.Application()
        app.router.add_post(WEBHOOK_PATH, handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


async def run_ptb(args: argparse.Namespace) -> None:
    from telegram import Update
    from telegram.ext import (
        ApplicationBuilder,
        CallbackQueryHandler,
        ContextTypes,
        MessageHandler,
        filters,
    )

    pacer = _pacer(args)

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat and update.effective_message
        await pacer.acquire(update.effective_chat.id)
        await context.bot.send_message(update.effective_chat.id, update.effective_message.text)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query and update.effective_chat
        await query.answer()
        await pacer.acquire(update.effective_chat.id)
        await context.bot.send_message(update.effective_chat.id, f"pressed {query.data}")

    app = (
        ApplicationBuilder()
        .token(args.token)
        .base_url(f"{args.base_url}/bot")
        .base_file_url(f"{args.base_url}/file/bot")
        .concurrent_updates(True)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(CallbackQueryHandler(pressed))
    stop = _stop_event()
    async with app:
        await app.start()
        runner = None
        if args.mode == "polling":
            assert app.updater is not None
            await app.bot.delete_webhook(drop_pending_updates=True)
            await app.updater.start_polling(poll_interval=0, timeout=args.poll_timeout)
        else:

            async def receive(request: web.Request) -> web.Response:
                if request.headers.get(SECRET_HEADER, "") != args.secret:
                    return web.Response(status=401)
                await app.update_queue.put(Update.de_json(await request.json(), app.bot))
                return web.Response(text="ok")

            runner = await _serve(receive, args.webhook_port)
            await app.bot.set_webhook(
                f"http://127.0.0.1:{args.webhook_port}{WEBHOOK_PATH}",
                secret_token=args.secret, drop_pending_updates=True,
            )  # fmt: skip
        await stop.wait()
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if runner is not None:
            await runner.cleanup()
        await app.stop()


async def run_aiogram(args: argparse.Namespace) -> None:
    from aiogram import Bot, Dispatcher, F, Router
    from aiogram import types as aio
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application

    router = Router()
    pacer = _pacer(args)

    @router.message(F.text)
    async def echo(message: aio.Message) -> None:
        await pacer.acquire(message.chat.id)
        await message.answer(message.text or "")

    @router.callback_query()
    async def pressed(query: aio.CallbackQuery) -> None:
        await query.answer()
        assert query.message is not None
        await pacer.acquire(query.message.chat.id)
        await query.bot.send_message(query.message.chat.id, f"pressed {query.data}")  # type: ignore[union-attr]

    session = AiohttpSession(api=TelegramAPIServer.from_base(args.base_url))
    bot = Bot(args.token, session=session)
    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    stop = _stop_event()
    if args.mode == "polling":
        await bot.delete_webhook(drop_pending_updates=True)
        task = asyncio.create_task(
            dispatcher.start_polling(bot, handle_signals=False, polling_timeout=args.poll_timeout)
        )
        await stop.wait()
        with contextlib.suppress(RuntimeError):
            await dispatcher.stop_polling()
        await task  # closes the bot session
        return
    app = web.Application()
    SimpleRequestHandler(dispatcher, bot, secret_token=args.secret).register(app, WEBHOOK_PATH)
    setup_application(app, dispatcher, bot=bot)
    runner = await _serve(app, args.webhook_port)
    await bot.set_webhook(
        f"http://127.0.0.1:{args.webhook_port}{WEBHOOK_PATH}",
        secret_token=args.secret, drop_pending_updates=True,
        allowed_updates=dispatcher.resolve_used_update_types(),
    )  # fmt: skip
    await stop.wait()
    await runner.cleanup()  # runs aiogram's shutdown hooks, which close the session


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--framework", choices=["python-telegram-bot", "aiogram"], required=True)
    parser.add_argument("--base-url", required=True, help="e.g. http://127.0.0.1:PORT")
    parser.add_argument("--token", required=True)
    parser.add_argument("--mode", choices=["polling", "webhook"], default="polling")
    parser.add_argument("--poll-timeout", type=int, default=1)
    parser.add_argument("--webhook-port", type=int, default=0)
    parser.add_argument("--secret", default="echo-secret")
    parser.add_argument(
        "--paced", action="store_true", help="send within Telegram's limits (the bot's Pacer)"
    )
    args = parser.parse_args()
    if not args.base_url.startswith(("http://127.0.0.1", "http://localhost")):
        parser.error("loopback only")
    runner = run_ptb if args.framework == "python-telegram-bot" else run_aiogram
    asyncio.run(runner(args))


if __name__ == "__main__":
    main()
