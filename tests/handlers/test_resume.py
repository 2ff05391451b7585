"""The process dies mid-draft: a new engine on the same database carries on, nothing lost."""

from __future__ import annotations

from handlers.events import Media, MediaKind
from storage.database import Database
from storage.repositories import drafts, evidence
from tests.chat import ParentChat, start_claim
from tests.core import core


async def test_new_engine_continues_where_the_draft_stopped(database, policy, clock, localizer):
    first = core(database, clock, localizer, policy=policy)
    chat = ParentChat(first, localizer, language_code="fr")
    await start_claim(chat, "platform-wechat", "problem-minor-purchase", "writer-guardian")
    await chat.say("13 ans")
    await chat.say("wx_kid_2013")
    await chat.press("payment-wechat-pay")
    await chat.say("30 €")
    await chat.upload(Media(MediaKind.PHOTO, file_id="early-shot", size=1000))
    assert chat.keys[-1] == "ask-tx-time"

    # "Kill" the engine: drop every connection and build everything again from the URL.
    url = database.engine.url.render_as_string(hide_password=False)
    await database.dispose()
    revived = Database(url)
    try:
        second = core(revived, clock, localizer, policy=policy)
        chat.conversation = second
        await chat.command("start")
        assert chat.keys == ["resume-question"]
        assert chat.last.language == "fr"
        await chat.press("button-resume")
        assert chat.keys == ["ask-tx-time"]
        await chat.say("hier à 20h30")
        assert chat.keys[0] == "ask-tx-confirm"
        assert "30,00\u00a0€" in chat.text
        async with revived.unit_of_work() as session:
            draft = await drafts.get_open_draft(session=session, user_id=1001)
            assert draft is not None
            assert draft.answers["platform"] == "wechat"
            assert draft.answers["minor_age"] == 13
            assert draft.answers["account"] == "wx_kid_2013"
            assert draft.cursor["pending_tx"]["amount"] == "30"
            files = await evidence.list_for_draft(session=session, draft_id=draft.id)
            assert [f.telegram_file_id for f in files] == ["early-shot"]
    finally:
        await revived.dispose()


async def test_start_over_drops_the_old_draft(conversation, localizer):
    chat = ParentChat(conversation, localizer, language_code="zh-hans")
    await chat.command("start")
    await chat.press("button-consent-yes")
    await chat.press("platform-douyin")
    await chat.command("start")
    await chat.press("button-restart")
    # Consent was given once and is remembered; the platform question comes again.
    assert chat.keys == ["welcome", "ask-platform"]


async def test_a_message_with_no_draft_starts_one(conversation, localizer):
    chat = ParentChat(conversation, localizer, language_code="zh-TW")
    await chat.say("你好，我要退款")
    assert chat.last.language == "zh-Hant"
    assert chat.keys == ["welcome", "ask-consent"]
