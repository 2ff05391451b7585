"""Supervisors' reports end to end, on both frameworks: a parent's claim reaches the group, an
agent types /report there and the chart (a photo), the figures and the CSV (a document)
reach the group."""

from __future__ import annotations

import pytest

from tests.e2e.agent import TelegramAgent, in_chat
from tests.e2e.conftest import FRAMEWORK_IDS, FRAMEWORKS
from tests.e2e.intake import FRENCH, complete_intake
from tests.e2e.parent import TelegramParent


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
async def test_report_posts_a_chart_the_figures_and_the_csv(
    emulator, localizer, running_bot, framework
):
    group = emulator.make_forum_group("Refund team")
    agent = TelegramAgent(emulator, group)  # Alice is in the group
    async with running_bot(
        framework=framework, agents={"chat_id": group.id, "language": "en"}
    ) as bot:
        parent = TelegramParent(emulator, localizer, language_code="fr", name="Léa")
        reference = await complete_intake(parent, FRENCH)
        await emulator.wait_for_call("createForumTopic", timeout=15, ok_only=True)

        since = emulator.mark()
        agent.command("report")
        photo = await emulator.wait_for_call(
            "sendPhoto", in_chat(group), timeout=20, since=since, ok_only=True
        )
        (picture,) = emulator.uploads(group.id, method="sendPhoto")
        assert picture.data.startswith(b"\x89PNG") and len(picture.data) > 10_000
        assert photo.result["caption"].startswith("📊 Main team")
        document = await emulator.wait_for_call(
            "sendDocument", in_chat(group), timeout=20, since=since, ok_only=True
        )
        (table,) = emulator.uploads(group.id)
        text = table.data.decode("utf-8-sig")
        assert text.startswith("reference,team,submitted_at")
        assert reference in text and "Léa" not in text
        assert document.result["document"]["file_name"].endswith(".csv")
        words = [
            m["text"]
            for m in emulator.sent_messages(group.id)
            if "Received 1 · decided 0 · open 1" in m.get("text", "")
        ]
        assert words, "the figures reach the group"
        await bot.stop()
