"""The core as the agents' desk tests wire it: with the module's ``desk`` (none unless the
module sets one, as the root ``conversation`` has), and the same dependencies for calling the
core's parts (firing a follow-up, a case's card) directly."""

from __future__ import annotations

import pytest

from bot.i18n import Localizer
from handlers.conversation import Conversation
from handlers.dependencies import Dependencies
from handlers.policy import DeskPolicy, IntakePolicy
from storage.database import Database
from tests.conftest import FakeClock
from tests.core import core, dependencies


@pytest.fixture
def desk() -> DeskPolicy | None:
    return None


@pytest.fixture
def deps(desk: DeskPolicy | None, localizer: Localizer) -> Dependencies:
    return dependencies(localizer, desk=desk)


@pytest.fixture
def conversation(
    database: Database,
    policy: IntakePolicy,
    clock: FakeClock,
    localizer: Localizer,
    desk: DeskPolicy | None,
) -> Conversation:
    return core(database, clock, localizer, policy=policy, desk=desk)
