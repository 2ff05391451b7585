"""Several agents' groups end to end: a French parent's claim is routed to the French team's
group, whose agent moves it to the main team with the card's buttons; the main group gets a
topic and a card of its own, the old card says where the case went, and the parent's next
message reaches the new topic."""

from __future__ import annotations

import asyncio

import pytest

from tests.e2e.harness import BotProcess, write_config
from tests.e2e.parent import TelegramParent
from tests.e2e.test_telegram import FRENCH, complete_intake


def _in(group, thread: int | None = None):
    def match(call) -> bool:
        if str(call.params.get("chat_id")) != str(group.id):
            return False
        return thread is None or str(call.params.get("message_thread_id")) == str(thread)

    return match


def _buttons(emulator, group, thread: int, message_id: int) -> dict[str, str]:
    message = next(
        m
        for m in reversed(emulator.sent_messages(group.id, thread))
        if m["message_id"] == message_id
    )
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


@pytest.mark.parametrize("framework", ["aiogram"])
async def test_a_case_routed_to_its_team_and_moved_to_another(
    emulator, localizer, tmp_path, framework
):
    main = emulator.make_forum_group("Refund team")
    french = emulator.make_forum_group("Équipe FR")
    aline = emulator.make_user("Aline", language_code="fr")
    emulator.inject_text(aline, "bonjour", chat=french)  # Aline is in the French group
    extra = (
        f'[agents]\nchat_id = {main.id}\nlanguage = "en"\n'
        f'[[agents.teams]]\nkey = "fr"\nname = "Équipe FR"\nchat_id = {french.id}\n'
        'language = "fr"\ntimezone = "Europe/Paris"\nroute = { languages = ["fr"] }\n'
    )
    config = write_config(
        tmp_path / "config.toml",
        emulator,
        framework=framework,
        mode="polling",
        database_url=f"sqlite+aiosqlite:///{tmp_path}/bot.db",
        extra=extra,
    )
    bot = BotProcess(config, emulator, tmp_path / "bot.log")
    await bot.start()
    try:
        parent = TelegramParent(emulator, localizer, language_code="fr", name="Léa")
        reference = await complete_intake(parent, FRENCH)

        # Routed by the parent's language: the French team's group, in French.
        topic = await emulator.wait_for_call(
            "createForumTopic", _in(french), timeout=15, ok_only=True
        )
        assert topic.params["name"].startswith(reference)
        thread = topic.result["message_thread_id"]
        card = await emulator.wait_for_call("sendMessage", _in(french, thread), timeout=15)
        assert f"Demande {reference}" in card.result["text"]
        await emulator.wait_for_call("sendMediaGroup", _in(french, thread), timeout=15)
        assert not [c for c in emulator.calls_of("createForumTopic") if _in(main)(c)]
        card_id = card.result["message_id"]

        async def press(label: str, shows: str) -> None:
            """Press ``label`` on the card; return once the card's edit shows ``shows`` (other
            edits of the card, such as the bills check's, may come in between)."""
            data = _buttons(emulator, french, thread, card_id)[label]
            since = emulator.mark()
            emulator.inject_callback(aline, card_id, data, chat=french)
            await emulator.wait_for_call(
                "editMessageText",
                lambda c: c.params.get("message_id") == card_id and shows in str(c.params),
                timeout=15,
                since=since,
            )

        # The album is in the group a moment before the hand-off records itself done; until
        # then "Move" says to wait (desk-move-wait), and the agent presses again.
        for _ in range(20):
            since = emulator.mark()
            data = _buttons(emulator, french, thread, card_id)["↪️ Transférer"]
            emulator.inject_callback(aline, card_id, data, chat=french)
            answer = await emulator.wait_for_call("answerCallbackQuery", timeout=10, since=since)
            if "encore en cours" not in str(answer.params.get("text")):
                break
            await asyncio.sleep(0.5)
        await emulator.wait_for_call(
            "editMessageText",
            lambda c: (
                c.params.get("message_id") == card_id and "Équipe principale" in str(c.params)
            ),
            timeout=15,
            since=since,
        )
        assert "Équipe principale" in _buttons(emulator, french, thread, card_id)
        since = emulator.mark()
        await press("Équipe principale", shows="Transférée à")

        # The main team gets its own topic and card (in English), then the evidence.
        new_topic = await emulator.wait_for_call(
            "createForumTopic", _in(main), timeout=15, ok_only=True, since=since
        )
        new_thread = new_topic.result["message_thread_id"]
        new_card = await emulator.wait_for_call(
            "sendMessage", _in(main, new_thread), timeout=15, since=since
        )
        assert f"Case {reference}" in new_card.result["text"]
        await emulator.wait_for_call(
            "sendMediaGroup", _in(main, new_thread), timeout=15, since=since
        )
        # The old card says where the case went, and has no buttons left.
        old = next(
            m for m in emulator.sent_messages(french.id, thread) if m["message_id"] == card_id
        )
        assert "Transférée à Équipe principale" in old["text"]
        assert not _buttons(emulator, french, thread, card_id)

        # The parent's next message reaches the new topic, not the old one.
        since = emulator.mark()
        await parent.say("J'ai retrouvé le reçu de l'App Store.")
        relayed = await emulator.wait_for_call(
            "sendMessage",
            lambda c: _in(main, new_thread)(c) and "retrouvé le reçu" in c.params["text"],
            timeout=15,
            since=since,
        )
        assert reference in relayed.params["text"]
        assert not [
            c
            for c in emulator.calls[since:]
            if _in(french)(c) and "retrouvé le reçu" in str(c.params.get("text"))
        ]
        assert len(emulator.calls_of("createForumTopic")) == 2
        assert await bot.stop() == 0
    finally:
        if bot.process and bot.process.returncode is None:
            await bot.kill()
