"""The core as the app builds it, for tests: :func:`bot.app.build_app` on the embedded
settings, with the test's clock, database and policies (what a test does not give is the
settings' own, as in production)."""

from __future__ import annotations

from typing import Unpack

from bot import app
from bot.config import Settings
from bot.i18n import Localizer
from handlers.clock import Clock
from handlers.conversation import Conversation
from handlers.dependencies import Dependencies
from handlers.policy import IntakePolicy
from storage.database import Database


def core(
    database: Database,
    clock: Clock,
    localizer: Localizer,
    *,
    policy: IntakePolicy | None = None,
    **given: Unpack[app.Policies],
) -> Conversation:
    """The app's conversation (what most tests drive); ``policy`` is the intake's."""
    built = app.build_app(
        Settings(), clock=clock, database=database, localizer=localizer, intake=policy, **given
    )
    return built.conversation


def dependencies(localizer: Localizer, **given: Unpack[app.Policies]) -> Dependencies:
    """The app's dependencies, for a test that drives a turn itself."""
    return app.dependencies(Settings(), localizer, **given)
