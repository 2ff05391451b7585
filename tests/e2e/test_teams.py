"""Several agents' groups end to end: a French parent's claim is routed to the French team's
group, whose agent moves it to the main team with the card's buttons; the main group gets a
topic and a card of its own, the old card says where the case went, and the parent's next
message reaches the new topic."""

from __future__ import annotations

import asyncio

import pytest

from tests.e2e.agent import TelegramAgent, in_chat
from tests.e2e.intake import FRENCH, complete_intake
from tests.e2e.parent import TelegramParent


@pytest.mark.parametrize("framework", ["aiogram"])
async def test_a_case_routed_to_its_team_and_moved_to_another(
    emulator, localizer, running_bot, framework
):
    main = emulator.make_forum_group("Refund team")
    french = emulator.make_forum_group("Équipe FR")
    # Aline is in the French group.
    aline = TelegramAgent(emulator, french, name="Aline", language_code="fr", greeting="bonjour")
    team = {
        "key": "fr",
        "name": "Équipe FR",
        "chat_id": french.id,
        "language": "fr",
        "timezone": "Europe/Paris",
        "route": {"languages": ["fr"]},
    }
    async with running_bot(
        framework=framework, agents={"chat_id": main.id, "language": "en"}, teams=[team]
    ) as bot:
        parent = TelegramParent(emulator, localizer, language_code="fr", name="Léa")
        reference = await complete_intake(parent, FRENCH)

        # Routed by the parent's language: the French team's group, in French.
        topic = await aline.topic()
        assert topic.params["name"].startswith(reference)
        card = await aline.card()
        assert f"Demande {reference}" in card.result["text"]
        await aline.posted("sendMediaGroup")
        assert not [c for c in emulator.calls_of("createForumTopic") if in_chat(main)(c)]
        card_id = card.result["message_id"]

        # The album is in the group a moment before the hand-off records itself done; until
        # then "Move" says to wait (desk-move-wait), and the agent presses again.
        for _ in range(20):
            since = emulator.mark()
            answer = await aline.press("↪️ Transférer")
            if "encore en cours" not in str(answer.params.get("text")):
                break
            await asyncio.sleep(0.5)
        await aline.card_edited("Équipe principale", since=since, buttons=True)
        assert "Équipe principale" in aline.buttons()
        since = emulator.mark()
        # Press it; go on once the card's edit shows where the case went (other edits of the
        # card, such as the bills check's, may come in between).
        await aline.press("Équipe principale")
        await aline.card_edited("Transférée à", since=since, buttons=True)

        # The main team gets its own topic and card (in English), then the evidence.
        new_topic = await emulator.wait_for_call(
            "createForumTopic", in_chat(main), timeout=15, ok_only=True, since=since
        )
        new_thread = new_topic.result["message_thread_id"]
        new_card = await emulator.wait_for_call(
            "sendMessage", in_chat(main, new_thread), timeout=15, since=since
        )
        assert f"Case {reference}" in new_card.result["text"]
        await emulator.wait_for_call(
            "sendMediaGroup", in_chat(main, new_thread), timeout=15, since=since
        )
        # The old card says where the case went, and has no buttons left.
        old = next(m for m in aline.messages() if m["message_id"] == card_id)
        assert "Transférée à Équipe principale" in old["text"]
        assert not aline.buttons()

        # The parent's next message reaches the new topic, not the old one.
        since = emulator.mark()
        await parent.say("J'ai retrouvé le reçu de l'App Store.")
        relayed = await emulator.wait_for_call(
            "sendMessage",
            lambda c: in_chat(main, new_thread)(c) and "retrouvé le reçu" in c.params["text"],
            timeout=15,
            since=since,
        )
        assert reference in relayed.params["text"]
        assert not [
            c
            for c in emulator.calls[since:]
            if in_chat(french)(c) and "retrouvé le reçu" in str(c.params.get("text"))
        ]
        assert len(emulator.calls_of("createForumTopic")) == 2
        assert await bot.stop() == 0
