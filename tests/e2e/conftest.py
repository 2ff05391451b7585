from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import POSTGRES_ENV
from tests.e2e.harness import BotUnderTest
from tests.emulator import BotApiEmulator

FRAMEWORKS = ["python-telegram-bot", "aiogram"]
MODES = ["polling", "webhook"]
#: Test ids of FRAMEWORKS.
FRAMEWORK_IDS = ["ptb", "aiogram"]
#: Each framework in each mode, and their test ids ("ptb-polling"...).
COMBOS = [(f, m) for f in FRAMEWORKS for m in MODES]
COMBO_IDS = [f"{i}-{m}" for i in FRAMEWORK_IDS for m in MODES]


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator() as emu:
        yield emu


@pytest.fixture
async def running_bot(
    request: pytest.FixtureRequest, emulator: BotApiEmulator, tmp_path: Path
) -> AsyncIterator[Callable[..., BotUnderTest]]:
    """Makes the test's bot: ``async with running_bot(framework=..., mode=..., agents={...})
    as bot:`` writes its config in ``tmp_path``, starts `refund-desk run` against the emulator,
    waits until it takes updates, and kills it at the end if the test did not stop it.

    ``database="sqlite"`` (the default: ``tmp_path/bot.db``) or ``"postgresql"`` (the run's
    PostgreSQL database, brought up to date and emptied first; the test uses the
    ``postgres_url`` fixture, and is skipped without one); ``agents``, ``teams`` and
    ``sections`` are tables of the config; the other keywords are `write_config`'s
    (``telegram``, ``limits``, ``ocr``, ``log_level``, ``extra``...)."""
    made: list[BotUnderTest] = []

    def make(*, database: str = "sqlite", **options: Any) -> BotUnderTest:
        if database == "postgresql":
            # Made before the test's event loop runs (it runs one of its own): the test asks.
            assert "postgres_url" in request.fixturenames, "the test must use postgres_url"
            url = request.getfixturevalue("postgres_url")
            if url is None:
                pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (set by .ci/run)")
            options.update(database_url=url, fresh_database=True)
        elif database != "sqlite":
            raise ValueError(f"no database {database!r}")
        made.append(BotUnderTest(emulator, tmp_path, **options))
        return made[-1]

    try:
        yield make
    finally:
        for bot in made:
            await bot.close()
