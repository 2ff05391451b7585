"""The parent's intake frictions of #14: a wrong answer gets the reason and the buttons (not
the whole screen again), "No, change it" asks what to change, the evidence prompt speaks of
"Done" only once its button is there, the payment method comes first so the order-number and
evidence prompts say where to look for that method, and the review is one field per line."""

from __future__ import annotations

import pytest

from handlers.events import Media, MediaKind
from handlers.languages import SUPPORTED
from handlers.replies import Msg
from tests.chat import ParentChat, finish_to_review, start_failed_payment

LANGUAGE_CODES = {"en": "en", "fr": "fr", "zh-Hans": "zh-hans", "zh-Hant": "zh-hant"}
DONE = {"en": "Done", "fr": "Terminé", "zh-Hans": "完成", "zh-Hant": "完成"}


async def _at_payment(chat: ParentChat) -> None:
    await start_failed_payment(chat)
    assert chat.keys == ["ask-payment"], chat.keys


async def _purchase(chat: ParentChat, payment: str = "payment-alipay") -> None:
    await _at_payment(chat)
    await chat.press(payment)
    assert chat.keys == ["ask-tx-amount"], chat.keys
    await chat.say("648 CNY")
    if chat.keys == ["ask-zone"]:  # a bare "en" parent says where they are, once
        await chat.press("zone-city-london")
    await chat.say("2026-11-18 20:15")
    assert chat.keys[0] == "ask-tx-confirm", chat.keys


async def _at_review(chat: ParentChat) -> None:
    await _purchase(chat)
    await chat.press("button-tx-correct")
    await chat.say("4200001234")
    await finish_to_review(chat, "My child bought coins without asking.")
    assert chat.keys[0] == "review-header", chat.keys


async def test_a_mistyped_choice_on_the_review_gets_the_reason_and_the_buttons(
    conversation, localizer
):
    chat = ParentChat(conversation, localizer)
    await _at_review(chat)
    review = chat.last
    await chat.say("send it please")
    assert chat.keys == ["error-use-buttons"]  # not the 13-line card again
    assert chat.last.buttons == review.buttons
    await chat.press("button-submit")
    assert chat.keys[0] == "submitted"


async def test_a_wrong_answer_at_a_choice_step_keeps_its_buttons(conversation, localizer):
    chat = ParentChat(conversation, localizer)
    await _purchase(chat)
    confirm = chat.last
    await chat.say("hmm")
    assert chat.keys == ["error-use-buttons"]
    assert chat.last.buttons == confirm.buttons


async def test_no_change_it_asks_what_to_change_and_keeps_the_rest(conversation, localizer):
    chat = ParentChat(conversation, localizer)
    await _purchase(chat)
    amount_shown = chat.last.parts[0].params["money"]
    await chat.press("button-tx-fix")
    assert chat.keys == ["ask-tx-fix"]
    offered = [b.label.key for b in chat.buttons()]
    assert offered == ["button-fix-amount", "button-fix-time", "button-fix-nothing"]
    await chat.press("button-fix-time")  # only the date was wrong
    assert chat.keys == ["ask-tx-time"]
    await chat.say("2026-11-17 09:05")
    assert chat.keys[0] == "ask-tx-confirm"  # back to the purchase's confirmation
    assert chat.last.parts[0].params["money"] == amount_shown  # the amount was not retyped
    assert "Nov 17, 2026" in chat.text
    await chat.press("button-tx-fix")
    await chat.press("button-fix-nothing")
    assert chat.keys[0] == "ask-tx-confirm"
    await chat.press("button-tx-correct")
    assert chat.keys == ["ask-tx-order"]


