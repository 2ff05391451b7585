"""Claims matched against the merchant's bills (#15): on submission, when a bill arrives
after the claim, on an agent's button; what the card, /queue and the parent see; /mydata shows
what matched the parent's claim and /delete unlinks it (the ledger is the merchant's)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from handlers.case.card import card_buttons, card_parts
from handlers.case.view import load_view
from handlers.conversation import Conversation
from handlers.events import EventKind, Incoming
from handlers.orders.recheck import recheck
from handlers.policy import DeskPolicy
from handlers.replies import EditMessage, SendDocument
from storage.models import LedgerOrder, OrderLink
from storage.repositories import cases
from tests.chat import ParentChat, finish_to_review, start_failed_payment
from tests.core import core
from tests.handlers.bills import import_bills, shanghai_desk
from tests.handlers.desk_helpers import GROUP, Agent, submitted_case

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


@pytest.fixture
def desk() -> DeskPolicy:
    return shanghai_desk()


@pytest.fixture
def conversation(db, policy, clock, localizer, desk) -> Conversation:
    clock.current = NOW
    return core(db, clock, localizer, policy=policy, desk=desk)


@pytest.fixture
def chat(conversation: Conversation, localizer) -> ParentChat:
    """A parent in Shanghai, writing in Simplified Chinese."""
    return ParentChat(conversation, localizer, language_code="zh-hans")


async def _claim(chat: ParentChat, purchases: list[tuple[str, str, str | None]]) -> None:
    """A WeChat Pay claim, typed by a parent in Shanghai: (amount, time, order number)."""
    await start_failed_payment(chat, "player-77")
    await chat.press("payment-wechat-pay")
    for number, (amount, when, order) in enumerate(purchases):
        if number:
            await chat.press("button-tx-add")
        await chat.say(amount)
        await chat.say(when)
        await chat.press("button-tx-correct")
        if order:
            await chat.say(order)
        else:
            await chat.press("button-no-order")
    await finish_to_review(chat, "Charged for gems my son bought.")
    await chat.press("button-submit")
    assert chat.keys[0] == "submitted", chat.keys


async def _card(db, desk, reference: str | None = None):
    async with db.unit_of_work() as session:
        case = (await cases.queue(session=session, statuses=["submitted"]))[-1]
        view = await load_view(session, case)
        return card_parts(view, desk), card_buttons(view, desk), view


async def test_a_claim_is_matched_on_submission_one_found_one_not(chat, localizer, db, desk):
    await import_bills(db, NOW)
    await _claim(
        chat,
        [
            ("648元", "2026-11-28 22:03", "4200 0023 4520 2611 2812 3456 7890"),
            ("328元", "2026-11-29 10:00", None),
        ],
    )
    assert "orders-parent-refunded" not in chat.keys  # the parent sees nothing new
    parts, buttons, _ = await _card(db, desk)
    keys = [p.key for p in parts]
    found = parts[keys.index("orders-card-found")]
    assert found.params["order"] == "4200…7890"
    plain = localizer.plain("en", found)
    assert "CN¥648.00" in plain and "WeChat Pay" in plain and "10:03" in plain
    assert "orders-card-not-found" in keys
    summary = parts[keys.index("orders-card-summary")].params
    assert (summary["found"], summary["missing"]) == (1, 1)
    # charged twice: the same payer 41 s later
    double = parts[keys.index("orders-card-double")]
    assert "41 s" in localizer.plain("en", double)
    assert any(b.label.key == "orders-button-check" for row in buttons for b in row)


async def test_the_parent_of_an_already_refunded_order_is_asked_to_check_their_statement(
    chat, localizer, db, desk
):
    await import_bills(db, NOW)
    await _claim(chat, [("150元", "2026-11-27 09:15", "4200002345202611271111111111")])
    assert "orders-parent-refunded" in chat.keys
    assert "4200" not in chat.text and "150" not in chat.text  # no merchant data
    parts, _, _ = await _card(db, desk)
    refunded = next(p for p in parts if p.key == "orders-card-refunded")
    assert "CN¥150.00" in localizer.plain("en", refunded)


async def test_no_bill_imported_means_nothing_on_the_card(chat, db, desk):
    await _claim(chat, [("648元", "2026-11-28 22:03", None)])
    parts, buttons, view = await _card(db, desk)
    assert view.orders is None
    assert not [p for p in parts if p.key.startswith("orders-")]
    assert not any(b.label.key == "orders-button-check" for row in buttons for b in row)


async def test_a_bill_imported_after_the_claim_matches_it_and_edits_the_card(db, clock, desk):
    case = await submitted_case(db, datetime(2026, 11, 28, 14, 3, tzinfo=UTC))  # card 500
    async with db.unit_of_work() as session:
        assert (await recheck(session, now=NOW, desk=desk)).cases == 0  # no bills yet
    await import_bills(db, NOW)
    async with db.unit_of_work() as session:
        done = await recheck(session, now=NOW, desk=desk)
    assert (done.cases, done.changed) == (1, 1)
    edit = done.out[0]
    assert isinstance(edit, EditMessage) and edit.message_id == 500
    keys = [p.key for p in edit.parts]
    assert "orders-card-likely" in keys  # by amount and time: no order number given
    assert "orders-card-double" in keys  # the same payer's second 648.00, 41 s later
    async with db.unit_of_work() as session:
        again = await recheck(session, now=NOW, desk=desk)
    assert again.cases == 0  # checked since the ledger's last change
    # The same bill again: nothing changed, nothing to do.
    await import_bills(db, NOW, "wechat_all.csv")
    async with db.unit_of_work() as session:
        assert (await recheck(session, now=NOW, desk=desk)).cases == 0
    assert case.id is not None


async def test_an_agents_button_checks_again_and_queue_shows_the_summary(conversation, db, desk):
    await import_bills(db, NOW)
    case = await submitted_case(db, datetime(2026, 11, 28, 14, 3, tzinfo=UTC))
    agent = Agent(conversation)
    await agent.press(case, "orders", on=500)
    assert agent.notice() == "orders-checked"
    assert agent.edited_card()
    await agent.command("queue")
    keys = agent.to(GROUP)
    assert "orders-queue-line" in keys


async def test_mydata_shows_what_matched_and_delete_unlinks_it(conversation, chat, db):
    await import_bills(db, NOW)
    await _claim(
        chat,
        [
            ("648元", "2026-11-28 22:03", "4200002345202611281234567890"),
            ("150元", "2026-11-27 09:00", None),
        ],
    )
    out = await conversation.handle(
        Incoming(
            sender=chat.sender, chat_id=chat.chat_id, kind=EventKind.COMMAND, command="mydata"
        )
    )
    data = json.loads(next(o for o in out if isinstance(o, SendDocument)).content)
    first, second = data["cases"][0]["transactions"]
    assert first["merchant_record"] == {
        "result": "found",
        "order_id": "4200002345202611281234567890",
        "paid_with": "wechat_pay",
        "amount": first["merchant_record"]["amount"],  # exact: 648.00, or 648 on PostgreSQL
        "currency": "CNY",
        "paid_at": first["merchant_record"]["paid_at"],
        "status": "paid",
        "refunded_amount": None,
        "refunded_at": None,
        "charged_again": {"order_id": "4200002345202611281234567891", "seconds_apart": 41},
    }
    assert Decimal(first["merchant_record"]["amount"]) == Decimal("648.00")
    assert second["merchant_record"]["result"] == "refunded"  # the 150.00 refunded on the 29th
    await chat.command("delete")
    await chat.press("button-erase-confirm")
    assert chat.keys == ["erase-done"]
    async with db.unit_of_work() as session:
        assert (await session.exec(select(OrderLink))).all() == []
        assert len((await session.exec(select(LedgerOrder))).all()) == 4  # the merchant's
