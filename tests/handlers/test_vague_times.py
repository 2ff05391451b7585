"""A time given only as a part of the day stays vague (issue #14): "yesterday evening", 昨晚,
昨天晚上, "hier soir", 前天下午 are shown back as "in the evening, around 8:00 PM", and the
submitted purchase remembers it, so the agents' card, /status, the /mydata export and a partial
decision still say "around" — never an exact minute the parent did not give. "hier vers 21h"
and 昨天晚上8点 are exact and stay so. The clock is Friday 2026-11-20 07:30 UTC."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from handlers.aftercare.decisions import explain_decision
from handlers.case.view import CaseView
from handlers.events import EventKind, Incoming
from handlers.policy import AftercarePolicy
from handlers.replies import Msg, SendDocument
from storage.models import CaseTransaction
from tests.case_rows import card_purchase_line, case_row, with_one_purchase
from tests.chat import ParentChat, finish_to_review, start_failed_payment


@dataclass(frozen=True)
class Said:
    language_code: str
    when: str
    period: str | None  # None: an exact time
    moment: datetime  # UTC
    shown: str  # how /status words it in the parent's language


SAID = [
    Said(
        "en-GB",
        "yesterday evening",
        "evening",
        datetime(2026, 11, 19, 20, 0, tzinfo=UTC),
        "Thu, Nov 19, 2026, in the evening, around 8:00 PM",
    ),
    Said(
        "zh-hans",
        "昨晚",
        "night",
        datetime(2026, 11, 19, 13, 0, tzinfo=UTC),
        "2026年11月19日周四夜里（大约 21:00）",
    ),
    Said(
        "zh-hans",
        "昨天晚上",
        "evening",
        datetime(2026, 11, 19, 12, 0, tzinfo=UTC),
        "2026年11月19日周四晚上（大约 20:00）",
    ),
    Said(
        "fr-FR",
        "hier soir",
        "evening",
        datetime(2026, 11, 19, 19, 0, tzinfo=UTC),
        "jeu. 19 nov. 2026, dans la soirée, vers 20:00",
    ),
    Said(
        "zh-hant",
        "前天下午",
        "afternoon",
        datetime(2026, 11, 18, 7, 0, tzinfo=UTC),
        "2026年11月18日週三下午（大約 15:00）",
    ),
    Said(
        "fr-FR",
        "hier vers 21h",
        None,
        datetime(2026, 11, 19, 20, 0, tzinfo=UTC),
        "jeu. 19 nov. 2026, 21:00",
    ),
    Said(
        "zh-hans",
        "昨天晚上8点",
        None,
        datetime(2026, 11, 19, 12, 0, tzinfo=UTC),
        "2026年11月19日周四 20:00",
    ),
]
IDS = [s.when for s in SAID]


async def _submit(chat: ParentChat, when: str) -> None:
    await start_failed_payment(chat)
    await chat.press("payment-alipay")
    await chat.say("648 CNY")
    assert chat.keys == ["ask-tx-time"], chat.keys
    await chat.say(when)
    assert chat.keys[0] == "ask-tx-confirm", chat.keys
    await chat.press("button-tx-correct")
    await chat.press("button-no-order")
    await finish_to_review(chat, "My child paid without asking.")
    await chat.press("button-submit")
    assert chat.keys[0] == "submitted", chat.keys


async def _stored(database) -> CaseTransaction:
    async with database.unit_of_work() as session:
        (purchase,) = (await session.exec(select(CaseTransaction))).all()
        return purchase


@pytest.mark.parametrize("said", SAID, ids=IDS)
async def test_the_submitted_purchase_remembers_a_vague_time(
    conversation, localizer, database, said
):
    chat = ParentChat(conversation, localizer, language_code=said.language_code)
    await _submit(chat, said.when)
    purchase = await _stored(database)
    assert purchase.occurred_at == said.moment
    assert purchase.time_vague == said.period
    assert purchase.has_time


@pytest.mark.parametrize("said", SAID, ids=IDS)
async def test_status_says_around(conversation, localizer, database, said):
    chat = ParentChat(conversation, localizer, language_code=said.language_code)
    await _submit(chat, said.when)
    await chat.command("status")
    assert said.shown in chat.text, chat.text
    vague = (
        "around" in chat.text or "vers" in chat.text or "大约" in chat.text or "大約" in chat.text
    )
    assert vague == (said.period is not None), chat.text


@pytest.mark.parametrize("said", [SAID[0], SAID[5]], ids=[IDS[0], IDS[5]])
async def test_mydata_says_the_time_was_approximate(conversation, localizer, database, said):
    chat = ParentChat(conversation, localizer, language_code=said.language_code)
    await _submit(chat, said.when)
    out = await conversation.handle(
        Incoming(
            sender=chat.sender, chat_id=chat.chat_id, kind=EventKind.COMMAND, command="mydata"
        )
    )
    (document,) = [o for o in out if isinstance(o, SendDocument)]
    (purchase,) = json.loads(document.content)["cases"][0]["transactions"]
    assert purchase["time_approximate"] is (said.period is not None)
    assert purchase["part_of_day"] == said.period
    assert purchase["occurred_at"]["utc"].startswith(said.moment.isoformat()[:16])


def _view(vague: str | None) -> CaseView:
    moment = datetime(2026, 11, 19, 20, 0, tzinfo=UTC)  # 21:00 in Paris
    case = case_row(
        "K7QM4",
        at=moment,
        id=1,
        decision="partial",
        decided_amount=Decimal("20"),
        decided_currency="EUR",
        decided_at=moment,
    )
    return with_one_purchase(case, moment, time_vague=vague)


@pytest.mark.parametrize(
    ("language", "vague", "exact"),
    [
        ("en", "Thu, Nov 19, 2026, at night, around 9:00 PM (Paris, UTC+1)", "9:00 PM (Paris"),
        ("fr", "jeu. 19 nov. 2026, dans la nuit, vers 21:00 (Paris, UTC+1)", "21:00 (Paris"),
        ("zh-Hans", "2026年11月19日周四夜里（大约 21:00）（巴黎，UTC+1）", "21:00（巴黎"),
    ],
)
def test_the_agents_card_says_around(localizer, language, vague, exact):
    for period, expected in (("night", vague), (None, exact)):
        text = card_purchase_line(localizer, _view(period), language, "Asia/Shanghai")
        assert expected in text, text
        assert (period is not None) == any(w in text for w in ("around", "vers", "大约")), text


def test_a_partial_decision_lists_the_purchase_as_around(localizer):
    for period, expected in (
        ("evening", "Thu, Nov 19, 2026, in the evening, around 9:00 PM"),
        (None, "Thu, Nov 19, 2026, 9:00 PM"),
    ):
        [(parts, _)] = explain_decision(_view(period), AftercarePolicy())
        lines = [p for p in parts if isinstance(p, Msg) and p.key == "review-tx-line"]
        text = localizer.plain("en", lines[0])
        assert expected in text, text
        assert ("around" in text) == (period is not None), text