async def test_a_saved_purchase_changes_only_its_order_number(conversation, localizer, database):
    chat = ParentChat(conversation, localizer)
    await _at_review(chat)
    await chat.press("button-edit-transactions")
    await chat.press("button-tx-change")
    assert chat.keys == ["ask-tx-fix"]
    await chat.press("button-fix-order")
    assert chat.keys == ["ask-tx-order"]
    await chat.say("4200009999")
    assert chat.keys[:2] == ["ask-tx-confirm", "tx-confirm-order"]
    assert chat.last.parts[1].params["order"] == "4200009999"
    await chat.press("button-tx-correct")
    assert chat.keys[0] == "review-header"
    assert "4200009999" in chat.text and "4200001234" not in chat.text
    assert "648.00" in chat.text and "Nov 18, 2026" in chat.text  # the rest is as it was


@pytest.mark.parametrize("language", SUPPORTED)
async def test_the_evidence_prompt_speaks_of_done_only_once_its_button_is_there(
    conversation, localizer, language
):
    chat = ParentChat(conversation, localizer, language_code=LANGUAGE_CODES[language])
    await _purchase(chat)
    await chat.press("button-tx-correct")
    await chat.press("button-no-order")
    await chat.press("button-tx-done")
    assert chat.keys == ["ask-evidence"]
    assert DONE[language] not in chat.text
    assert [b.label.key for b in chat.buttons()] == ["button-no-evidence"]
    await chat.say("here")
    assert chat.keys == ["error-evidence-text"] and DONE[language] not in chat.text
    await chat.upload(Media(MediaKind.PHOTO, file_id="f-1", file_unique_id="u-1", size=9_000))
    assert chat.keys == ["evidence-count"]
    assert DONE[language] in chat.text
    assert [b.label.key for b in chat.buttons()] == ["button-evidence-done"]
    await chat.say("here")
    assert chat.keys == ["error-evidence-text-more"] and DONE[language] in chat.text


#: What the order-number prompt names for each way of paying, in every language.
WHERE = {
    "payment-alipay": ("Alipay", "Alipay", "支付宝", "支付寶"),
    "payment-wechat-pay": ("WeChat", "WeChat", "微信", "微信"),
    "payment-google-play": ("GPA", "GPA", "GPA", "GPA"),
    "payment-apple": ("Order ID", "Order ID", "Order ID", "Order ID"),
    "payment-bank-card": ("bank", "banque", "银行", "銀行"),
    "payment-platform-balance": ("wallet", "portefeuille", "钱包", "錢包"),
}


@pytest.mark.parametrize("payment", sorted(WHERE))
async def test_the_order_number_and_evidence_prompts_speak_of_the_way_it_was_paid(
    conversation, localizer, payment
):
    for index, language in enumerate(SUPPORTED):
        chat = ParentChat(
            conversation, localizer, user_id=2000 + index, language_code=LANGUAGE_CODES[language]
        )
        await _purchase(chat, payment)
        await chat.press("button-tx-correct")
        assert chat.keys == ["ask-tx-order"]
        assert WHERE[payment][index] in chat.text, (language, chat.text)
        if payment not in ("payment-alipay", "payment-wechat-pay"):
            # Not the old list of Alipay, WeChat Pay or bank for a Google Play purchase.
            assert WHERE["payment-alipay"][index] not in chat.text, chat.text
        await chat.press("button-no-order")
        await chat.press("button-tx-done")
        method = payment.removeprefix("payment-")
        assert chat.last.parts[0].params["record"] == Msg("payment-record", {"method": method})
        await chat.command("cancel")


async def test_the_review_is_one_field_per_line(conversation, localizer):
    chat = ParentChat(conversation, localizer)
    await _at_review(chat)
    assert chat.keys == ["review-header", "review-lines", "ask-review"]
    fields = localizer.plain("en", chat.last.parts[1])
    lines = fields.split("\n")
    assert "" not in lines  # no blank line between fields
    assert lines[0].startswith("Platform:") and lines[-1].startswith("Contact:")
    assert [line.split(":")[0] for line in lines[1:5]] == [
        "Problem",
        "Filled in by",
        "Account",
        "Paid with",
    ]
