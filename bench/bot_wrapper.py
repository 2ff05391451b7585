"""``python -m bot.cli`` with benchmark-only switches, for diagnosis — never for production.

    python bench/bot_wrapper.py [--unpaced] [--cprofile OUT.prof] -- --config FILE run

* ``--unpaced``: ``bot.telegram.pacing.Pacer.acquire`` becomes a no-op, so the bot sends as
  fast as it can instead of keeping under Telegram's ~30 messages/s. Shows what the process
  could do without that (deliberate) limit.
* ``--cprofile OUT``: cProfile around the whole run, written on SIGTERM (graceful stop).
* ``--pool-size N``: the SQLAlchemy pool holds exactly N connections (no overflow), so
  transactions queue for a connection in the event loop instead of SQLite's busy handler.
* ``--gc-freeze``: ``gc.collect(); gc.freeze()`` once the bot has started (after migrations,
  getMe, setMyCommands): the ~260,000 long-lived objects of start-up (SQLAlchemy, Alembic,
  pydantic/aiogram or PTB, Fluent...) leave the collector's view, so a full collection only
  scans what the bot allocates afterwards.
* ``--gc-log OUT``: duration of every garbage collection (generation, ms), JSON on exit.
* ``--pin-aiogram-responses``: keep a strong reference to aiogram's ``Response[T]`` models
  for the methods the bot calls. pydantic caches parametrized generics in a
  WeakValueDictionary; aiogram's ``check_response`` builds ``Response[T]`` inside a function,
  so after each cyclic GC the class is rebuilt (schema and validator included).
* ``--count-sql OUT``: count the SQL statements, commits and new DB connections of the whole
  run (SQLAlchemy engine/pool events), written as JSON on exit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--unpaced", action="store_true")
    parser.add_argument("--cprofile", type=Path)
    parser.add_argument("--count-sql", type=Path)
    parser.add_argument("--pool-size", type=int)
    parser.add_argument("--gc-log", type=Path)
    parser.add_argument("--gc-freeze", action="store_true")
    parser.add_argument("--pin-aiogram-responses", action="store_true")
    parser.add_argument("cli", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    cli_args = [a for a in args.cli if a != "--"] if args.cli[:1] == ["--"] else args.cli

    if args.unpaced:
        from bot.telegram import pacing

        async def acquire(self: pacing.Pacer, chat_id: int) -> None:
            return None

        pacing.Pacer.acquire = acquire  # type: ignore[method-assign]

    if args.count_sql is not None:
        _count_sql(args.count_sql)
    if args.pool_size is not None:
        _fixed_pool(args.pool_size)
    if args.gc_log is not None:
        _gc_log(args.gc_log)
    if args.pin_aiogram_responses:
        _pin_aiogram_responses()

    from bot.cli import main as cli_main

    if args.gc_freeze:
        _freeze()

    if args.cprofile is None:
        return cli_main(cli_args)
    import cProfile

    profiler = cProfile.Profile()
    try:
        return profiler.runcall(cli_main, cli_args)
    finally:
        profiler.dump_stats(str(args.cprofile))


_PINNED: list[object] = []


def _pin_aiogram_responses() -> None:
    from aiogram import methods
    from aiogram.methods.base import Response

    for name in ("GetUpdates", "SendMessage", "AnswerCallbackQuery", "EditMessageText",
                 "SendMediaGroup", "SendPhoto", "SendDocument", "CreateForumTopic", "GetMe",
                 "SetWebhook", "DeleteWebhook", "SetMyCommands"):  # fmt: skip
        _PINNED.append(Response[getattr(methods, name).__returning__])


def _freeze() -> None:
    """gc.collect() + gc.freeze() once the bot is connected and set up (right after
    TelegramRunner._set_commands, before it takes updates)."""
    import gc

    from bot.telegram.runner import TelegramRunner

    set_commands = TelegramRunner._set_commands

    async def set_commands_then_freeze(self: TelegramRunner) -> None:
        await set_commands(self)
        gc.collect()
        gc.freeze()

    TelegramRunner._set_commands = set_commands_then_freeze  # type: ignore[method-assign]


def _gc_log(out: Path) -> None:
    import atexit
    import gc
    import json
    import time

    # (monotonic time, generation, ms, objects collected, objects left in generation 2)
    pauses: list[tuple[float, int, float, int, int]] = []
    started: list[float] = [0.0]

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
            return
        ms = (time.perf_counter() - started[0]) * 1000
        gen = info["generation"]
        left = len(gc.get_objects(generation=2)) if gen == 2 else 0
        pauses.append((time.monotonic(), gen, ms, info["collected"], left))

    gc.callbacks.append(callback)
    atexit.register(lambda: out.write_text(json.dumps(pauses)))


def _fixed_pool(size: int) -> None:
    from typing import Any

    from storage import database

    create = database.create_async_engine

    def create_engine(url: str, **kwargs: Any) -> Any:
        if url.startswith("sqlite"):
            kwargs.update(pool_size=size, max_overflow=0, pool_timeout=60)
        return create(url, **kwargs)

    database.create_async_engine = create_engine  # type: ignore[assignment]


def _count_sql(out: Path) -> None:
    import atexit
    import itertools
    import json
    import re
    from collections import Counter

    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.pool import Pool

    counts: Counter[str] = Counter()

    def statement(*args: object) -> None:  # (conn, cursor, statement, parameters, ...)
        words = re.sub(r"\s+", " ", str(args[2]).strip()).split(" ")
        verb = words[0].upper()
        table = next(
            (after.strip('"') for word, after in itertools.pairwise(words)
             if word.upper() in ("FROM", "INTO", "UPDATE")),
            "?",
        )  # fmt: skip
        counts[f"{verb} {table}"] += 1
        counts["statements"] += 1

    event.listen(Engine, "before_cursor_execute", statement)
    event.listen(Engine, "commit", lambda conn: counts.update(["commits"]))
    event.listen(Engine, "rollback", lambda conn: counts.update(["rollbacks"]))
    event.listen(Pool, "connect", lambda dbapi, record: counts.update(["new connections"]))
    event.listen(Pool, "checkout", lambda dbapi, record, proxy: counts.update(["checkouts"]))
    atexit.register(lambda: out.write_text(json.dumps(dict(counts.most_common()), indent=1)))


if __name__ == "__main__":
    sys.exit(main())
