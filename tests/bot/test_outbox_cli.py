"""Outbox rows that cannot be sent end as failed after bounded attempts, visible (log line,
metric, ``refund-desk outbox``), never "sending" or "pending" forever; the operator lists
them and queues them again."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import select

from bot.cli import main
from bot.metrics import REGISTRY
from bot.telegram.delivery import Delivery
from bot.telegram.errors import Transient
from storage.models import OutboxMessage
from storage.repositories import outbox
from tests.bot.cli_database import migrated_config, on_database, output_of
from tests.bot.pipeline import build_delivery, outbox_rows


class BrokenTransport:
    """Raises ``error`` for every call; counts the calls."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.calls = 0

    async def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        self.calls += 1
        raise self.error


def _delivery(transport, database, clock, **kw: Any) -> Delivery:
    return build_delivery(transport, database, clock, base_backoff=0.01, **kw)


async def _queue(database, clock, text: str = "hello", chat_id: int = 7) -> list[OutboxMessage]:
    params = {"chat_id": chat_id, "text": text, "parse_mode": "HTML"}
    async with database.unit_of_work() as session:
        return await outbox.add_calls(
            session=session,
            calls=[(chat_id, "sendMessage", params)],
            now=clock.now(),
            lease=timedelta(seconds=30),
        )


def _failed_count(method: str) -> float:
    return REGISTRY.get_sample_value("refund_desk_outbox_failed_total", {"method": method}) or 0


async def test_an_unknown_error_ends_failed_after_bounded_attempts(database, clock, caplog):
    transport = BrokenTransport(RuntimeError("the framework choked on its answer"))
    (row,) = await _queue(database, clock)
    delivery = _delivery(transport, database, clock)
    before = _failed_count("sendMessage")
    await delivery.deliver([row])  # an unknown error no longer escapes
    for _ in range(10):
        (stored,) = await outbox_rows(database)
        if stored.status == "failed":
            break
        assert stored.status == "pending"  # waiting for a retry, not "sending" forever
        clock.advance(minutes=5)
        await delivery.sweep()
    await delivery.close()
    (stored,) = await outbox_rows(database)
    assert stored.status == "failed"
    assert transport.calls == stored.attempts == 3
    assert stored.last_error == "unexpected RuntimeError"
    assert _failed_count("sendMessage") == before + 1
    line = f"outbox {stored.id}: sendMessage to chat 7"
    assert any(r.levelno == logging.ERROR and line in r.getMessage() for r in caplog.records)


async def test_a_row_that_keeps_waiting_ends_failed_after_a_day(database, clock):
    transport = BrokenTransport(Transient("Bad Gateway"))
    (row,) = await _queue(database, clock)
    delivery = _delivery(transport, database, clock, attempts=2)
    await delivery.deliver([row])
    assert [r.status for r in await outbox_rows(database)] == ["pending"]
    clock.advance(hours=23)
    await delivery.sweep()
    assert [r.status for r in await outbox_rows(database)] == ["pending"]  # Telegram may come back
    clock.advance(hours=2)
    await delivery.sweep()
    await delivery.close()
    (stored,) = await outbox_rows(database)
    assert stored.status == "failed" and "Bad Gateway" in (stored.last_error or "")


async def test_a_row_that_keeps_failing_ends_failed_after_bounded_attempts(database, clock):
    transport = BrokenTransport(Transient("Bad Gateway"))
    (row,) = await _queue(database, clock)
    delivery = _delivery(transport, database, clock, attempts=2, give_up_attempts=4)
    await delivery.deliver([row])
    clock.advance(minutes=30)
    await delivery.sweep()
    await delivery.close()
    (stored,) = await outbox_rows(database)
    assert stored.status == "failed" and stored.attempts == 4


# -- refund-desk outbox --------------------------------------------------------------------------


