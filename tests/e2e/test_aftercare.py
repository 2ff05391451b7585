"""After the decision, end to end (aiogram, polling): an agent rejects a claim with a reason
and a note, the parent appeals with a reason and a new photo and is told the date the appeal
will be decided by, the agents' topic gets the appeal, the agent approves, and the parent
learns it is final and how long the refund takes."""

from __future__ import annotations

from typing import Any

from handlers.formatting import format_when
from handlers.replies import Msg
from storage.database import Database
from storage.repositories import cases
from tests.e2e.harness import BotProcess, write_config
from tests.e2e.parent import TelegramParent
from tests.e2e.test_telegram import FRENCH, complete_intake


def _in_topic(thread: int):
    return lambda call: str(call.params.get("message_thread_id")) == str(thread)


async def test_rejection_appeal_with_a_photo_then_approval(emulator, localizer, tmp_path):
    group = emulator.make_forum_group("Refund team")
    agent = emulator.make_user("Alice", language_code="en")
    emulator.inject_text(agent, "hello team", chat=group)
    url = f"sqlite+aiosqlite:///{tmp_path}/bot.db"
    config = write_config(
        tmp_path / "config.toml",
        emulator,
        framework="aiogram",
        mode="polling",
        database_url=url,
        extra=f'[agents]\nchat_id = {group.id}\nlanguage = "en"\n',
    )
    bot = BotProcess(config, emulator, tmp_path / "bot.log")
    await bot.start()
    database = Database(url)
    try:
        parent = TelegramParent(emulator, localizer, language_code="fr", name="Léa")
        reference = await complete_intake(parent, FRENCH)
        topic = await emulator.wait_for_call("createForumTopic", timeout=20, ok_only=True)
        thread = topic.result["message_thread_id"]
        card = await emulator.wait_for_call("sendMessage", _in_topic(thread), timeout=20)
        card_id = card.result["message_id"]

        async def press(message_id: int, label: str) -> None:
            """The agent presses a button of a message in the case's topic."""
            message = next(
                m
                for m in reversed(emulator.sent_messages(group.id, thread))
                if m["message_id"] == message_id
            )
            buttons = [b for row in message["reply_markup"]["inline_keyboard"] for b in row]
            data = next(b["callback_data"] for b in buttons if b["text"] == label)
            since = emulator.mark()
            emulator.inject_callback(agent, message_id, data, chat=group)
            await emulator.wait_for_call("answerCallbackQuery", timeout=20, since=since)

        async def in_topic(text: str, since: int, method: str = "sendMessage") -> dict[str, Any]:
            def found(call: Any) -> bool:
                result = call.result if isinstance(call.result, dict) else {}
                shown = result.get("text") or result.get("caption") or ""
                return _in_topic(thread)(call) and text in shown

            call = await emulator.wait_for_call(method, found, since=since, timeout=20)
            return call.result

        async def card_edited(text: str, since: int) -> None:
            def found(call: Any) -> bool:
                return call.params.get("message_id") == card_id and text in call.params["text"]

            await emulator.wait_for_call("editMessageText", found, since=since, timeout=20)

        # The agent rejects, with a reason and a note: the pop-up says what to do, the card
        # offers the reasons, then waits for the note.
        since = emulator.mark()
        await press(card_id, "❌ Reject")
        prompt = await emulator.wait_for_call("answerCallbackQuery", since=since, timeout=20)
        assert f"Pick the reason for rejecting {reference}" in prompt.params["text"]
        await card_edited("Alice is rejecting: waiting for the reason", since)
        since = emulator.mark()
        await press(card_id, "Insufficient evidence")
        prompt = await emulator.wait_for_call("answerCallbackQuery", since=since, timeout=20)
        assert f"Add a note for the parent of {reference}" in prompt.params["text"]
        await card_edited("waiting for their note to the parent", since)
        since = emulator.mark()
        emulator.inject_text(
            agent, "Les captures ne montrent pas le débit.", chat=group, thread_id=thread
        )
        await parent._reply_after(since)
        reason = Msg("reject-reason-insufficient-evidence")
        assert parent.expects("decision-rejected", reference=reference, reason=reason)
        assert "Les captures ne montrent pas le débit." in parent.last["text"]
        assert parent.label("button-appeal") in [b["text"] for b in parent.buttons()]

        # The parent appeals: the reason, then a new photo, then "Send appeal".
        await parent.press("button-appeal")
        assert parent.expects("appeal-ask-reason", reference=reference), parent.last["text"]
        await parent.say("Ma fille a 11 ans ; voici le relevé Alipay complet.")
        assert parent.expects("appeal-ask-files", reference=reference), parent.last["text"]
        since = emulator.mark()
        emulator.inject_photo(parent.user, caption=None)
        await parent._reply_after(since)
        assert parent.expects("appeal-files-count", count=1), parent.last["text"]
        since = emulator.mark()
        await parent.press("button-appeal-send")
        async with database.unit_of_work() as session:
            case = await cases.case_by_reference(session=session, reference=reference)
            assert case is not None and case.due_at is not None
            assert (case.status, case.appeals) == ("appealed", 1)
            due = format_when(case.due_at, "Europe/Paris", "fr")
        assert parent.expects("appeal-sent", reference=reference, due=due), parent.last["text"]
        assert due in parent.last["text"]

        # The agents' topic gets the appeal, its photo, and the card says it is an appeal.
        filed = await in_topic(f"APPEAL on {reference}", since)
        assert "voici le relevé Alipay complet" in filed["text"]
        await in_topic(f"appeal on {reference}", since, method="sendPhoto")
        await emulator.wait_for_call(
            "editMessageText",
            lambda c: (
                str(c.params.get("message_id")) == str(card_id) and "Appeal" in c.params["text"]
            ),
            since=since,
            timeout=20,
        )

        # The agent approves: the parent learns it is final and when the money arrives.
        since = emulator.mark()
        await press(card_id, "✅ Approve")
        await parent._reply_after(since)
        assert parent.expects(
            "decision-approved", reference=reference, total="49,90\u00a0€ + 648,00\u00a0CNY"
        ), parent.last["text"]
        text = parent.last["text"]
        assert "est en général remboursé sous 1 à 3 jours ouvrés" in text
        assert parent.label("decision-appeal-final") in text
        assert not parent.buttons()
        assert await bot.stop() == 0
    finally:
        await database.dispose()
        if bot.process and bot.process.returncode is None:
            await bot.kill()
    assert "Traceback" not in bot.log(), bot.log()
