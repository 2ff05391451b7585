"""After the decision, end to end (aiogram, polling): an agent rejects a claim with a reason
and a note, the parent appeals with a reason and a new photo and is told the date the appeal
will be decided by, the agents' topic gets the appeal, the agent approves, and the parent
learns it is final and how long the refund takes."""

from __future__ import annotations

from handlers.formatting import format_when
from handlers.replies import Msg
from storage.repositories import cases
from tests.e2e.agent import TelegramAgent
from tests.e2e.intake import FRENCH, complete_intake
from tests.e2e.parent import TelegramParent


async def test_rejection_appeal_with_a_photo_then_approval(emulator, localizer, running_bot):
    group = emulator.make_forum_group("Refund team")
    agent = TelegramAgent(emulator, group)
    desk = {"chat_id": group.id, "language": "en"}
    async with running_bot(framework="aiogram", agents=desk) as bot:
        database = bot.database
        parent = TelegramParent(emulator, localizer, language_code="fr", name="Léa")
        reference = await complete_intake(parent, FRENCH)
        await agent.topic(timeout=20)
        await agent.card(timeout=20)

        # The agent rejects, with a reason and a note: the pop-up says what to do, the card
        # offers the reasons, then waits for the note.
        since = emulator.mark()
        prompt = await agent.press("❌ Reject", timeout=20)
        assert f"Pick the reason for rejecting {reference}" in prompt.params["text"]
        await agent.card_edited(
            "Alice is rejecting: waiting for the reason", since=since, timeout=20
        )
        since = emulator.mark()
        prompt = await agent.press("Insufficient evidence", timeout=20)
        assert f"Add a note for the parent of {reference}" in prompt.params["text"]
        await agent.card_edited("waiting for their note to the parent", since=since, timeout=20)
        since = emulator.mark()
        agent.say("Les captures ne montrent pas le débit.")
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
        filed = await agent.posted(
            "sendMessage", f"APPEAL on {reference}", since=since, timeout=20
        )
        assert "voici le relevé Alipay complet" in filed.result["text"]
        await agent.posted("sendPhoto", f"appeal on {reference}", since=since, timeout=20)
        await agent.card_edited("Appeal", since=since, timeout=20)

        # The agent approves: the parent learns it is final and when the money arrives.
        since = emulator.mark()
        await agent.press("✅ Approve", timeout=20)
        await parent._reply_after(since)
        assert parent.expects(
            "decision-approved", reference=reference, total="49,90\u00a0€ + 648,00\u00a0CNY"
        ), parent.last["text"]
        text = parent.last["text"]
        assert "est en général remboursé sous 1 à 3 jours ouvrés" in text
        assert parent.label("decision-appeal-final") in text
        assert not parent.buttons()
        assert await bot.stop() == 0
    assert "Traceback" not in bot.log(), bot.log()