def _row(chat_id: int, method: str, status: str, when: datetime, **fields: Any) -> OutboxMessage:
    """A row of ``chat_id``'s call ``method``, empty and due ``when`` unless ``fields`` say."""
    due: dict[str, Any] = {"payload": {}, "not_before": when, "created_at": when}
    return OutboxMessage(chat_id=chat_id, method=method, status=status, **(due | fields))


def _seed(tmp_path: Path) -> dict[str, int]:
    """A failed row, an emptied failed row (retention ran), a sent row and a pending one."""

    async def seed(session) -> dict[str, OutboxMessage]:
        when = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)
        rows = {
            "failed": _row(
                -100777,
                "sendMessage",
                "failed",
                when,
                payload={"chat_id": -100777, "text": "my son spent 648 yuan"},
                attempts=3,
                last_error="unexpected RuntimeError",
            ),
            "emptied": _row(
                8,
                "sendPhoto",
                "failed",
                when,
                attempts=1,
                created_at=when - timedelta(days=3),
                last_error="Bad Request: wrong file identifier",
            ),
            "sent": _row(9, "sendMessage", "sent", when),
            "pending": _row(
                9, "sendMessage", "pending", when, not_before=when + timedelta(days=9)
            ),
        }
        session.add_all(rows.values())
        return rows

    rows = on_database(tmp_path, seed)
    return {name: row.id or 0 for name, row in rows.items()}


def _statuses(tmp_path: Path) -> dict[int, tuple[str, int]]:
    async def read(session) -> dict[int, tuple[str, int]]:
        rows = (await session.exec(select(OutboxMessage))).all()
        return {r.id or 0: (r.status, r.attempts) for r in rows}

    return on_database(tmp_path, read)


def test_outbox_lists_failed_rows_without_their_text(tmp_path, capsys):
    config = migrated_config(tmp_path)
    ids = _seed(tmp_path)
    out = output_of(capsys, config, "outbox")
    assert "my son" not in out and "648" not in out  # never what the message says
    lines = out.splitlines()
    failed = next(line for line in lines if line.split()[0] == str(ids["failed"]))
    assert "sendMessage" in failed and "-100777" in failed and "unexpected RuntimeError" in failed
    assert "2026-11-20" in failed
    emptied = next(line for line in lines if line.split()[0] == str(ids["emptied"]))
    assert "wrong file identifier" in emptied
    assert not any(line.split()[0] in (str(ids["sent"]), str(ids["pending"])) for line in lines)
    assert output_of(capsys, config, "outbox", "list") == out


def test_outbox_retry_queues_failed_rows_again(tmp_path, capsys):
    config = migrated_config(tmp_path)
    ids = _seed(tmp_path)
    assert "1" in output_of(capsys, config, "outbox", "retry", str(ids["failed"]))
    assert _statuses(tmp_path)[ids["failed"]] == ("pending", 0)  # the bot's sweeper sends it
    # The row emptied by the retention job has nothing left to send: it says so.
    assert main(["--config", str(config), "outbox", "retry", str(ids["emptied"])]) == 1
    assert str(ids["emptied"]) in capsys.readouterr().err
    assert _statuses(tmp_path)[ids["emptied"]] == ("failed", 1)
    # Not a failed row, or no such row: refused by id.
    assert main(["--config", str(config), "outbox", "retry", str(ids["sent"]), "999"]) == 1
    assert "999" in capsys.readouterr().err
    assert _statuses(tmp_path)[ids["sent"]][0] == "sent"


def test_outbox_retry_all(tmp_path, capsys):
    config = migrated_config(tmp_path)
    ids = _seed(tmp_path)
    assert main(["--config", str(config), "outbox", "retry", "--all"]) == 0
    statuses = _statuses(tmp_path)
    assert statuses[ids["failed"]] == ("pending", 0)
    assert statuses[ids["emptied"]][0] == "failed"  # nothing to resend
    assert statuses[ids["sent"]][0] == "sent" and statuses[ids["pending"]][0] == "pending"
    capsys.readouterr()
    assert main(["--config", str(config), "outbox", "retry"]) == 2  # ids or --all
