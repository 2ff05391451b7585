"""Input that used to crash the bot gets the usual translated answer, and the bot goes on.

Odd digits ("²" passes ``str.isdigit()`` but not ``int()``; Arabic-Indic and full-width digits
do pass both), ids beyond the database's integers, date arithmetic that overflows, and text
longer than a PostgreSQL column. Every test runs on SQLite and, when configured, PostgreSQL
(which refuses an over-long value or an out-of-range id where SQLite keeps quiet).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import inspect
from sqlmodel import select

from handlers.conversation import Conversation
from handlers.events import Media, MediaKind
from handlers.parsing.when import parse_when_detail
from handlers.policy import DeskPolicy, IntakePolicy
from handlers.replies import EditMessage, Reply
from storage.models import Case, Evidence
from tests.chat import ParentChat, start_claim
from tests.core import core
from tests.handlers.desk_helpers import GROUP, Agent, reload, submitted_case

PARENT = 1001
#: Ids a button's data might carry: not ASCII digits, or beyond INTEGER / BIGINT.
ODD_IDS = [
    "²",
    "١٢",  # Arabic-Indic 12
    "１２",  # full-width 12
    "99999999999999999999",
    "2147483648",  # one past PostgreSQL's INTEGER
    "9" * 400,
    "-1",
    "+1",
    " 1",
    "1_0",
    "",
]


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"{text[:8]}…({len(text)} chars)"


@pytest.fixture
def conversation(database, policy, clock, localizer) -> Conversation:
    desk = DeskPolicy(chat_id=GROUP, language="en", use_topics=True)
    return core(database, clock, localizer, policy=policy, desk=desk)


# -- ids in button data ------------------------------------------------------------------


@pytest.mark.parametrize("odd", ODD_IDS, ids=_short)
async def test_desk_button_with_an_odd_case_id_is_refused(database, clock, conversation, odd):
    case = await submitted_case(database, clock.now())
    agent = Agent(conversation)
    await agent.press_data(f"d|{odd}|claim|")
    assert agent.notice() == "desk-refused-unknown"
    await agent.press(case, "claim")  # the next real press works
    assert agent.notice() is None
    assert (await reload(database, case)).status == "in_review"


@pytest.mark.parametrize("odd", ODD_IDS, ids=_short)
async def test_parent_buttons_with_an_odd_id_are_stale(
    database, clock, conversation, localizer, odd
):
    case = await submitted_case(database, clock.now(), user_id=PARENT, language="en")
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    for data in (
        f"pcase:{odd}",
        f"appeal:{odd}",
        f"appeal:{odd}:send",
        f"rate:{odd}:5",
        f"rate:{case.id}:{odd}",
        f"erase:{odd}",
        f"st:open:{odd}",
    ):
        await parent.press_data(data)
        # A confirmation time far off is an expired confirmation, not a crash.
        expected = (
            ("error-stale-button", "erase-expired") if data[0] == "e" else ("error-stale-button",)
        )
        assert parent.keys[0] in expected, data
    await parent.press_data(f"rate:{case.id}:5")
    assert parent.keys == ["parent-thanks", "rating-comment-ask"]


@pytest.mark.parametrize("odd", ODD_IDS, ids=_short)
async def test_intake_button_with_an_odd_draft_id_is_stale(conversation, localizer, odd):
    chat = ParentChat(conversation, localizer)
    await chat.command("start")
    await chat.press_data(f"{odd}|consent|yes")
    assert chat.keys == ["error-stale-button", "ask-consent"]
    await chat.press("button-consent-yes")
    assert chat.keys == ["ask-platform"]


# -- the child's age -----------------------------------------------------------------------


async def _at_age(chat: ParentChat) -> None:
    await start_claim(chat, "platform-douyin", "problem-minor-purchase")
    assert chat.keys == ["ask-minor-age"]


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("²", "error-age"),
        ("99999999999999999999", "error-age"),
        ("9" * 180, "error-age"),
        ("120", "error-age-range"),  # was read as 12
        ("12345 ans", "error-age"),  # was read as 12
    ],
    ids=_short,
)
async def test_odd_ages_are_refused_then_a_real_one_is_taken(
    database, conversation, localizer, typed, key
):
    chat = ParentChat(conversation, localizer)
    await _at_age(chat)
    await chat.say(typed)
    assert chat.keys == [key]  # the reason alone: the question is the message above
    assert chat.text  # rendered in full
    await chat.say("12")
    assert chat.keys == ["ask-account"]


@pytest.mark.parametrize("typed", ["１２", "١٢", "１２岁"])
async def test_ages_in_other_digits_are_understood(database, conversation, localizer, typed):
    chat = ParentChat(conversation, localizer, language_code="zh-hans")
    await _at_age(chat)
    await chat.say(typed)
    assert chat.keys == ["ask-account"]


# -- dates -----------------------------------------------------------------------------------

_AT_TIME = {
    "en": ("$4.99", "yesterday at 9pm"),
    "fr": ("9,90 €", "hier vers 21h"),
    "zh-Hans": ("648元", "昨天晚上8点"),
}


async def _at_time(chat: ParentChat, language: str) -> None:
    await start_claim(chat, "platform-douyin", "problem-payment-failed")
    await chat.say("acct_2015")
    await chat.press("payment-bank-card")
    await chat.say(_AT_TIME[language][0])
    if language == "en":  # a bare "en" parent says where they are, once
        assert chat.keys == ["ask-zone"]
        await chat.press("zone-city-london")
    assert chat.keys == ["ask-tx-time"]


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("en", "1000000 days ago"),
        ("fr", "il y a 1000000 jours"),
        ("zh-Hans", "1000000天前"),
        ("en", "1000000 weeks ago"),
        ("en", "١٢٣٤٥٦٧ days ago"),
        ("en", "99999999999999999999999 minutes ago"),
        ("zh-Hans", "10000000000000000000000天前"),
        ("en", "4000 days ago"),  # beyond ten years
        ("en", "March 2, 99999"),  # the year was dropped: this year's 2 March
        ("fr", "2 mars 99999"),
        ("zh-Hans", "99999年3月2日"),  # was read as the year 9999
        ("en", "99999-03-02"),
        ("en", "2/3/99999"),
    ],
)
async def test_dates_far_away_get_the_usual_answer(
    database, conversation, localizer, language, typed
):
    chat = ParentChat(conversation, localizer, language_code=language)
    await _at_time(chat, language)
    await chat.say(typed)
    assert chat.keys == ["error-time"], typed
    await chat.say(_AT_TIME[language][1])
    assert chat.keys[0] == "ask-tx-confirm"


def test_the_parser_reads_up_to_ten_years_back_and_never_raises():
    now = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)
    for text in ("3000 days ago", "520 weeks ago", "87000 hours ago", "1000000 minutes ago"):
        assert parse_when_detail(text, "en", "Asia/Shanghai", now) is not None, text
    for zone in ("Asia/Shanghai", "Etc/GMT+12", "Etc/GMT-14", "UTC"):
        for text in (
            "3660000 days ago",
            "739000 days ago",  # the year 1: a UTC conversion would overflow
            "9" * 299 + " days ago",
            "١" * 20 + " hours ago",
            "12/31/9999 11:59 pm",
            "9999-12-31 23:59",
            "0100-01-01",
            "二〇二五年十三月一日",
        ):
            parse_when_detail(text, "en", zone, now)  # an answer or None: never an exception


# -- references and zones typed after a command ---------------------------------------------


async def test_status_and_case_with_odd_references(database, clock, conversation, localizer):
    case = await submitted_case(database, clock.now(), user_id=PARENT, language="en")
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    for typed in ("²", "K7QM4²", "１２３４５", "٣٤٥٦٧", "9" * 5000, "#", "-", "ǅ" * 40):
        await parent.command("status", typed)
        assert parent.keys == ["status-unknown"], typed
        assert len(parent.last.parts[0].params["reference"]) <= 32
    await parent.command("status", "k7qm4")
    assert parent.last.parts[0].key != "status-unknown"

    agent = Agent(conversation)
    for typed in ("²", "١٢٣٤٥", "9" * 5000, "ǅ" * 40):
        await agent.command("case", typed)
        unknown = [o for o in agent.out if isinstance(o, Reply)]
        assert [p.key for p in unknown[0].parts] == ["desk-case-unknown"], typed
        assert len(unknown[0].parts[0].params["reference"]) <= 32
    await agent.command("case", case.reference)
    assert agent.to(GROUP)[0] != "desk-case-unknown"


@pytest.mark.parametrize(
    "typed", ["Europe", "America", "Etc", "a" * 300, "Europe/" + "x" * 300], ids=_short
)
async def test_timezone_names_that_are_folders_or_too_long(conversation, localizer, typed):
    chat = ParentChat(conversation, localizer)
    await chat.command("start")
    await chat.command("timezone", typed)
    assert chat.keys == ["error-timezone", "ask-consent"]
    assert len(chat.last.parts[0].params["value"]) <= 64
    await chat.press_data(f"tz:{typed}")
    assert chat.keys == ["error-timezone", "ask-consent"]
    await chat.command("timezone", "Europe/Paris")
    assert chat.keys == ["timezone-changed", "ask-consent"]


# -- text longer than its column -------------------------------------------------------------


def test_the_intake_never_takes_more_text_than_its_columns_hold():
    columns = inspect(Case).columns
    policy = IntakePolicy()
    for typed in ("platform_other", "account", "payment_other", "contact"):
        assert policy.max_text_length <= columns[typed].type.length, typed
    assert policy.max_description_length <= columns["description"].type.length


async def test_long_file_name_mime_type_and_album_id_are_cut(database, conversation, localizer):
    chat = ParentChat(conversation, localizer)
    await chat.command("start")
    await chat.press("button-consent-yes")
    name = "r" * 296 + ".pdf"  # 300 characters
    mime = "application/pdf; x=" + "y" * 181  # 200 characters
    document = Media(
        MediaKind.DOCUMENT,
        file_id="f-long",
        file_unique_id="u-long",
        file_name=name,
        mime_type=mime,
        size=40_000,
    )
    await chat.upload(document, group="g" * 100)
    assert chat.keys == ["evidence-kept-aside", "ask-platform"]
    async with database.unit_of_work() as session:
        stored = (await session.exec(select(Evidence))).one()
    assert stored.file_name is not None and len(stored.file_name) <= 255
    assert stored.file_name.endswith(".pdf") and stored.file_name.startswith("rrrr")
    assert stored.mime_type is not None and len(stored.mime_type) <= 127
    assert stored.mime_type.startswith("application/pdf")
    assert stored.media_group_id is not None and len(stored.media_group_id) <= 64
    await chat.press("platform-douyin")
    assert chat.keys == ["ask-problem"]


async def test_file_ids_longer_than_their_column_are_refused(database, conversation, localizer):
    chat = ParentChat(conversation, localizer)
    await chat.command("start")
    await chat.press("button-consent-yes")
    photo = Media(MediaKind.PHOTO, file_id="f" * 300, file_unique_id="u-1", size=9_000)
    await chat.upload(photo)
    assert chat.keys == ["error-file-type"]
    assert chat.last.buttons == chat.replies[-2].buttons  # the platforms, to pick one
    async with database.unit_of_work() as session:
        assert (await session.exec(select(Evidence))).all() == []
    await chat.upload(Media(MediaKind.PHOTO, file_id="f-ok", file_unique_id="u-2", size=9_000))
    assert chat.keys == ["evidence-kept-aside", "ask-platform"]


async def test_a_decision_note_longer_than_its_column_is_refused(database, clock, conversation):
    case = await submitted_case(database, clock.now())
    agent = Agent(conversation)
    await agent.press(case, "reject")
    card = next(o for o in agent.out if isinstance(o, EditMessage))  # the reasons are on it
    await agent.press_data(card.buttons[0][0].data)
    await agent.write("x" * 3000)
    assert agent.to(GROUP) == ["error-text-too-long", "desk-reject-note-prompt"]
    assert agent.to(PARENT) == []
    waiting = await reload(database, case)
    assert (waiting.status, waiting.pending_input["kind"]) == ("in_review", "reject_note")
    again = next(o for o in agent.out if isinstance(o, Reply) and o.chat_id == GROUP)
    assert [b.label.key for row in again.buttons for b in row] == ["desk-button-no-note"]
    await agent.write("Les captures ne montrent pas les achats.")
    decided = await reload(database, case)
    assert (decided.decision, decided.decision_note) == (
        "rejected",
        "Les captures ne montrent pas les achats.",
    )


async def test_an_agent_name_longer_than_its_column_is_cut(database, clock, conversation):
    case = await submitted_case(database, clock.now())
    agent = Agent(conversation, name="Ǆ" * 300)
    await agent.press(case, "claim")
    assert agent.notice() is None
    claimed = await reload(database, case)
    assert claimed.assignee_id == agent.sender.user_id
    assert claimed.assignee_name is not None and 0 < len(claimed.assignee_name) <= 200
