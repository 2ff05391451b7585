"""A busy desk end to end (#12): the agents' group has spent its budget on hand-offs, and an
agent's presses are still answered at once, their card edits go before the waiting hand-off,
an edit that changes nothing never reaches Telegram, and Telegram's limit is never exceeded."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.e2e.agent import TelegramAgent, in_topic
from tests.e2e.conftest import FRAMEWORK_IDS, FRAMEWORKS
from tests.e2e.intake import FRENCH, complete_intake
from tests.e2e.parent import TelegramParent

#: The group's budget here: 5 messages in 15 s, 1 of them kept for the agents' actions, so
#: the first case's hand-off (its card and 3 photos; its topic is a change, paced apart)
#: fills what hand-offs may use and the second case's card waits for the next window.
PER_GROUP = 5
WINDOW = 15.0


def _is_edit_of(card_id: int):
    return lambda call: call.params.get("message_id") in (card_id, str(card_id))


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
async def test_presses_are_answered_at_once_while_hand_offs_fill_the_group(
    emulator, localizer, running_bot, framework
):
    group = emulator.make_forum_group("Refund team")
    agent = TelegramAgent(emulator, group)  # Alice is in the group
    bot = running_bot(
        framework=framework,
        agents={"chat_id": group.id, "language": "en"},
        limits={"per_group": PER_GROUP, "group_window_seconds": WINDOW},
    )
    emulator.enable_rate_limits(per_group=PER_GROUP, group_window=WINDOW)
    async with bot:
        first = TelegramParent(emulator, localizer, language_code="fr", name="Léa")
        await complete_intake(first, FRENCH)
        # Its hand-off: the topic, the card and 3 photos — all a hand-off may take.
        await agent.topic()
        card = await agent.card()
        await agent.posted("sendMediaGroup")
        card_id = card.result["message_id"]
        # A second case: its hand-off waits for the group's next window.
        second = TelegramParent(emulator, localizer, language_code="fr", name="Paul")
        await complete_intake(second, FRENCH)

        async def press(action: str) -> float:
            """Press the card's button for ``action``; seconds until the press is answered."""
            started = time.monotonic()
            await agent.press(action=action)
            return time.monotonic() - started

        since = emulator.mark()
        assert await press("claim") < 1.0
        # The claim's card edit uses the room kept for the agents: seen within seconds.
        claimed = await emulator.wait_for_call(
            "editMessageText", _is_edit_of(card_id), timeout=5, since=since
        )
        assert "Alice" in claimed.params["text"]
        # The group is full now: the next edits wait, the presses do not.
        asked = emulator.mark()
        assert await press("ask") < 1.0
        assert await press("ask") < 1.0  # the same again: a card that would not change
        edit = await emulator.wait_for_call(
            "editMessageText", _is_edit_of(card_id), timeout=WINDOW + 15, since=asked
        )
        # The agent's edit went before the waiting hand-off of the second case: its card
        # waits for the group's next window (its topic, a change, is paced apart).
        topics = await emulator.wait_for(
            lambda: (
                (made := [c for c in emulator.calls_of("createForumTopic") if c.status == 200])
                and len(made) >= 2
                and made
            ),
            timeout=WINDOW + 15,
        )
        later_card = await emulator.wait_for_call(
            "sendMessage",
            in_topic(topics[1].result["message_thread_id"]),
            timeout=WINDOW + 15,
        )
        assert edit.time < later_card.time  # as they reached Telegram
        edits: list[Any] = [c for c in emulator.calls_of("editMessageText") if c.seq > asked]
        assert len(edits) == 1, [(c.status, c.params.get("text")) for c in edits]
        assert all(c.status == 200 for c in emulator.calls_of("editMessageText"))
        assert emulator.rate_limit_violations == []
        assert await bot.stop() == 0
    assert "Traceback" not in bot.log(), bot.log()
