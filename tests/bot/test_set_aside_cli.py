"""The operator sees the updates the bot set aside — ids, times, chats and the reason, never
what people wrote — hands them back once the cause is fixed, and they are emptied after a week
like any raw traffic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from storage.repositories import erasure, inbox
from tests.bot.cli_database import migrated_config, on_database, output_of

WHEN = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)


def _update(update_id: int, text: str) -> dict:
    return {
        "update_id": update_id,
        "message": {"message_id": 1, "date": 0, "chat": {"id": 42}, "text": text},
    }


def _seed(tmp_path: Path) -> dict[str, int]:
    async def seed(session) -> dict[str, int]:
        rows = await inbox.store_updates(
            session=session,
            bot_id=1,
            updates=[_update(10, "my son spent 648 yuan"), _update(11, "hello")],
            now=WHEN,
        )
        await inbox.set_aside(
            session=session, ids=[rows[0].id or 0], now=WHEN, error="failed: KeyError"
        )
        return {"aside": rows[0].id or 0, "waiting": rows[1].id or 0}

    return on_database(tmp_path, seed)


def _unprocessed(tmp_path: Path) -> list[int]:
    async def read(session) -> list[int]:
        return [r.update_id for r in await inbox.unprocessed(session=session, bot_id=1)]

    return on_database(tmp_path, read)


def test_updates_lists_what_was_set_aside_without_its_content(tmp_path, capsys):
    config = migrated_config(tmp_path)
    ids = _seed(tmp_path)
    out = output_of(capsys, config, "updates")
    assert "failed: KeyError" in out and "2026-11-20 07:30" in out and " 42 " in out
    assert "648" not in out and "my son" not in out
    assert f"{ids['aside']:>8}" in out and f"{ids['waiting']:>8}  " not in out


def test_updates_retry_hands_them_back_with_attempts_reset(tmp_path, capsys):
    config = migrated_config(tmp_path)
    ids = _seed(tmp_path)
    assert _unprocessed(tmp_path) == [11]
    assert main(["--config", str(config), "updates", "retry"]) == 2  # ids or --all
    assert main(["--config", str(config), "updates", "retry", str(ids["aside"])]) == 0
    assert _unprocessed(tmp_path) == [10, 11]
    assert "no updates set aside" in output_of(capsys, config, "updates")


@pytest.mark.parametrize("command", ["updates", "outbox"])
@pytest.mark.parametrize(
    ("args", "refusal"),
    [
        pytest.param(["list", "5"], "list` takes no ids", id="list with ids"),
        pytest.param(["retry"], "retry` needs", id="retry without ids"),
        pytest.param(["retry", "5", "--all"], "retry` needs", id="retry with ids and --all"),
    ],
)
def test_both_queues_refuse_the_same_mistakes_and_touch_nothing(
    tmp_path, capsys, command, args, refusal
):
    """``updates`` took `list 5` (ids ignored) and `retry 5 --all` (every row handed back)
    where ``outbox`` refused them: one command shape for both, one set of refusals."""
    config = migrated_config(tmp_path)
    _seed(tmp_path)
    capsys.readouterr()
    assert main(["--config", str(config), command, *args]) == 2
    assert f"`{command} {refusal}" in capsys.readouterr().err
    assert _unprocessed(tmp_path) == [11]


async def test_set_aside_updates_are_emptied_after_their_week(database):
    async with database.unit_of_work() as session:
        rows = await inbox.store_updates(
            session=session, bot_id=1, updates=[_update(20, "private words")], now=WHEN
        )
        await inbox.set_aside(session=session, ids=[rows[0].id or 0], now=WHEN, error="x")
    for days, emptied in ((3, False), (8, True)):
        now = WHEN + timedelta(days=days)
        async with database.unit_of_work() as session:
            await erasure.forget_old_traffic(
                session=session,
                before=now - timedelta(days=1),
                set_aside_before=now - timedelta(days=7),
            )
            [row] = await inbox.set_aside_rows(session=session)
        assert (row.payload == {}) is emptied
