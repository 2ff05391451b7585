"""The intake's order-number step knows the payment systems' shapes (#15): a number typed
with spaces is kept as the system writes it, and one that cannot be an order id of the way
the parent paid is refused with the reason, in their language, the step's button kept."""

from __future__ import annotations

from tests.chat import ParentChat, finish_to_review
from tests.handlers.test_frictions_intake import _purchase


async def _at_order(chat: ParentChat, payment: str) -> None:
    await _purchase(chat, payment)
    await chat.press("button-tx-correct")
    assert chat.keys == ["ask-tx-order"]


async def test_a_wechat_transaction_id_typed_in_groups_is_kept_whole(conversation, localizer):
    chat = ParentChat(conversation, localizer)
    await _at_order(chat, "payment-wechat-pay")
    await chat.say("4200 0023 4520 2611 2812 3456 7890")
    assert chat.keys[0] == "tx-recorded"
    await finish_to_review(chat, "Coins bought by my son.")
    assert "4200002345202611281234567890" in chat.text


async def test_a_google_play_number_for_an_apple_purchase_is_refused_naming_both(
    conversation, localizer
):
    chat = ParentChat(conversation, localizer)
    await _at_order(chat, "payment-apple")
    await chat.say("GPA.3312-5678-9012-34567")
    assert chat.keys == ["orders-error-other-shape"]
    assert "Google Play" in chat.text and "Apple" in chat.text
    assert [b.label.key for b in chat.buttons()] == ["button-no-order"]
    await chat.say("MT5B2Q7XKD")  # the Apple Order ID
    assert chat.keys[0] == "tx-recorded"


async def test_a_number_that_cannot_be_a_google_play_order_says_what_one_looks_like(
    conversation, localizer
):
    chat = ParentChat(conversation, localizer, language_code="fr")
    await _at_order(chat, "payment-google-play")
    await chat.say("123456789")
    assert chat.keys == ["orders-error-shape"]
    assert "GPA." in chat.text
