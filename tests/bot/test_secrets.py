"""Secrets stay secret: the bot token that frameworks quote in their errors (the request URL is
``.../bot<TOKEN>/sendMessage``) reaches neither a log line, traceback included, nor the
database."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from bot.logs import configure_logging
from bot.telegram.delivery import Delivery
from bot.telegram.errors import Permanent, Transient
from bot.telegram.pacing import Pacer
from storage.repositories import outbox

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
URL = f"http://127.0.0.1:1/bot{TOKEN}/sendMessage"


@pytest.fixture
def logged() -> Iterator[Any]:
    """The bot's own log set-up (configure_logging), its handler writing to a buffer."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    configure_logging("INFO")
    (handler,) = root.handlers
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    handler.setStream(buffer)
    yield buffer.getvalue
    root.handlers[:] = handlers
    root.setLevel(level)


class LeakyTransport:
    """Fails each chat's calls with an error quoting the request URL, as aiogram's
    ``TelegramNetworkError`` and ``ClientDecodeError`` do."""

    def __init__(self) -> None:
        self.errors: dict[int, Exception] = {
            1: Transient(f"HTTP Client says - ClientConnectorError: {URL}"),
            2: Permanent(f"Bad Request: chat not found ({URL})"),
            3: ValueError(f"ClientDecodeError: failed to decode object from {URL}"),
        }

    async def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        raise self.errors[params["chat_id"]]


async def _every_stored_text(database) -> str:
    found: list[str] = []
    async with database.engine.connect() as connection:
        for table in ("outbox", "inbox_updates", "follow_ups"):
            result = await connection.execute(text(f"SELECT * FROM {table}"))
            found += [repr(tuple(row)) for row in result]
    return "\n".join(found)


async def test_a_token_quoted_by_an_error_reaches_neither_logs_nor_database(
    database, clock, logged
):
    rows = []
    async with database.unit_of_work() as session:
        for chat_id in (1, 2, 3):
            params = {"chat_id": chat_id, "text": "hi"}
            rows += await outbox.add_calls(
                session=session,
                calls=[(chat_id, "sendMessage", params)],
                now=clock.now(),
                lease=timedelta(seconds=30),
            )
    delivery = Delivery(
        transport=LeakyTransport(),
        database=database,
        clock=clock,
        pacer=Pacer(),
        lease=timedelta(seconds=30),
        attempts=2,
        base_backoff=0.01,
    )
    await delivery.deliver(rows)
    for _ in range(3):  # the unknown error, retried until given up
        clock.advance(minutes=10)
        await delivery.sweep()
    await delivery.close()

    output = logged()
    assert TOKEN not in output
    assert "Traceback" in output and "ClientDecodeError" in output  # it was logged, masked
    assert "bot<token>/sendMessage" in output
    stored = await _every_stored_text(database)
    assert TOKEN not in stored
    assert "bot<token>/sendMessage" in stored  # the error kept, the token masked


def test_a_traceback_and_a_stack_are_masked(logged):
    log = logging.getLogger("aiogram.dispatcher")
    try:
        raise RuntimeError(f"Request to {URL} failed")
    except RuntimeError:
        log.exception("Failed to fetch updates")
    log.error(
        "stack", stack_info=True
    )  # POST http://x/bot123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef/
    try:
        raise ConnectionError("reset")
    except ConnectionError as exc:
        log.warning("retrying", exc_info=exc)
    output = logged()
    assert "Failed to fetch updates" in output and "Traceback" in output
    assert TOKEN not in output and "bot<token>/sendMessage" in output


def test_mask_secrets():
    from bot.logs import mask_secrets

    assert mask_secrets(f"GET {URL}") == "GET http://127.0.0.1:1/bot<token>/sendMessage"
    quoted = URL.replace(":A", "%3AA")
    assert TOKEN not in mask_secrets(quoted) and "ABCDEFGHIJ" not in mask_secrets(quoted)
    assert (
        mask_secrets("postgresql://desk:s3cret@db/refunds") == "postgresql://desk:***@db/refunds"
    )
    assert mask_secrets("case K7QM4: 648.00 CNY at 12:30") == "case K7QM4: 648.00 CNY at 12:30"
