"""A small desk whose figures are computed by hand (tests/handlers/test_report_figures.py).

Shanghai time (UTC+8), China's calendar: Fri 2026-09-25 is the Mid-Autumn holiday, 1–7
October the National Day week, Sat 10 October a working day. Working hours 09:00–18:00.

==  =================  ====  =================================================================
A   Thu 24 Sep 10:00   main  Alice claims 11:00, asks 14:00, approves CN¥648 Mon 28 09:30
                             (due Tue 29 18:00: on time), closes; rated 5 stars
B   Fri 25 Sep 20:00   main  (holiday: due Wed 30 18:00) Bob claims Mon 28 09:00, writes 10:00,
                             rejects Thu 8 Oct 10:00 (late); appeal 12:00 (due 16 Oct),
                             decided in part CN¥100 Fri 9 Oct 16:00 (on time)
C   Mon 28 Sep 08:00   main  €12.50 on WeChat, in French; nobody claims it (overdue)
D   Tue 29 Sep 15:00   main  Alice claims 16:00, approves $49.90 17:00, reopens Wed 10:00,
                             rejects 11:00, closes 12:00; then erased at the parent's request
E   Wed 30 Sep 17:30   main  Bob claims Thu 8 Oct 09:30 (due Fri 9 Oct 18:00: overdue now)
F   Fri  9 Oct 10:00   main  after the period: not counted
G   Sat 26 Sep 10:00   fr    another team's
==  =================  ====  =================================================================

``NOW`` is Mon 12 October 10:00 in Shanghai.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from storage.models import Case, CaseEvent
from tests.case_rows import purchases_of

SHANGHAI = ZoneInfo("Asia/Shanghai")
ALICE, BOB = 501, 502


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


NOW = at(10, 12, 10)


def _case(reference: str, submitted: datetime, **values: Any) -> Case:
    fields: dict[str, Any] = {
        "reference": reference,
        "user_id": 1000 + ord(reference[0]),
        "chat_id": 1000 + ord(reference[0]),
        "language": "zh-Hans",
        "timezone": "Asia/Shanghai",
        "platform": "douyin",
        "problem": "minor_purchase",
        "writer": "parent",
        "account": f"account-{reference}",
        "payment_method": "alipay",
        "description": "…",
        "submitted_at": submitted,
        "updated_at": submitted,
        "handoff_status": "done",
    }
    fields.update(values)
    return Case(**fields)


def _decided(decision: str, when: datetime, cny: str | None = None) -> dict[str, Any]:
    """A case's decision fields: what was decided ``when``, refunding ``cny`` yuan if any."""
    fields: dict[str, Any] = {"decision": decision, "decided_at": when}
    if cny is not None:
        fields |= {"decided_amount": Decimal(cny), "decided_currency": "CNY"}
    return fields


def _claimed_by(agent: int) -> dict[str, Any]:
    return {"assignee_id": agent, "assignee_name": {ALICE: "Alice", BOB: "Bob"}[agent]}


def _events(case_id: int, *items: tuple[str, int | None, datetime, dict]) -> list[CaseEvent]:
    return [
        CaseEvent(
            case_id=case_id,
            actor_kind="parent"
            if action in ("submitted", "appealed", "rated")
            else ("agent" if actor else "system"),
            actor_id=actor,
            action=action,
            details=details,
            created_at=when,
        )
        for action, actor, when, details in items
    ]


async def seed(database) -> dict[str, int]:
    """Write the desk; the case ids by reference."""
    specs = [
        (
            _case(
                "AAAAA",
                at(9, 24, 10),
                status="closed",
                **_decided("approved", at(9, 28, 9, 30), "648"),
                closed_at=at(9, 28, 10),
                **_claimed_by(ALICE),
            ),
            [("648", "CNY")],
            [
                ("submitted", None, at(9, 24, 10), {}),
                ("claimed", ALICE, at(9, 24, 11), {}),
                ("asked", ALICE, at(9, 24, 14), {"question": "?"}),
                ("decided", ALICE, at(9, 28, 9, 30), {"decision": "approved"}),
                ("closed", ALICE, at(9, 28, 10), {}),
                ("rated", None, at(9, 28, 12), {"stars": 5}),
            ],
        ),
        (
            _case(
                "BBBBB",
                at(9, 25, 20),
                status="decided",
                appeals=1,
                **_decided("partial", at(10, 9, 16), "100"),
                **_claimed_by(BOB),
            ),
            [("200", "CNY"), ("100", "CNY")],
            [
                ("submitted", None, at(9, 25, 20), {}),
                ("claimed", BOB, at(9, 28, 9), {}),
                ("relayed_to_parent", BOB, at(9, 28, 10), {}),
                ("decided", BOB, at(10, 8, 10), {"decision": "rejected"}),
                ("appealed", None, at(10, 8, 12), {"files": 0}),
                ("decided", BOB, at(10, 9, 16), {"decision": "partial"}),
            ],
        ),
        (
            _case(
                "CCCCC",
                at(9, 28, 8),
                language="fr",
                platform="wechat",
                due_at=at(9, 30, 18),
                overdue=True,
            ),
            [("12.50", "EUR")],
            [("submitted", None, at(9, 28, 8), {}), ("overdue", None, at(9, 30, 18), {})],
        ),
        (
            _case(
                "DDDDD",
                at(9, 29, 15),
                status="closed",
                **_decided("rejected", at(9, 30, 11)),
                closed_at=at(9, 30, 12),
                **_claimed_by(ALICE),
                language="en",
                anonymized_at=at(10, 2, 9),
                account="",
                user_id=0,
                chat_id=0,
            ),
            [("49.90", "USD")],
            [
                ("submitted", None, at(9, 29, 15), {}),
                ("claimed", ALICE, at(9, 29, 16), {}),
                ("decided", ALICE, at(9, 29, 17), {"decision": "approved"}),
                ("reopened", ALICE, at(9, 30, 10), {}),
                ("decided", ALICE, at(9, 30, 11), {"decision": "rejected"}),
                ("closed", ALICE, at(9, 30, 12), {}),
                ("anonymized", None, at(10, 2, 9), {}),
            ],
        ),
        (
            _case(
                "EEEEE",
                at(9, 30, 17, 30),
                status="in_review",
                **_claimed_by(BOB),
                due_at=at(10, 9, 18),
            ),
            [("30", "CNY")],
            [("submitted", None, at(9, 30, 17, 30), {}), ("claimed", BOB, at(10, 8, 9, 30), {})],
        ),
        (_case("FFFFF", at(10, 9, 10), due_at=at(10, 13, 18)), [("1", "CNY")], []),
        (_case("GGGGG", at(9, 26, 10), team="fr", language="fr"), [("5", "EUR")], []),
    ]
    ids: dict[str, int] = {}
    async with database.unit_of_work() as session:
        for case, purchases, events in specs:
            session.add(case)
            await session.flush()
            assert case.id is not None
            ids[case.reference] = case.id
            bought = case.submitted_at - timedelta(days=1)
            session.add_all(purchases_of(case.id, purchases, bought))
            for event in _events(case.id, *events):
                session.add(event)
        await session.flush()
    return ids
