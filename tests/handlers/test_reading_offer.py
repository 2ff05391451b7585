"""What a screenshot said, offered to the parent at the purchase questions (#16): nothing read
becomes an answer until the parent presses; a correction goes through the usual questions."""

from __future__ import annotations

from sqlmodel import col, select

from handlers.events import Media, MediaKind
from handlers.reading import offer
from handlers.reading.extract import Reading
from storage.models import Draft, Evidence
from storage.repositories import evidence_files as files
from tests.chat import ParentChat

READ = Reading(
    amount="648.00",
    currency="CNY",
    amount_confidence=0.99,
    when="2026-11-18T13:07:00+00:00",
    has_time=True,
    when_confidence=0.97,
    order="4200001234567890123456784567",
    order_label="transaction",
    order_confidence=0.99,
)
SCREENSHOT = Media(MediaKind.PHOTO, file_id="AgADscreenshot", file_unique_id="u1", size=50_000)


async def _at_payment(chat: ParentChat) -> None:
    await chat.command("start", "douyin")
    await chat.press("button-consent-yes")
    await chat.press("problem-minor-purchase")
    await chat.press("writer-parent")
    await chat.say("12")
    await chat.say("acct-1")
    assert chat.keys == ["ask-payment"], chat.keys


async def _read(database, conversation, reading: Reading = READ) -> list:
    """The screenshot sent so far has been read: what the keeper does once OCR is done."""
    async with database.unit_of_work() as session:
        row = (await session.exec(select(Evidence).order_by(col(Evidence.id).desc()))).first()
        assert row is not None and row.id is not None
        await files.record(
            session=session,
            evidence_id=row.id,
            file_status=files.KEPT,
            read_status=files.READ,
            reading=reading.to_json(),
        )
        return await offer.reading_ready(
            session=session,
            evidence_id=row.id,
            policy=conversation.deps.intake,
            now=conversation.clock.now(),
        )


async def _offered(chat: ParentChat, database, conversation, reading: Reading = READ) -> None:
    """At the amount question (WeChat Pay), a screenshot sent and read: its reading offered."""
    await _at_payment(chat)
    await chat.press("payment-wechat-pay")
    await chat.upload(SCREENSHOT)
    chat.replies.extend(await _read(database, conversation, reading))


async def _draft(database) -> Draft:
    async with database.unit_of_work() as session:
        draft = (await session.exec(select(Draft))).one()
        return draft


async def test_a_screenshot_at_the_amount_question_is_offered_and_used(
    conversation, localizer, database
):
    chat = ParentChat(conversation, localizer)
    await _at_payment(chat)
    await chat.press("payment-wechat-pay")
    assert chat.keys == ["ask-tx-amount"]
    await chat.upload(SCREENSHOT)
    assert "evidence-kept-aside" in chat.keys
    out = await _read(database, conversation)
    assert len(out) == 1
    chat.replies.extend(out)
    assert chat.keys[0] == "reading-offer"
    assert "CN¥648.00" in chat.text and "4200…4567" in chat.text
    assert "Nov 18, 2026, 1:07 PM" in chat.text  # on the parent's clock (UTC for "en")
    assert (await _draft(database)).answers.get("transactions") in (None, [])  # not yet
    await chat.press("button-reading-use")
    assert chat.keys[0] == "reading-used"
    assert "ask-tx-more" in chat.keys
    draft = await _draft(database)
    [saved] = draft.answers["transactions"]
    assert saved["amount"] == "648.00" and saved["currency"] == "CNY"
    assert saved["order"] == "4200001234567890123456784567"
    assert saved["when"] == "2026-11-18T13:07:00+00:00"


async def test_correcting_the_amount_asks_it_then_confirms_with_the_rest_kept(
    conversation, localizer, database
):
    chat = ParentChat(conversation, localizer)
    await _offered(chat, database, conversation)
    await chat.press("button-reading-amount")
    assert chat.keys[-1] == "ask-tx-amount"
    await chat.say("64.80 CNY")
    assert chat.keys[0] == "ask-tx-confirm"
    assert "CN¥64.80" in chat.text and "4200001234567890123456784567" in chat.text
    await chat.press("button-tx-correct")
    assert "ask-tx-more" in chat.keys
    [saved] = (await _draft(database)).answers["transactions"]
    assert saved["amount"] == "64.80" and saved["order"] == "4200001234567890123456784567"


async def test_a_screenshot_read_before_the_purchases_is_offered_when_they_come(
    conversation, localizer, database
):
    chat = ParentChat(conversation, localizer)
    await _at_payment(chat)
    await chat.upload(SCREENSHOT)  # at the payment question: kept aside
    assert await _read(database, conversation) == []  # not at the purchases yet
    replies = await chat.press("payment-wechat-pay")
    assert [part.key for part in replies[0].parts] == ["ask-tx-amount"]
    assert replies[1].parts[0].key == "reading-offer"
    await chat.press("button-reading-use")
    assert "ask-tx-more" in chat.keys


async def test_declined_or_stale_offers_store_nothing(conversation, localizer, database):
    chat = ParentChat(conversation, localizer)
    await _offered(chat, database, conversation)
    offered = chat.last
    await chat.press("button-reading-no")
    assert chat.keys == ["reading-declined", "ask-tx-amount"]
    chat.replies.append(offered)  # the old offer's button, pressed again
    await chat.press("button-reading-use")
    assert chat.keys[0] == "error-stale-button"
    assert (await _draft(database)).answers.get("transactions") in (None, [])


async def test_without_an_order_number_the_parent_is_asked_for_it(
    conversation, localizer, database
):
    chat = ParentChat(conversation, localizer)
    partial = Reading(amount="30", currency="", when="2026-11-18T13:07:00+00:00", has_time=True)
    await _offered(chat, database, conversation, partial)
    assert "reading-offer-order" not in chat.keys
    assert "button-reading-order" not in [b.label.key for b in chat.buttons()]
    await chat.press("button-reading-use")
    assert chat.keys[-1] == "ask-tx-order"
    await chat.press("button-no-order")
    [saved] = (await _draft(database)).answers["transactions"]
    assert saved["currency"] == "CNY"  # none on the screenshot: the platform's


async def test_mydata_says_what_was_read_from_each_screenshot(conversation, localizer, database):
    import json

    from handlers.events import EventKind, Incoming
    from handlers.replies import SendDocument

    chat = ParentChat(conversation, localizer)
    await _offered(chat, database, conversation)
    out = await conversation.handle(
        Incoming(
            sender=chat.sender, chat_id=chat.chat_id, kind=EventKind.COMMAND, command="mydata"
        )
    )
    [document] = [o for o in out if isinstance(o, SendDocument)]
    [draft] = json.loads(document.content)["drafts"]
    [shot] = draft["evidence"]
    assert shot["read_from_it"]["order"] == READ.order
    assert shot["read_from_it"]["amount"] == "648.00"
