"""The operator's command line (``refund-desk``) against a SQLite database of the test's own in
its folder: the config file naming it, migrated by the command line, and work done on it
between two commands, and what a command printed."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cli import main
from storage.database import Database

T = TypeVar("T")


def database_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path}/bot.db"


def migrated_config(tmp_path: Path) -> Path:
    """A config file naming the database, which ``refund-desk db upgrade`` has migrated."""
    config = tmp_path / "config.toml"
    config.write_text(f'[storage]\nurl = "{database_url(tmp_path)}"\n')
    assert main(["--config", str(config), "db", "upgrade"]) == 0
    return config


def output_of(capsys: pytest.CaptureFixture[str], config: Path, *command: str) -> str:
    """What ``refund-desk --config config command`` printed, and only that; it succeeded."""
    capsys.readouterr()  # what came before
    assert main(["--config", str(config), *command]) == 0
    return capsys.readouterr().out


def on_database(tmp_path: Path, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """What ``work`` returns, done in one unit of work on that database (opened for it and
    closed after)."""

    async def run() -> T:
        database = Database(database_url(tmp_path))
        async with database.unit_of_work() as session:
            done = await work(session)
        await database.dispose()
        return done

    return asyncio.run(run())
