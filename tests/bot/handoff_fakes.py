"""The agents' group and a case for the hand-off's tests without Telegram (tests/bot/
test_handoff_retry.py, test_operations.py): a group that opens topics and refuses what the test
names, the desk's policy for it, and a case just submitted that nothing has reached yet."""

from __future__ import annotations

from typing import Any

from handlers.policy import DeskPolicy
from storage.models import Case
from tests.handlers.desk_helpers import GROUP, reload, submitted_case

SUPERVISOR = 4242


class FakeGroup:
    """The agents' group: opens topics, and refuses the methods the test names with ``error``."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.refused: dict[str, Exception] = {}
        self.topics = 0

    def refuse(self, error: Exception, *methods: str) -> None:
        for method in methods:
            self.refused[method] = error

    def accept(self) -> None:
        self.refused.clear()

    async def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append((method, params))
        if method in self.refused:
            raise self.refused[method]
        if method == "createForumTopic":
            self.topics += 1
            return {"message_thread_id": 100 + self.topics}
        return {"message_id": 1000 + len(self.calls)}

    def of(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]


def desk_policy(*, topics: bool = True) -> DeskPolicy:
    return DeskPolicy(
        chat_id=GROUP,
        language="en",
        use_topics=topics,
        supervisor_ids=frozenset({SUPERVISOR}),
    )


async def new_case(database, clock) -> Case:
    """A case just submitted: nothing of it in the group yet."""
    case = await submitted_case(database, clock.now(), topic=None)
    async with database.unit_of_work() as session:
        stored = await session.get(Case, case.id)
        assert stored is not None
        stored.card_message_id = None
        stored.evidence_posted = False
        stored.handoff_status = "pending"
    return await reload(database, case)
