"""A complete intake through the core in each language, with a wrong answer at every step."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from handlers.events import EventKind, Media, MediaKind
from handlers.intake.prompting import ASK_AGAIN_AFTER
from storage.repositories import cases, drafts, evidence
from tests.chat import ParentChat


@dataclass(frozen=True)
class Script:
    language_code: str
    language: str
    age: str
    amount: str
    when: str
    amount2: str
    when2: str
    expected: tuple[tuple[str, str, datetime], ...]  # amount, currency, moment (UTC)
    fixed_amount: str
    fixed_when: str
    fixed_expected: tuple[str, str, datetime]
    description: str
    #: The answer to "where are you?", asked of an English parent before the first time
    #: (their language names no place); None: not asked.  The English script's is London,
    #: UTC+0 in November: its times are London's.
    zone: str | None = None


def _reading(amount: str, currency: str, moment: str) -> tuple[str, str, datetime]:
    return amount, currency, datetime.fromisoformat(moment)


def _scripts() -> list[Script]:
    """Each language's script: tests/handlers/corpus/intake_scripts.json, one object a
    language with the fields of ``Script`` (moments in ISO 8601)."""
    path = Path(__file__).resolve().parent / "corpus" / "intake_scripts.json"
    scripts = []
    for fields in json.loads(path.read_text(encoding="utf-8")):
        fields["expected"] = tuple(_reading(*reading) for reading in fields["expected"])
        fields["fixed_expected"] = _reading(*fields["fixed_expected"])
        scripts.append(Script(**fields))
    return scripts


SCRIPTS = _scripts()


def photo(name: str) -> Media:
    return Media(MediaKind.PHOTO, file_id=f"file-{name}", file_unique_id=f"u-{name}", size=52_000)


def document(name: str, mime: str, size: int = 80_000) -> Media:
    return Media(
        MediaKind.DOCUMENT, file_id=f"file-{name}", file_name=name, mime_type=mime, size=size
    )


def assert_refused(chat: ParentChat, error: str, question: str) -> None:
    """A translated explanation with the question's buttons again, not the whole question —
    unless the parent was looking elsewhere (an earlier question's button, a file kept aside):
    then the question comes again too."""
    assert chat.keys[0] == error, chat.keys
    if error in ASK_AGAIN_AFTER:
        assert question in chat.keys, chat.keys
    else:
        assert question not in chat.keys, chat.keys
    asked = [r for r in chat.replies[:-1] if question in [p.key for p in r.parts]][-1]
    assert chat.last.buttons == asked.buttons  # the same choices, under the explanation
    assert chat.last.language != "" and chat.text  # rendered without a missing key


async def answer_transaction(
    chat: ParentChat, amount: str, when: str, zone: str | None = None
) -> None:
    await chat.say(amount)
    if zone is not None:  # the first time of a parent whose language names no place
        assert chat.keys == ["ask-zone"], chat.keys
        await chat.say(zone)
    assert chat.keys[-1] == "ask-tx-time", (amount, chat.keys)
    await chat.say(when)
    assert chat.keys[0] == "ask-tx-confirm", (when, chat.text)


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.language for s in SCRIPTS])
async def test_complete_intake_with_wrong_answers(conversation, localizer, database, script):
    chat = ParentChat(conversation, localizer, language_code=script.language_code)

    await chat.command("start")
    assert chat.last.language == script.language
    assert chat.keys == ["welcome", "ask-consent"]
    await chat.say("???")
    assert_refused(chat, "error-use-buttons", "ask-consent")
    await chat.press("button-consent-yes")
    assert chat.keys == ["ask-platform"]

    await chat.send_kind(EventKind.STICKER)
    assert_refused(chat, "error-sticker", "ask-platform")
    await chat.press("platform-douyin")

    await chat.send_kind(EventKind.VOICE)
    assert_refused(chat, "error-voice", "ask-problem")
    await chat.press("problem-minor-purchase")

    await chat.say("qwerty")
    assert_refused(chat, "error-use-buttons", "ask-writer")
    parent_label = localizer.plain(script.language, chat.buttons()[0].label)
    await chat.say(parent_label)  # typing a button's label works like pressing it
    assert chat.keys == ["ask-minor-age"]

    await chat.say("old enough")
    assert_refused(chat, "error-age", "ask-minor-age")
    await chat.say("45")
    assert_refused(chat, "error-age-range", "ask-minor-age")
    await chat.say(script.age)
    assert chat.keys == ["ask-account"]

    await chat.say("x" * 5000)
    assert_refused(chat, "error-text-too-long", "ask-account")
    await chat.upload(photo("early"))  # a screenshot sent too early is kept, not lost
    assert_refused(chat, "evidence-kept-aside", "ask-account")
    await chat.say("douyin_kid_2014")

    assert chat.keys == ["ask-payment"]  # how it was paid comes before the purchases
    await chat.say("by magic")
    assert_refused(chat, "error-use-buttons", "ask-payment")
    await chat.press("payment-alipay")

    assert chat.keys == ["ask-tx-amount"]
    await chat.say("hello")
    assert_refused(chat, "error-amount", "ask-tx-amount")
    await chat.say(script.amount)
    if script.zone is not None:
        assert chat.keys == ["ask-zone"], chat.keys
        await chat.say("nowhere")
        assert_refused(chat, "error-zone", "ask-zone")
        await chat.say(script.zone)
    await chat.say("2027-01-05 10:00")
    assert_refused(chat, "error-time-future", "ask-tx-time")
    await chat.say("blah blah")
    assert_refused(chat, "error-time", "ask-tx-time")
    await chat.say(script.when)
    assert chat.keys[0] == "ask-tx-confirm", chat.text
    await chat.say("maybe")
    assert_refused(chat, "error-use-buttons", "ask-tx-confirm")
    await chat.press("button-tx-correct")
    assert chat.last.parts[0].params["where"].params == {"method": "alipay"}
    await chat.say("??")
    assert_refused(chat, "error-order", "ask-tx-order")
    await chat.say("4200001234 2025 1103")  # spaces inside are dropped
    assert chat.keys == ["tx-recorded", "ask-tx-more"]
    await chat.press("button-tx-add")
    await answer_transaction(chat, script.amount2, script.when2)
    await chat.press("button-tx-correct")
    await chat.press("button-no-order")
    assert chat.keys == ["tx-recorded", "ask-tx-more"]
    stale = chat.buttons()[0].data
    await chat.press("button-tx-done")

    assert chat.keys == ["evidence-count"]  # the early screenshot is already there
    await chat.press_data(stale)
    assert_refused(chat, "error-stale-button", "evidence-count")
    await chat.say("here they are")
    assert_refused(chat, "error-evidence-text-more", "evidence-count")
    await chat.upload(document("game.zip", "application/zip"))
    assert_refused(chat, "error-file-type", "evidence-count")
    await chat.upload(document("huge.pdf", "application/pdf", size=50 * 1024 * 1024))
    assert_refused(chat, "error-file-size", "evidence-count")
    await chat.upload(photo("a1"), photo("a2"), group="album-1")
    await chat.upload(document("bill.pdf", "application/pdf"))
    assert chat.keys == ["evidence-count"]
    await chat.press("button-evidence-done")

    await chat.say("ok")
    assert_refused(chat, "error-description-short", "ask-description")
    await chat.say(script.description)
    await chat.say("y" * 300)
    assert_refused(chat, "error-text-too-long", "ask-contact")
    await chat.press("button-skip-contact")
    assert chat.keys[0] == "review-header"
    assert chat.keys[-1] == "ask-review"

    review_data = chat.buttons()[0].data
    await chat.press_data(review_data.rsplit("|", 1)[0] + "|edit:nothing")
    assert_refused(chat, "error-stale-button", "ask-review")
    await chat.press("button-edit-account")
    assert chat.keys == ["ask-account"]
    await chat.say("kid@douyin 88")
    assert chat.keys[0] == "review-header"
    await chat.press("button-edit-transactions")
    assert chat.keys[0] == "ask-tx-list"
    await chat.press("button-tx-change")  # the first one
    assert chat.keys == ["ask-tx-fix"]
    await chat.press("button-fix-amount")
    await chat.say(script.fixed_amount)
    assert chat.keys[0] == "ask-tx-confirm"  # the time is kept while the amount is changed
    await chat.press("button-tx-fix")
    await chat.press("button-fix-time")
    await chat.say(script.fixed_when)
    assert chat.keys[0] == "ask-tx-confirm", chat.text
    await chat.press("button-tx-fix")
    await chat.press("button-fix-order")
    await chat.say("ORD-778899")
    assert chat.keys[:2] == ["ask-tx-confirm", "tx-confirm-order"]
    await chat.press("button-tx-correct")
    assert chat.keys[0] == "review-header"
    await chat.press("button-submit")
    assert chat.keys == ["submitted", "submitted-timeline"]
    reference = chat.last.parts[0].params["reference"]
    assert chat.answered_buttons > 5  # every press got its spinner stopped

    async with database.unit_of_work() as session:
        case = await cases.case_by_reference(session=session, reference=reference)
        assert case is not None and case.id is not None
        assert (case.platform, case.problem, case.writer) == ("douyin", "minor_purchase", "parent")
        assert case.minor_age == 12
        assert case.account == "kid@douyin 88"
        assert case.payment_method == "alipay"
        assert case.description == script.description  # kept exactly as written
        assert case.contact is None and case.no_evidence is False
        assert case.language == script.language
        rows = await cases.transactions_of(session=session, case_id=case.id)
        got = [(r.amount, r.currency, r.occurred_at, r.order_number) for r in rows]
        fixed = script.fixed_expected
        assert got == [
            (Decimal(fixed[0]), fixed[1], fixed[2], "ORD-778899"),
            (Decimal(script.expected[1][0]), script.expected[1][1], script.expected[1][2], None),
        ]
        files = await evidence.list_for_case(session=session, case_id=case.id)
        assert [f.telegram_file_id for f in files] == [
            "file-early",
            "file-a1",
            "file-a2",
            "file-bill.pdf",
        ]
        assert files[1].media_group_id == files[2].media_group_id == "album-1"
        events = await cases.events_of(session=session, case_id=case.id)
        assert [e.action for e in events] == ["submitted"]
        assert await drafts.get_open_draft(session=session, user_id=1001) is None


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.language for s in SCRIPTS])
async def test_first_transaction_is_understood_as_typed(conversation, localizer, script):
    """The confirmation shows back what was understood, in the parent's conventions."""
    chat = ParentChat(conversation, localizer, language_code=script.language_code)
    await chat.command("start", "douyin")
    await chat.press("button-consent-yes")
    assert chat.keys == ["ask-problem"]  # the deep link chose the platform
    await chat.press("problem-payment-failed")
    await chat.press("writer-parent")
    assert chat.keys == ["ask-account"]  # no age asked for a double charge
    await chat.say("acct-1")
    await chat.press("payment-bank-card")
    await answer_transaction(chat, script.amount, script.when, script.zone)
    params = chat.last.parts[0].params
    amount, currency, moment = script.expected[0]
    from handlers.formatting import format_money, format_when

    assert params["money"] == format_money(Decimal(amount), currency, script.language)
    tz = {
        "en": "Europe/London",
        "fr": "Europe/Paris",
        "zh-Hans": "Asia/Shanghai",
        "zh-Hant": "Asia/Taipei",
    }
    assert params["when"] == format_when(moment, tz[script.language], script.language)
