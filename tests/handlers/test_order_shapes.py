"""Order ids as parents type them: each system's shape, spaces and dashes forgiven, and a
number that cannot be the chosen payment method's refused with the reason."""

from __future__ import annotations

import pytest

from handlers.orders.shapes import check, recognize

#: Typed on a Chinese keyboard in full-width mode.
FULL_WIDTH = "".join(chr(ord(c) + 0xFEE0) for c in "4200002345202611281234567890")


@pytest.mark.parametrize(
    ("typed", "text", "shape"),
    [
        ("4200002345202611281234567890", "4200002345202611281234567890", "wechat_pay"),
        ("4200 0023 4520 2611 2812 3456 7890", "4200002345202611281234567890", "wechat_pay"),
        (FULL_WIDTH, "4200002345202611281234567890", "wechat_pay"),
        ("2026112822001412345678901234", "2026112822001412345678901234", "alipay"),
        ("2026-1128-2200-1412-3456-7890-1234", "2026112822001412345678901234", "alipay"),
        ("mt5b2q7xkd", "MT5B2Q7XKD", "apple"),
        ("GPA.3312-5678-9012-34567", "GPA.3312-5678-9012-34567", "google_play"),
        ("gpa 3312 5678 9012 34567", "GPA.3312-5678-9012-34567", "google_play"),
        ("GPA.3312-5678-9012-88888..1", "GPA.3312-5678-9012-88888..1", "google_play"),
        ("GAME20261128001", "GAME20261128001", None),  # a merchant's own order number
    ],
)
def test_shapes_are_recognized_and_written_canonically(typed, text, shape):
    found = recognize(typed)
    assert (found.text, found.shape) == (text, shape)


def test_a_merchant_order_number_is_fine_for_wechat_pay_and_alipay():
    assert check("GAME20261128001", "wechat_pay")[1] is None
    assert check("SHOP1128001", "alipay")[1] is None


def test_another_systems_number_is_refused_naming_it():
    _, refusal = check("GPA.3312-5678-9012-34567", "apple")
    assert refusal is not None and refusal.key == "orders-error-other-shape"
    assert refusal.shape == "google_play"
    _, refusal = check("2026112822001412345678901234", "wechat_pay")  # an Alipay number
    assert refusal is not None and refusal.shape == "alipay"


def test_apple_and_google_play_accept_only_their_own_shape():
    assert check("MT5B2Q7XKD", "apple")[1] is None
    assert check("12345", "google_play")[1].key == "orders-error-shape"  # type: ignore[union-attr]
    assert check("hello123", "apple")[1].key == "orders-error-shape"  # type: ignore[union-attr]


def test_card_and_app_balance_take_any_reference():
    assert check("4200002345202611281234567890", "bank_card")[1] is None
    assert check("DY9981", "platform_balance")[1] is None


def test_a_merchants_own_id_keeps_its_dashes_and_loses_its_spaces():
    from handlers.orders.shapes import as_typed

    assert as_typed(" ORD-778899 ") == "ORD-778899"
    assert as_typed("ＯＲＤ－７７８８ ９９") == "ORD-778899"  # full width, grouped
    assert as_typed("4200001234 2025 1103") == "420000123420251103"
