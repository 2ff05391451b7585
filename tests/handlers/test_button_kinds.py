"""Typed button data (handlers/buttons.py): every kind writes exactly today's strings (buttons
already in people's chats keep working after a deploy), reads them back, refuses anything
forged or malformed, fits Telegram's 64 bytes by construction, and has exactly one handler."""

from __future__ import annotations

import dataclasses
import typing
from enum import StrEnum

import pytest

import handlers.conversation  # noqa: F401  (imports every feature, so every kind is defined)
from handlers.aftercare.appeal import AppealButton, AppealStep, StartAppeal
from handlers.aftercare.privacy import CheckIns, CheckInsSwitch, EraseCancel, EraseConfirm
from handlers.aftercare.routes import OtherRoutes
from handlers.aftercare.status import AllClaims, ClaimAction, ClaimButton
from handlers.bounds import INT32_MAX
from handlers.buttons import KINDS, ButtonData, Buttons, Router, number, text
from handlers.case.buttons import CardButton, CardStep
from handlers.case.states import Action
from handlers.commands import PRESSES, Language, Restart, Resume, TimeZone
from handlers.desk.actions import CARD_PRESSES
from handlers.desk.parents import CaseChoice, Rating
from handlers.intake.context import StepAnswer, StepName
from handlers.intake.review import EditField
from handlers.intake.transactions import PurchaseAction, PurchaseButton
from handlers.policy import DeskPolicy
from handlers.reading.offer import OfferAction, OfferButton
from handlers.replies import BUTTON_DATA_BYTES
from tests.chat import ParentChat

#: Each kind, as the bot wrote it before the kinds were typed (f-strings in each module).
WIRE: list[tuple[ButtonData, str]] = [
    (StepAnswer(12, StepName.PLATFORM, "douyin"), "12|platform|douyin"),
    (StepAnswer(12, StepName.REVIEW, "edit:payment_other"), "12|review|edit:payment_other"),
    (StepAnswer(7, StepName.TX_LIST, "change:3"), "7|tx_list|change:3"),
    (EditField("payment"), "edit:payment"),
    (EditField("minor_age"), "edit:minor_age"),
    (PurchaseButton(PurchaseAction.CHANGE, 3), "change:3"),
    (PurchaseButton(PurchaseAction.REMOVE, 100), "remove:100"),
    (CardButton(12, Action.APPROVE), "d|12|approve|"),
    (CardButton(12, Action.CLAIM), "d|12|claim|"),
    (CardButton(5, CardStep.REJECT_REASON, "duplicate"), "d|5|reject_reason|duplicate"),
    (CardButton(5, CardStep.REJECT_SKIP_NOTE), "d|5|reject_skip_note|"),
    (CardButton(5, CardStep.MOVE_TO, "vip"), "d|5|move_to|vip"),
    (CardButton(5, CardStep.CANCEL_INPUT), "d|5|cancel_input|"),
    (CardButton(5, CardStep.SHOW_FILES), "d|5|files|"),
    (CardButton(5, CardStep.CHECK_ORDERS), "d|5|orders|"),
    (Language("zh-hant"), "lang:zh-hant"),
    (Language("en"), "lang:en"),
    (TimeZone("Asia/Shanghai"), "tz:Asia/Shanghai"),
    (TimeZone("America/Los_Angeles"), "tz:America/Los_Angeles"),
    (Resume(3), "resume:3"),
    (Restart(3), "restart:3"),
    (OtherRoutes(""), "routes:"),
    (CaseChoice(9), "pcase:9"),
    (StartAppeal(9), "appeal:9"),
    (AppealButton(9, AppealStep.SEND), "appeal:9:send"),
    (AppealButton(9, AppealStep.CANCEL), "appeal:9:cancel"),
    (EraseConfirm(1764500000), "erase:1764500000"),
    (EraseCancel(), "erase:no"),
    (CheckInsSwitch(CheckIns.MUTE), "notif:mute"),
    (CheckInsSwitch(CheckIns.UNMUTE), "notif:unmute"),
    (Rating(5, 3), "rate:5:3"),
    (ClaimButton(ClaimAction.OPEN, 7), "st:open:7"),
    (ClaimButton(ClaimAction.MESSAGE, 7), "st:message:7"),
    (ClaimButton(ClaimAction.EVIDENCE, 7), "st:evidence:7"),
    (AllClaims(), "st:list"),
    (OfferButton(41, OfferAction.USE), "read:41:use"),
    (OfferButton(41, OfferAction.AMOUNT), "read:41:amount"),
    (OfferButton(41, OfferAction.TIME), "read:41:time"),
    (OfferButton(41, OfferAction.ORDER), "read:41:order"),
    (OfferButton(41, OfferAction.NO), "read:41:no"),
]

