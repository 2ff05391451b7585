"""The ``refund-desk`` command: ``console``, ``run``, ``db upgrade``, ``check-config``,
``outbox`` (failed Bot API calls: list, retry), ``updates`` (updates set aside: list, retry)."""

from __future__ import annotations

import argparse
import asyncio
import functools
import gc
import locale
import os
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.app import build_app
from bot.config import ConfigError, Settings, load_settings
from bot.console import ConsoleTransport, console_app
from bot.files.store import StoreProblem
from bot.logs import configure_logging
from bot.operator_table import Wording, print_table
from bot.orders import cli as orders_cli
from bot.reports import cli as reports_cli
from bot.telegram.desk_check import DeskProblem

if TYPE_CHECKING:
    from storage.repositories.outbox import FailedCall


def _global_options(*, default: object) -> argparse.ArgumentParser:
    """The options every command takes, before or after its name (`refund-desk run --config
    FILE` as well as `refund-desk --config FILE run`)."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--config",
        type=Path,
        default=default,
        help="TOML settings file (default: config.toml)",
    )
    return options


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="refund-desk", description="Refund Desk bot", parents=[_global_options(default=None)]
    )
    # A subcommand's copy must not overwrite a value given before the subcommand's name with
    # its own default: SUPPRESS leaves the attribute alone unless the option is given there.
    after = _global_options(default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True)
    add = functools.partial(commands.add_parser, parents=[after])
    console = add("console", help="talk to the bot in this terminal")
    console.add_argument(
        "--language-code",
        help="the client language to pretend (e.g. fr, zh-TW); default: from $LANG",
    )
    add("run", help="run the bot on Telegram (needs telegram.token)")
    db = add("db", help="database maintenance")
    db.add_argument("action", choices=["upgrade"])
    add("check-config", help="validate the settings and exit")
    _list_and_retry(
        add(
            "outbox",
            help="list the Bot API calls that failed for good; queue them again",
            description="Without an action: list. `retry ID...` or `retry --all` queues failed "
            "calls again; the running bot sends them at its next outbox sweep.",
        ),
        ids="calls to retry",
        every="retry every failed call",
    )
    _list_and_retry(
        add(
            "updates",
            help="list the updates set aside (unreadable, or failing); hand them back",
            description="Without an action: list. `retry ID...` or `retry --all` hands set-aside "
            "updates to the bot again, their attempts reset.",
        ),
        ids="updates to retry",
        every="retry every update set aside",
    )
    reports_cli.register(add)
    orders_cli.register(add)
    return parser


def _list_and_retry(command: argparse.ArgumentParser, *, ids: str, every: str) -> None:
    """A command that lists rows kept for the operator, or (``retry ID...``, ``retry --all``)
    has them taken again."""
    command.add_argument("action", nargs="?", choices=["list", "retry"], default="list")
    command.add_argument("ids", nargs="*", type=int, metavar="ID", help=ids)
    command.add_argument("--all", action="store_true", help=every)


def _terminal_language() -> str | None:
    value = os.environ.get("LC_ALL") or os.environ.get("LANG") or locale.getlocale()[0]
    if not value or value in ("C", "POSIX") or value.startswith("C."):
        return None
    return value.split(".")[0].replace("_", "-")


async def _console(settings: Settings, language_code: str | None) -> None:
    app = console_app(settings)
    await app.start()
    try:
        await ConsoleTransport(app, language_code=language_code or _terminal_language()).run()
    finally:
        await app.stop()


async def _run(settings: Settings) -> None:
    from bot.telegram.runner import TelegramRunner, install_signal_handlers
    from bot.transports import make_transport

    app = build_app(settings)
    await app.start()
    stop = asyncio.Event()
    install_signal_handlers(stop)
    try:
        # Building it may stop start-up too (the bucket's client missing: StoreProblem).
        runner = TelegramRunner(app, make_transport(settings))
        freezing = asyncio.create_task(_freeze_once_started(runner.started))
        try:
            await runner.run(stop)
        finally:
            freezing.cancel()
    finally:
        await app.stop()


async def _freeze_once_started(started: asyncio.Event) -> None:
    """Start-up leaves ~300,000 long-lived objects (SQLAlchemy, Alembic, the framework's
    models, Fluent...) that every full collection would scan again, a 0.1-0.3 s pause each
    time: move them out of the collector's sight once, before the first update is taken."""
    await started.wait()
    gc.collect()
    gc.freeze()


async def _db_upgrade(settings: Settings) -> None:
    app = build_app(settings)
    try:
        await app.database.upgrade()
    finally:
        await app.stop()
    print(f"database is up to date: {app.database.engine.url.render_as_string()}")


