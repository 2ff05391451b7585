"""Matching one claimed purchase against the merchant's orders (pure): the order id first,
else the amount around the claimed time in the parent's time zone, narrowed by the payer;
a clear best, several possible orders, a double charge, a refund, a void."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from handlers.orders.matching import (
    Claim,
    MatchPolicy,
    Order,
    Verdict,
    claim_window,
    match,
    payer_matches,
    with_double_charge,
)

POLICY = MatchPolicy()
PAID = datetime(2026, 11, 28, 14, 3, 11, tzinfo=UTC)  # 22:03:11 in Shanghai


def order(
    id: int,
    *,
    at: datetime = PAID,
    payer: str | None = "oPayer",
    status: str = "paid",
    amount: str = "648.00",
    source: str = "wechat_pay",
    order_id: str | None = None,
    merchant: str | None = None,
    refund: str | None = None,
) -> Order:
    return Order(
        id=id,
        source=source,
        order_id=order_id or f"42000023452026112812345678{id:02d}",
        merchant_order_id=merchant,
        payer_id=payer,
        amount=Decimal(amount),
        currency="CNY",
        paid_at=at,
        status=status,
        refund_amount=Decimal(refund) if refund else None,
        refunded_at=at + timedelta(days=1) if refund else None,
    )


def claim(
    *,
    at: datetime = PAID,
    order: str | None = None,
    has_time: bool = True,
    account: str = "player-77",
    zone: str = "Asia/Shanghai",
    amount: str = "648.00",
) -> Claim:
    return Claim(Decimal(amount), "CNY", at, has_time, order, zone, "wechat_pay", account)


def test_the_order_id_given_wins_even_far_from_the_claimed_time():
    target = order(1, order_id="4200002345202611281234567890")
    found = match(
        claim(at=PAID - timedelta(days=2), order="4200002345202611281234567890"),
        [target],
        [order(2)],
        POLICY,
    )
    assert found.verdict is Verdict.FOUND and found.order == target


def test_the_merchants_order_number_finds_the_order_too():
    target = order(1, merchant="GAME20261128001")
    found = match(claim(order="GAME20261128001"), [target], [], POLICY)
    assert found.verdict is Verdict.FOUND and found.order == target


def test_a_google_play_number_without_its_renewal_finds_the_renewal_of_that_amount():
    renewals = [
        order(1, order_id="GPA.3312-5678-9012-88888..0", amount="9.99", source="google_play"),
        order(2, order_id="GPA.3312-5678-9012-88888..1", amount="19.99", source="google_play"),
    ]
    found = match(claim(order="GPA.3312-5678-9012-88888", amount="19.99"), renewals, [], POLICY)
    assert found.order == renewals[1]


def test_without_an_order_id_the_same_amount_near_the_time_is_likely_with_its_gap():
    near = order(1, at=PAID + timedelta(minutes=3))
    found = match(claim(), [], [near, order(2, at=PAID + timedelta(hours=5))], POLICY)
    assert found.verdict is Verdict.LIKELY and found.order == near and found.gap == 180


def test_nothing_of_that_amount_in_the_window_is_not_found():
    far = order(1, at=PAID + timedelta(hours=7))
    assert match(claim(), [], [far], POLICY).verdict is Verdict.NOT_FOUND
    other = order(2, amount="328.00")
    assert match(claim(), [], [other], POLICY).verdict is Verdict.NOT_FOUND


def test_two_orders_equally_close_are_ambiguous_and_both_shown():
    a = order(1, at=PAID - timedelta(minutes=20), payer="oA")
    b = order(2, at=PAID + timedelta(minutes=25), payer="oB")
    found = match(claim(), [], [a, b], POLICY)
    assert found.verdict is Verdict.AMBIGUOUS
    assert {c.id for c in found.candidates} == {1, 2}


def test_the_account_as_payer_narrows_the_candidates():
    a = order(1, at=PAID - timedelta(minutes=20), payer="oA")
    b = order(2, at=PAID + timedelta(minutes=25), payer="player-77")
    found = match(claim(), [], [a, b], POLICY)
    assert found.verdict is Verdict.LIKELY and found.order == b


def test_alipays_masked_payers_match_the_account_they_hide():
    assert payer_matches("abc***@163.com", "abcdef@163.com")
    assert payer_matches("138****8000", "13812348000")
    assert not payer_matches("138****8000", "13912348000")


def test_the_same_payer_charged_twice_41_seconds_apart_is_a_double_charge():
    first = order(1, at=PAID)
    second = order(2, at=PAID + timedelta(seconds=41))
    found = match(claim(), [], [first, second], POLICY)
    assert found.verdict is Verdict.LIKELY and found.order == first
    assert found.double == second and found.double_gap == 41


def test_a_double_charge_is_found_beside_an_order_named_by_its_id():
    first = order(1, order_id="4200002345202611281234567890")
    again = order(2, at=PAID + timedelta(seconds=41))
    found = match(claim(order="4200002345202611281234567890"), [first], [], POLICY)
    found = with_double_charge(found, [again], POLICY)
    assert found.double == again and found.double_gap == 41


def test_a_refunded_order_and_a_voided_one():
    refunded = order(
        1, order_id="4200002345202611271111111111", status="refunded", refund="648.00"
    )
    found = match(claim(order="4200002345202611271111111111"), [refunded], [], POLICY)
    assert found.verdict is Verdict.REFUNDED
    voided = order(2, status="voided")
    assert match(claim(), [], [voided], POLICY).verdict is Verdict.NOT_FOUND  # never charged


def test_a_day_only_purchase_is_the_parents_whole_day_in_their_time_zone():
    # 16 Jul in Paris: 22:00 UTC on the 15th to 22:00 UTC on the 16th (summer time), ± window
    day = claim(at=datetime(2026, 7, 16, 10, 0, tzinfo=UTC), has_time=False, zone="Europe/Paris")
    start, end = claim_window(day, POLICY)
    assert start == datetime(2026, 7, 15, 22, 0, tzinfo=UTC) - POLICY.window
    assert end == datetime(2026, 7, 16, 22, 0, tzinfo=UTC) + POLICY.window
    late_evening = order(1, at=datetime(2026, 7, 16, 21, 30, tzinfo=UTC))  # 23:30 in Paris
    assert match(day, [], [late_evening], POLICY).verdict is Verdict.LIKELY


def test_the_parents_clock_is_what_the_window_is_around():
    # 21:00 in Paris (UTC+1) is 20:00 UTC; the bill's 04:00 Shanghai next day is the same moment
    paris = claim(at=datetime(2026, 11, 19, 20, 0, tzinfo=UTC), zone="Europe/Paris")
    bill = order(1, at=datetime(2026, 11, 19, 20, 1, tzinfo=UTC))
    found = match(paris, [], [bill], POLICY)
    assert found.verdict is Verdict.LIKELY and found.gap == 60
