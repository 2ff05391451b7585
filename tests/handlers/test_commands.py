"""Commands work at every step and always bring the parent back to the current question."""

from __future__ import annotations

from storage.repositories import drafts
from tests.chat import ParentChat, start_claim


async def _at_account(chat: ParentChat) -> None:
    await start_claim(chat, "platform-kuaishou", "problem-not-activated")
    assert chat.keys == ["ask-account"]


async def test_help_repeats_the_current_question(conversation, localizer):
    chat = ParentChat(conversation, localizer)
    await _at_account(chat)
    await chat.command("help")
    assert chat.keys == ["help", "ask-account"]


async def test_language_switch_keeps_the_draft(conversation, localizer):
    chat = ParentChat(conversation, localizer, language_code="en")
    await _at_account(chat)
    await chat.command("language")
    assert chat.keys == ["ask-language"]
    await chat.press("language-name-zh-Hans")
    assert chat.last.language == "zh-Hans"
    assert chat.keys == ["language-changed", "ask-account"]
    assert "快手" in chat.text
    await chat.say("ks_123")
    assert chat.keys == ["ask-payment"]


async def test_language_switch_moves_a_default_time_zone_only(conversation, localizer):
    chat = ParentChat(conversation, localizer, language_code="en")
    await _at_account(chat)
    await chat.command("language", "fr")
    await chat.say("acct")
    await chat.press("payment-bank-card")
    await chat.say("5 €")
    assert "Europe/Paris" in chat.text
    await chat.command("timezone", "Asia/Singapore")
    assert chat.keys == ["timezone-changed", "ask-tx-time"]
    await chat.command("language", "zh-Hant")
    await chat.say("昨天")
    assert chat.keys[0] == "ask-tx-confirm"
    await chat.press("button-tx-fix")
    await chat.press("button-fix-time")
    assert "Asia/Singapore" in chat.text


async def test_timezone_accepts_offsets_and_refuses_nonsense(conversation, localizer):
    chat = ParentChat(conversation, localizer)
    await _at_account(chat)
    await chat.command("timezone")
    assert chat.keys == ["ask-timezone"]
    await chat.press_data(chat.buttons()[0].data)
    assert chat.keys == ["timezone-changed", "ask-account"]
    await chat.command("timezone", "UTC+8")
    assert chat.last.parts[0].params["timezone"] == "Etc/GMT-8"
    await chat.command("timezone", "Moon/Base")
    assert chat.keys == ["error-timezone", "ask-account"]


async def test_cancel_drops_the_draft(conversation, localizer, database):
    chat = ParentChat(conversation, localizer)
    await _at_account(chat)
    await chat.command("cancel")
    assert chat.keys == ["cancelled"]
    async with database.unit_of_work() as session:
        assert await drafts.get_open_draft(session=session, user_id=1001) is None
    await chat.command("cancel")
    assert chat.keys == ["nothing-to-cancel", "hint-start"]


async def test_unknown_command_and_declined_consent(conversation, localizer):
    chat = ParentChat(conversation, localizer, language_code="fr")
    await chat.command("start")
    await chat.command("refund")
    assert chat.keys == ["error-unknown-command", "ask-consent"]
    await chat.press("button-consent-no")
    assert chat.keys == ["consent-declined"]
    await chat.press_data(chat.replies[-2].buttons[0][0].data)
    assert chat.keys == ["error-stale-button", "hint-start"]


async def test_status_lists_only_own_cases(conversation, localizer):
    chat = ParentChat(conversation, localizer)
    await chat.command("status")
    assert chat.keys == ["status-none", "hint-start"]


async def test_an_edited_message_is_explained_not_applied(conversation, localizer):
    from handlers.events import EventKind

    chat = ParentChat(conversation, localizer)
    await _at_account(chat)
    await chat._send(kind=EventKind.TEXT, text="changed", edited=True)
    assert chat.keys == ["error-edited"]  # the question is just above: not sent again
