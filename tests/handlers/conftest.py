"""The core as the agents' desk tests wire it: with the module's ``desk`` (none unless the
module sets one, as the root ``conversation`` has), and the same dependencies for calling the
core's parts (firing a follow-up, a case's card) directly; and the order-matching tests'
database, emptied of the bills an earlier test imported."""

from __future__ import annotations

import pytest

from bot.i18n import Localizer
from handlers.conversation import Conversation
from handlers.dependencies import Dependencies
from handlers.policy import DeskPolicy, IntakePolicy
from storage.database import Database
from tests.conftest import FakeClock
from tests.core import core, dependencies
from tests.handlers.bills import without_bills


@pytest.fixture
def desk() -> DeskPolicy | None:
    return None


@pytest.fixture
def deps(desk: DeskPolicy | None, localizer: Localizer) -> Dependencies:
    return dependencies(localizer, desk=desk)


@pytest.fixture
async def db(database: Database) -> Database:
    """The database of the order-matching tests: no bill and no order link left by an earlier
    test."""
    return await without_bills(database)


@pytest.fixture
def conversation(
    database: Database,
    policy: IntakePolicy,
    clock: FakeClock,
    localizer: Localizer,
    desk: DeskPolicy | None,
) -> Conversation:
    return core(database, clock, localizer, policy=policy, desk=desk)
