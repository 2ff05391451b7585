"""A turn reads its dependencies by name (handlers/dependencies.py's ``Given``): on a turn, the
dependency itself; on the class (help(), inspection), the descriptor, not an AttributeError."""

from __future__ import annotations

from datetime import UTC, datetime

from handlers.dependencies import Given
from handlers.events import EventKind, Incoming, Sender
from handlers.turn import Turn
from storage.models import User
from tests.core import dependencies


def test_a_turn_reads_each_dependency_and_the_class_shows_the_descriptor(localizer):
    deps = dependencies(localizer)
    sender = Sender(1, "en", "P")
    event = Incoming(kind=EventKind.TEXT, chat_id=1, sender=sender, text="hi")
    user = User(id=1, language="en", timezone="UTC")
    turn = Turn(None, event, user, datetime(2026, 11, 30, tzinfo=UTC), deps)  # type: ignore[arg-type]
    assert turn.policy is deps.intake and turn.desk is deps.desk
    assert turn.planner is deps.planner and turn.sla is deps.sla
    assert turn.aftercare is deps.aftercare and turn.label_text is deps.label_text
    for name in ("policy", "desk", "planner", "sla", "aftercare", "label_text"):
        assert isinstance(getattr(Turn, name), Given), name