#: ``refund-desk outbox``'s words.
FAILED_CALLS = Wording(
    header=f"{'id':>8}  {'created (UTC)':16}  {'method':20}  {'chat':>15}  {'tries':>5}  error",
    nothing="no failed outbox calls",
    then="`refund-desk outbox retry ID...` or `retry --all` queues them again.",
)


async def _outbox_list(settings: Settings) -> int:
    from storage.repositories import outbox

    return await print_table(settings.storage.url, outbox.failed, _failed_call, FAILED_CALLS)


def _failed_call(row: FailedCall) -> str:
    created = row.created_at.strftime("%Y-%m-%d %H:%M")
    error = (row.error or "-").replace("\n", " ")
    if not row.resendable:
        error += "  [emptied by retention: cannot be resent]"
    return (
        f"{row.id:>8}  {created:16}  {row.method:20}  {row.chat_id:>15}  "
        f"{row.attempts:>5}  {error}"
    )


async def _outbox_retry(settings: Settings, ids: list[int], every: bool) -> int:
    from handlers.clock import SystemClock
    from storage.database import one_transaction
    from storage.models import OutboxMessage, OutboxStatus
    from storage.repositories import outbox

    problems: list[str] = []
    async with one_transaction(settings.storage.url) as session:
        queued = await outbox.retry_failed(
            session=session, now=SystemClock().now(), ids=None if every else ids
        )
        for row_id in sorted(set(ids) - set(queued)):
            row = await session.get(OutboxMessage, row_id)
            if row is None:
                problems.append(f"{row_id}: no such call")
            elif row.status != OutboxStatus.FAILED:
                problems.append(f"{row_id}: {row.status}, not failed")
            else:
                problems.append(
                    f"{row_id}: emptied by the retention job a day after it failed; "
                    "nothing left to resend"
                )
        left = len(await outbox.failed(session=session)) if every else 0
    listed = ", ".join(str(i) for i in queued) or "none"
    print(f"{len(queued)} call(s) queued again ({listed}); the running bot sends them shortly")
    if left:
        print(f"{left} failed call(s) emptied by the retention job cannot be resent")
    for problem in problems:
        print(f"refund-desk: not queued again: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _kept_rows(
    settings: Settings,
    args: argparse.Namespace,
    *,
    rows: str,
    listing: Callable[[Settings], Coroutine[Any, Any, int]],
    retry: Callable[[Settings, list[int], bool], Coroutine[Any, Any, int]],
) -> int:
    """The rows kept for the operator (``outbox``, ``updates``): listed, or taken again by
    id or ``--all``; the same mistakes refused the same way for both."""
    if args.action == "list":
        if args.ids or args.all:
            print(f"refund-desk: `{args.command} list` takes no ids", file=sys.stderr)
            return 2
        return asyncio.run(listing(settings))
    if bool(args.ids) == bool(args.all):
        print(f"refund-desk: `{args.command} retry` needs {rows} ids, or --all", file=sys.stderr)
        return 2
    return asyncio.run(retry(settings, args.ids, args.all))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"refund-desk: config error: {exc}", file=sys.stderr)
        return 2
    configure_logging(
        settings.logging.level,
        console=args.command == "console",
        json_format=settings.logging.format == "json",
    )
    try:
        if args.command == "console":
            asyncio.run(_console(settings, args.language_code))
        elif args.command == "run":
            problem = settings.telegram.run_problem()
            if problem:
                print(f"refund-desk: {problem}", file=sys.stderr)
                return 2
            try:
                asyncio.run(_run(settings))
            except (DeskProblem, StoreProblem) as exc:
                print(f"refund-desk: {exc}", file=sys.stderr)
                return 2
        elif args.command == "db":
            asyncio.run(_db_upgrade(settings))
        elif args.command == "check-config":
            print("configuration is valid")
        elif args.command == "outbox":
            return _kept_rows(
                settings, args, rows="call", listing=_outbox_list, retry=_outbox_retry
            )
        elif args.command == "updates":
            from bot import set_aside

            listing, retry = set_aside.list_set_aside, set_aside.retry_set_aside
            return _kept_rows(settings, args, rows="update row", listing=listing, retry=retry)
        elif args.command in ("report", "export", "dashboard"):
            return reports_cli.run(settings, args)
        elif args.command == "orders":
            return orders_cli.run(settings, args)
    except KeyboardInterrupt:
        print("\n(stopped — your answers are saved; run the same command to continue)")
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
