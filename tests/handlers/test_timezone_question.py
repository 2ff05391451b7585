"""English parents get a real time zone (issue #14): a bare ``en`` client (or ``en-US``, whose
country has several) is asked where they are once, just before the first purchase's time, and
that time is then read on their clock; ``en-GB``, French and Chinese parents come with a zone
and are not asked; a parent who answered, or used /timezone, is never asked again. The clock
is Friday 2026-11-20 07:30 UTC."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from handlers.intake.zone import read_zone
from storage.models import User
from storage.repositories import drafts
from tests.chat import ParentChat
from tests.core import core

PARENT = 1001


async def _at_amount(chat: ParentChat, platform: str = "douyin") -> None:
    await chat.command("start", platform)
    if "ask-consent" in chat.keys:  # once agreed, not asked again for a later claim
        await chat.press("button-consent-yes")
    if "ask-platform" in chat.keys:
        await chat.say("Roblox")  # a platform of its own: no currency of its own
    await chat.press("problem-payment-failed")
    await chat.press("writer-parent")
    await chat.say("acct-1")
    await chat.press("payment-bank-card")
    assert chat.keys == ["ask-tx-amount"], chat.keys


async def _user(database) -> User:
    async with database.unit_of_work() as session:
        user = await session.get(User, PARENT)
        assert user is not None
        return user


async def _finish_purchase(chat: ParentChat) -> None:
    await chat.press("button-tx-correct")
    await chat.press("button-no-order")
    assert chat.keys == ["tx-recorded", "ask-tx-more"], chat.keys


async def _draft_purchase(database) -> dict:
    async with database.unit_of_work() as session:
        draft = await drafts.get_open_draft(session=session, user_id=PARENT)
        assert draft is not None
        return draft.answers["transactions"][0]


@pytest.mark.parametrize("code", ["en", "en-US"])
async def test_an_english_parent_is_asked_once_and_the_time_is_read_there(
    conversation, localizer, database, code
):
    chat = ParentChat(conversation, localizer, language_code=code)
    await _at_amount(chat)
    await chat.say("$4.99")
    assert chat.keys == ["ask-zone"], chat.keys
    labels = chat.labels()
    for city in ("London", "New York", "Los Angeles", "Sydney", "Singapore", "Hong Kong"):
        assert city in labels, labels

    await chat.press("zone-city-new-york")
    assert chat.keys == ["ask-tx-time"], chat.keys
    assert chat.last.parts[0].params == {"timezone": "America/New_York"}
    await chat.say("yesterday at 9pm")
    assert "Thu, Nov 19, 2026, 9:00 PM" in chat.text, chat.text
    await _finish_purchase(chat)
    purchase = await _draft_purchase(database)
    # 21:00 in New York (EST, UTC-5) is 02:00 UTC the next day, not 21:00 UTC.
    assert datetime.fromisoformat(purchase["when"]) == datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    user = await _user(database)
    assert user.timezone == "America/New_York"
    assert user.timezone_chosen_at is not None

    await chat.press("button-tx-add")  # a second purchase: no question
    await chat.say("$1.99")
    assert chat.keys == ["ask-tx-time"], chat.keys
    await chat.command("cancel")
    await _at_amount(chat)  # and a claim started later: none either
    await chat.say("$2.99")
    assert chat.keys == ["ask-tx-time"], chat.keys


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("en-GB", "Europe/London"),
        ("en-SG", "Asia/Singapore"),
        ("fr", "Europe/Paris"),
        ("zh-hans", "Asia/Shanghai"),
        ("zh-hant", "Asia/Taipei"),
        ("zh-HK", "Asia/Hong_Kong"),
    ],
)
async def test_a_language_or_region_with_a_place_is_not_asked(
    conversation, localizer, database, code, zone
):
    chat = ParentChat(conversation, localizer, language_code=code)
    await _at_amount(chat)
    await chat.say("49")
    assert chat.keys == ["ask-tx-time"], chat.keys
    assert chat.last.parts[0].params == {"timezone": zone}
    assert (await _user(database)).timezone_chosen_at is None


async def test_a_parent_who_used_timezone_is_never_asked(conversation, localizer, database):
    chat = ParentChat(conversation, localizer)
    await chat.command("timezone", "Australia/Sydney")
    await _at_amount(chat)
    await chat.say("$4.99")
    assert chat.keys == ["ask-tx-time"], chat.keys
    assert chat.last.parts[0].params == {"timezone": "Australia/Sydney"}


async def test_timezone_while_the_question_is_open_answers_it(conversation, localizer, database):
    chat = ParentChat(conversation, localizer)
    await _at_amount(chat)
    await chat.say("$4.99")
    assert chat.keys == ["ask-zone"], chat.keys
    await chat.command("timezone", "UTC+8")
    # Set, and the intake goes on to the time: the question is not put again.
    assert chat.keys == ["timezone-changed", "ask-tx-time"], chat.keys
    await chat.say("yesterday at 9pm")
    await _finish_purchase(chat)
    purchase = await _draft_purchase(database)
    assert datetime.fromisoformat(purchase["when"]) == datetime(2026, 11, 19, 13, 0, tzinfo=UTC)


async def test_a_city_or_an_offset_typed_and_a_wrong_answer(conversation, localizer, database):
    chat = ParentChat(conversation, localizer)
    await _at_amount(chat)
    await chat.say("$4.99")
    buttons = chat.last.buttons
    await chat.say("Atlantis")
    assert chat.keys == ["error-zone"], chat.keys
    assert chat.last.buttons == buttons  # the cities again under the explanation
    assert "Atlantis" in chat.text
    await chat.say("los angeles")
    assert chat.keys == ["ask-tx-time"], chat.keys
    assert (await _user(database)).timezone == "America/Los_Angeles"


async def test_the_assumed_currency_follows_the_place(conversation, localizer, database):
    """An amount typed without its currency before the question was taken as dollars; the
    parent then says Hong Kong: it is Hong Kong dollars (they confirm it anyway)."""
    chat = ParentChat(conversation, localizer)
    await _at_amount(chat, platform="")
    await chat.say("50")
    await chat.press("zone-city-hong-kong")
    await chat.say("yesterday at 9pm")
    assert chat.keys[0] == "ask-tx-confirm", chat.keys
    assert "HK$50.00" in chat.text, chat.text


async def test_a_restart_at_the_question_asks_it_once(
    database, policy, clock, localizer, conversation
):
    chat = ParentChat(conversation, localizer)
    await _at_amount(chat)
    await chat.say("$4.99")
    assert chat.keys == ["ask-zone"], chat.keys
    # A new process on the same database: the parent goes on where they were.
    again = core(database, clock, localizer, policy=policy)
    chat.conversation = again
    await chat.say("London")
    assert chat.keys == ["ask-tx-time"], chat.keys
    await chat.say("yesterday at 9pm")
    await _finish_purchase(chat)
    await chat.command("cancel")
    await _at_amount(chat)  # a later claim
    await chat.say("£4.99")
    assert chat.keys == ["ask-tx-time"], chat.keys


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        pytest.param("London", "Europe/London", id="a-city"),
        pytest.param("new york", "America/New_York", id="a-city-in-lower-case"),
        pytest.param("Europe/Berlin", "Europe/Berlin", id="a-zone-name"),
        pytest.param("berlin", "Europe/Berlin", id="a-zone-names-city"),
        pytest.param("UTC+8", "Etc/GMT-8", id="an-offset-from-utc"),
        pytest.param("-5", "Etc/GMT+5", id="a-bare-offset"),
        pytest.param("UTC", "UTC", id="utc"),
        pytest.param("Europe", None, id="a-continent"),
        pytest.param("Atlantis", None, id="no-such-place"),
        pytest.param("UTC+15", None, id="an-offset-out-of-range"),
        pytest.param("x" * 200, None, id="too-long"),
    ],
)
def test_reading_a_zone(text, zone):
    assert read_zone(text) == zone
