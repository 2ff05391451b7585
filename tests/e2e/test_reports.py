"""Supervisors' reports end to end, on both frameworks: a parent's claim reaches the group, an
agent types /report there and the chart (a photo), the figures and the CSV (a document)
reach the group."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import FRAMEWORKS
from tests.e2e.harness import BotProcess, write_config
from tests.e2e.parent import TelegramParent
from tests.e2e.test_telegram import FRENCH, complete_intake

IDS = ["ptb", "aiogram"]


def _in(group):
    return lambda call: str(call.params.get("chat_id")) == str(group.id)


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=IDS)
async def test_report_posts_a_chart_the_figures_and_the_csv(
    emulator, localizer, tmp_path, framework
):
    group = emulator.make_forum_group("Refund team")
    agent = emulator.make_user("Alice", language_code="en")
    emulator.inject_text(agent, "hello team", chat=group)  # Alice is in the group
    config = write_config(
        tmp_path / "config.toml",
        emulator,
        framework=framework,
        mode="polling",
        database_url=f"sqlite+aiosqlite:///{tmp_path}/bot.db",
        extra=f'[agents]\nchat_id = {group.id}\nlanguage = "en"\n',
    )
    bot = BotProcess(config, emulator, tmp_path / "bot.log")
    await bot.start()
    try:
        parent = TelegramParent(emulator, localizer, language_code="fr", name="Léa")
        reference = await complete_intake(parent, FRENCH)
        await emulator.wait_for_call("createForumTopic", timeout=15, ok_only=True)

        since = emulator.mark()
        emulator.inject_command(agent, "report", chat=group)
        photo = await emulator.wait_for_call(
            "sendPhoto", _in(group), timeout=20, since=since, ok_only=True
        )
        (picture,) = emulator.uploads(group.id, method="sendPhoto")
        assert picture.data.startswith(b"\x89PNG") and len(picture.data) > 10_000
        assert photo.result["caption"].startswith("📊 Main team")
        document = await emulator.wait_for_call(
            "sendDocument", _in(group), timeout=20, since=since, ok_only=True
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
    finally:
        await bot.stop()