#: Data each kind must refuse: forged, malformed, or from another kind.
FORGED: dict[type[ButtonData], list[str]] = {
    StepAnswer: [
        "12|platform",
        "x|platform|douyin",
        "0|platform|douyin",
        "012|platform|douyin",
        "2147483648|platform|douyin",
        "１２|platform|douyin",
        "12|nowhere|douyin",
        "12|platform|",
        "12|platform|" + "p" * 33,
    ],
    CardButton: [
        "d|12|approve",
        "d|12|approve||",
        "d|12|delete|",
        "d||approve|",
        "d|-1|approve|",
        "d|+1|approve|",
        "d|007|approve|",
        "d|99999999999|approve|",
        "x|12|approve|",
        "d:12:approve:",
        "d|12|move_to|" + "t" * 33,
    ],
    EditField: ["edit:", "edit", "edit:" + "f" * 17, "change:3"],
    PurchaseButton: ["change:", "change:0", "change:101", "change:03", "move:3", "change:3:1"],
    Language: ["lang:", "lang:xx", "lang:en:x", "lang"],
    TimeZone: ["tz", "tz:" + "a" * 62, "tzAsia/Shanghai"],
    Resume: ["resume:", "resume:x", "resume:0", "resume:03", "resume:3:3", "resume:²"],
    Restart: ["restart:", "restart:-3", "restart: 3", "restart:1_0"],
    OtherRoutes: ["routes", "routes:" + "r" * 58],
    CaseChoice: ["pcase:", "pcase:abc", "pcase:9:9", "pcase:2147483648"],
    StartAppeal: ["appeal:", "appeal:x", "appeal:9:", "appeal:9:send"],
    AppealButton: ["appeal:9", "appeal:9:x", "appeal:9:", "appeal:x:send", "appeal:9:send:1"],
    EraseConfirm: ["erase:", "erase:no", "erase:-1", "erase:12x", "erase:" + "9" * 400],
    EraseCancel: ["erase:no:", "erase:No", "erase:nope", "erase:"],
    CheckInsSwitch: ["notif:", "notif:off", "notif:mute:1", "notif:MUTE"],
    Rating: ["rate:5", "rate:5:0", "rate:5:6", "rate:5:x", "rate:x:3", "rate:5:03", "rate:5:3:1"],
    ClaimButton: ["st:list", "st:", "st:open:", "st:open:abc", "st:delete:7", "st:list:7"],
    AllClaims: ["st:list:7", "st:list:", "st:lists", "st"],
    OfferButton: ["read:41", "read:41:", "read:41:maybe", "read:x:use", "read:41:use:1"],
}


class Colour(StrEnum):
    RED = "r:ed"  # a value holding the separator


def _kinds() -> list[type[ButtonData]]:
    return list(dict.fromkeys(KINDS))


def test_the_wire_table_covers_every_kind():
    assert {type(data) for data, _ in WIRE} == set(_kinds())
    assert set(FORGED) == set(_kinds())


@pytest.mark.parametrize(("data", "wire"), WIRE, ids=[w for _, w in WIRE])
def test_each_kind_writes_todays_string_and_reads_it_back(data, wire):
    assert data.pack() == wire
    assert type(data).unpack(wire) == data
    assert len(wire.encode()) <= BUTTON_DATA_BYTES


@pytest.mark.parametrize(("data", "wire"), WIRE, ids=[w for _, w in WIRE])
def test_data_reads_as_exactly_one_kind(data, wire):
    assert [k for k in _kinds() if k.unpack(wire) is not None] == [type(data)]


@pytest.mark.parametrize(
    ("kind", "data"),
    [(kind, data) for kind, forged in FORGED.items() for data in forged],
    ids=lambda v: v if isinstance(v, str) else v.__name__,
)
def test_forged_or_malformed_data_is_refused(kind, data):
    assert kind.unpack(data) is None


def test_what_reads_is_exactly_what_packs():
    corpus = [w for _, w in WIRE] + [d for forged in FORGED.values() for d in forged]
    corpus += ["", "garbage", ":", "|", "||", "d|", "d|1|claim|a|b", "12||x", "tz::"]
    for kind in _kinds():
        for data in corpus:
            read = kind.unpack(data)
            assert read is None or read.pack() == data, (kind.__name__, data)


def _widest(kind: type[ButtonData]) -> ButtonData:
    """The kind with each field at its longest."""
    hints = typing.get_type_hints(kind)
    values = []
    for field in dataclasses.fields(typing.cast(typing.Any, kind)):
        hint, meta = hints[field.name], field.metadata
        if hint is int:
            low, high = meta.get("low", 1), meta.get("high", INT32_MAX)
            values.append(max((low, high), key=lambda n: len(str(n))))
        elif hint is str:
            values.append("x" * meta["bytes"])
        else:
            members = [m for e in typing.get_args(hint) or (hint,) for m in e]
            values.append(max(members, key=lambda m: len(m.value)))
    return kind(*values)


