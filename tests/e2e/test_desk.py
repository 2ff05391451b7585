"""The agent desk end to end: a parent's claim reaches the emulated forum group, an agent
claims it, asks a question, gets the answer (text and photo), approves part of it."""

from __future__ import annotations

import asyncio

import pytest

from handlers.replies import Msg
from tests.e2e.agent import TelegramAgent, in_topic
from tests.e2e.conftest import FRAMEWORK_IDS, FRAMEWORKS
from tests.e2e.intake import FRENCH, complete_intake
from tests.e2e.parent import TelegramParent


def desk(group) -> dict:
    """The ``[agents]`` table of these tests: the group, in English."""
    return {"chat_id": group.id, "language": "en"}


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
async def test_case_from_submission_to_partial_approval(
    emulator, localizer, running_bot, framework
):
    group = emulator.make_forum_group("Refund team")
    agent = TelegramAgent(emulator, group)  # Alice is in the group
    async with running_bot(framework=framework, agents=desk(group)) as bot:
        parent = TelegramParent(emulator, localizer, language_code="fr", name="Léa")
        reference = await complete_intake(parent, FRENCH)

        topic_call = await agent.topic()
        assert topic_call.params["name"].startswith(f"{reference} · Douyin")
        assert "€49.90 + CN¥648.00" in topic_call.params["name"]
        card = await agent.card()
        assert f"Case {reference}" in card.result["text"]
        assert "&lt;3" in card.params["text"]  # the parent's words, escaped, as written
        album = await agent.posted("sendMediaGroup")
        assert len(album.params["media"]) == 3

        parent.language = "fr"
        since = emulator.mark()
        await agent.press("🙋 Claim")
        await parent._reply_after(since)
        assert parent.expects("parent-claimed", reference=reference, name=Msg("support-name"))
        edit = await emulator.wait_for_call("editMessageText", timeout=10, since=since)
        assert "Handled by: Alice" in edit.params["text"]

        await agent.press("❓ Ask parent")
        since = emulator.mark()
        agent.say("Quel âge a votre fille exactement ?")
        await parent._reply_after(since)
        assert "Quel âge a votre fille exactement ?" in parent.last["text"]
        assert reference in parent.last["text"]

        since = emulator.mark()
        await parent.say("Elle a 11 ans, voici sa carte.")
        assert parent.expects("parent-relayed", reference=reference)
        relayed = await agent.posted("sendMessage", "Elle a 11 ans", since=since, timeout=5)
        assert reference in relayed.params["text"]
        since = emulator.mark()
        emulator.inject_photo(parent.user, caption="carte")
        photo = await agent.posted("sendPhoto", since=since, timeout=10)
        assert "carte" in photo.params["caption"]
        await parent._reply_after(since)  # the parent's "sent to support" for the photo

        await agent.press("➗ Approve part")
        since = emulator.mark()
        agent.say("30 EUR")
        await parent._reply_after(since)
        assert parent.expects(
            "decision-partial",
            reference=reference,
            amount="30,00\u00a0€",
            total="49,90\u00a0€ + 648,00\u00a0CNY",
            rest="19,90\u00a0€ + 648,00\u00a0CNY",
        )
        assert "30,00" in parent.last["text"]
        texts = [m.get("text", "") for m in emulator.sent_messages(parent.chat_id)]
        assert sum(reference in t for t in texts) >= 5
        assert len(emulator.calls_of("createForumTopic")) == 1
        assert await bot.stop() == 0
    assert "Traceback" not in bot.log(), bot.log()


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
async def test_killed_between_topic_creation_and_recording(
    emulator, localizer, running_bot, framework
):
    group = emulator.make_forum_group("Refund team")
    async with running_bot(framework=framework, agents=desk(group)) as bot:
        # Telegram creates the topic but the answer never reaches the bot, which then dies.
        emulator.drop_next("createForumTopic", after_processing=True, delay=0.5)
        parent = TelegramParent(emulator, localizer, language_code="fr", name="Paul")
        reference = await complete_intake(parent, FRENCH)
        await emulator.wait_for(lambda: len(group.topics) == 1, timeout=15)
        await bot.kill()
        await bot.start()
        card = await emulator.wait_for_call(
            "sendMessage",
            lambda c: f"Case <b>{reference}</b>" in c.params.get("text", ""),
            timeout=20,
        )
        assert len(group.topics) == 1  # never a second topic for the case
        assert len(emulator.calls_of("createForumTopic")) == 1
        assert card.params.get("message_thread_id") in (None, "", 0)
        await asyncio.sleep(0.5)
        assert await bot.stop() == 0


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
async def test_a_topic_deleted_by_hand_is_recreated(emulator, localizer, running_bot, framework):
    group = emulator.make_forum_group("Refund team")
    async with running_bot(framework=framework, agents=desk(group)) as bot:
        parent = TelegramParent(emulator, localizer, language_code="fr", name="Inès")
        reference = await complete_intake(parent, FRENCH)
        first = await emulator.wait_for_call("createForumTopic", timeout=15, ok_only=True)
        old = first.result["message_thread_id"]
        await emulator.wait_for_call("sendMediaGroup", in_topic(old), timeout=15)
        del group.topics[old]  # someone deletes the topic in the Telegram app

        since = emulator.mark()
        await parent.say("Avez-vous reçu mes captures ?")
        again = await emulator.wait_for_call(
            "createForumTopic", since=since, ok_only=True, timeout=20
        )
        new = again.result["message_thread_id"]
        assert new != old and again.params["name"].startswith(reference)
        relayed = await emulator.wait_for_call(
            "sendMessage",
            lambda c: in_topic(new)(c) and "Avez-vous" in c.params["text"],
            since=since,
            timeout=20,
        )
        card = [m for m in emulator.sent_messages(group.id, new) if "Case" in m.get("text", "")]
        assert card and card[0]["message_id"] < relayed.result["message_id"]
        assert await bot.stop() == 0