@pytest.mark.parametrize("kind", _kinds(), ids=lambda k: k.__name__)
def test_every_kind_fits_64_bytes_at_its_longest(kind):
    widest = _widest(kind).pack()
    assert len(widest.encode()) == kind.longest() <= BUTTON_DATA_BYTES


def test_a_kind_that_could_outgrow_64_bytes_fails_where_it_is_defined():
    with pytest.raises(TypeError, match="packs up to 65 bytes"):

        class TooLong(ButtonData, prefix="tz"):
            zone: str = text(62)

    with pytest.raises(TypeError, match="packs up to 65 bytes"):

        class TooMany(ButtonData, prefix="a" * 30):
            first: int
            second: int
            third: int
            fourth: int = number(0, 9)


def test_a_kind_must_declare_what_its_fields_hold():
    with pytest.raises(TypeError, match="longest length"):

        class Unbounded(ButtonData, prefix="u"):
            value: str

    with pytest.raises(TypeError, match="int, str or StrEnum"):

        class Floating(ButtonData, prefix="f"):
            value: float

    with pytest.raises(TypeError, match="only the last field"):

        class Greedy(ButtonData, prefix="g"):
            value: str = text(8, rest=True)
            after: int

    with pytest.raises(TypeError, match="cannot be written"):

        class Painted(ButtonData, prefix="p"):
            colour: Colour


def test_writing_a_value_a_field_cannot_hold_raises():
    for bad in (Rating(5, 6), Rating(0, 3), Resume(True), CardButton(5, CardStep.MOVE_TO, "a|b")):
        with pytest.raises(ValueError):
            bad.pack()


# -- one handler per kind ------------------------------------------------------------------


def test_every_kind_has_exactly_one_handler():
    """A parent's buttons are routed by :data:`handlers.commands.PRESSES`, the card's by
    :data:`handlers.desk.actions.CARD_PRESSES`; a step's answer is read by the intake itself,
    and the choice it carries by its step (the review's and the purchase list's buttons)."""
    routed = list(PRESSES.kinds())
    assert len(routed) == len(set(routed))
    assert {*routed, CardButton, StepAnswer, EditField, PurchaseButton} == set(_kinds())
    assert CardButton not in routed and StepAnswer not in routed
    names = list(CARD_PRESSES.names())
    assert sorted(names) == sorted([*Action, *CardStep])


def test_a_kind_handled_twice_is_refused_when_the_router_is_built():
    first: Buttons[object] = Buttons()
    second: Buttons[object] = Buttons()

    async def handler(turn: object, data: object) -> None:
        return None

    first.on(Rating)(handler)
    second.on(Rating)(handler)
    with pytest.raises(ValueError, match="two features"):
        Router(first, second)
    with pytest.raises(ValueError, match="twice"):
        first.on(Rating)(handler)
    with pytest.raises(TypeError, match="no prefix"):
        first.on(StepAnswer)


async def test_the_router_sends_a_press_to_its_handler_or_says_it_is_not_ours():
    seen: list[object] = []
    feature: Buttons[list[object]] = Buttons()

    @feature.on(Rating)
    async def rated(turn: list[object], data: Rating) -> None:
        turn.append(data)

    @feature.otherwise(Rating)
    async def stale(turn: list[object], data: str) -> None:
        turn.append(("stale", data))

    router = Router(feature)
    assert await router.dispatch(seen, "rate:5:3")
    assert await router.dispatch(seen, "rate:5:9")
    assert not await router.dispatch(seen, "pcase:5")
    assert not await router.dispatch(seen, "rated:5:3")
    assert seen == [Rating(5, 3), ("stale", "rate:5:9")]


async def test_data_of_a_family_that_reads_as_none_of_its_kinds_is_answered_as_before(
    conversation, localizer
):
    """Routed by family: what a press that starts like a kind but does not read as one gets
    is the family's own answer, as when the data was parsed by hand."""
    chat = ParentChat(conversation, localizer)
    await chat.command("start")
    await chat.press_data("routes:")
    other_options = chat.keys
    await chat.press_data("routes")
    assert chat.keys == other_options
    for data in ("tz", "tz:" + "x" * 70):
        await chat.press_data(data)
        assert chat.keys == ["error-timezone", "ask-consent"], data
    for data in ("resume", "restart:x", "lang:xx", "lang", "nothing:1"):
        await chat.press_data(data)
        assert chat.keys[0] == "error-stale-button", data


def test_the_card_carries_every_reject_reason_and_the_longest_team_key():
    for reason in DeskPolicy().reject_reasons:
        assert CardButton.unpack(CardButton(1, CardStep.REJECT_REASON, reason).pack())
    key = "t" * 32  # bot/config.TeamSettings.key: ^[a-z0-9_-]{1,32}$
    assert CardButton.unpack(CardButton(INT32_MAX, CardStep.MOVE_TO, key).pack())
