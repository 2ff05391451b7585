"""Order ids as people type them: which payment system's shape a number has, written the way
that system writes it, and whether it can be an order id of the payment method chosen.

Shapes (from the payment systems' own records):

- WeChat Pay transaction id (交易单号): 28 digits starting with 42.
- Alipay trade number (交易号 / 订单号): 28 or 32 digits starting with the date (20261128…).
- Apple Order ID: 10 letters and digits starting with M (``MT5B2Q7XKD``).
- Google Play order number: ``GPA.1234-5678-9012-34567``, a subscription's renewals
  ``..0``, ``..1``.

Spaces, dashes and full-width digits are forgiven (``4200 0023 4520…``, ``GPA 1234 5678…``).
A WeChat Pay or Alipay payment also shows the merchant's own order number (商户单号), which
has no fixed shape, so only another system's distinctive shape is refused for them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from handlers.replies import Msg

WECHAT_PAY, ALIPAY, APPLE, GOOGLE_PLAY = "wechat_pay", "alipay", "apple", "google_play"

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_·・/]+")
_WECHAT = re.compile(r"42\d{26}")
_ALIPAY = re.compile(r"20\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{20}(\d{4})?")
_APPLE = re.compile(r"M[A-Z0-9]{9}")
_GOOGLE = re.compile(
    r"GPA\W*(\d{4})\W*(\d{4})\W*(\d{4})\W*(\d{5})(?:\s*\.\.\s*(\d{1,4}))?", re.IGNORECASE
)
#: What each system's order id looks like, shown when a number cannot be one.
EXAMPLES = {
    WECHAT_PAY: "4200001234202611281234567890",
    ALIPAY: "2026112822001412345678901234",
    APPLE: "MT5B2Q7XKD",
    GOOGLE_PLAY: "GPA.1234-5678-9012-34567",
}
#: The methods whose order ids always have their shape: anything else cannot be one.
STRICT = frozenset({APPLE, GOOGLE_PLAY})
_OWN = frozenset({WECHAT_PAY, ALIPAY})


@dataclass(frozen=True)
class OrderId:
    """An order id as typed, written canonically, with the system whose shape it has."""

    text: str
    shape: str | None  # WECHAT_PAY, ALIPAY, APPLE, GOOGLE_PLAY, or None: no known shape


def recognize(typed: str) -> OrderId:
    text = unicodedata.normalize("NFKC", typed).strip()
    google = _GOOGLE.fullmatch(text)
    if google:
        base = "GPA.{}-{}-{}-{}".format(*google.groups()[:4])
        renewal = google.group(5)
        return OrderId(f"{base}..{renewal}" if renewal else base, GOOGLE_PLAY)
    compact = _SEPARATORS.sub("", text)
    if compact.isdigit():
        if _WECHAT.fullmatch(compact):
            return OrderId(compact, WECHAT_PAY)
        if _ALIPAY.fullmatch(compact):
            return OrderId(compact, ALIPAY)
        return OrderId(compact, None)
    upper = compact.upper()
    if _APPLE.fullmatch(upper) and any(ch.isdigit() for ch in upper):
        return OrderId(upper, APPLE)
    return OrderId(compact, None)


def as_typed(typed: str) -> str:
    """A merchant's own order id as typed, full-width characters folded and spaces (digits
    grouped for reading) dropped; its dashes and other marks kept: they may be part of it."""
    return "".join(unicodedata.normalize("NFKC", typed).split())


@dataclass(frozen=True)
class Refusal:
    """Why a typed order id cannot be the chosen method's: a locale key and its shape."""

    key: str
    shape: str | None = None


def check(typed: str, method: str | None) -> tuple[OrderId, Refusal | None]:
    """The order id, and why it cannot belong to ``method`` (None: it can)."""
    found = recognize(typed)
    if method is None or found.shape == method:
        return found, None
    distinctive = found.shape in (WECHAT_PAY, ALIPAY, GOOGLE_PLAY)  # M…: a merchant's too
    if found.shape is not None and (method in STRICT or (method in _OWN and distinctive)):
        # Another system's own shape: a Google Play number given for an Apple purchase.
        return found, Refusal("orders-error-other-shape", found.shape)
    if method in STRICT:
        return found, Refusal("orders-error-shape")
    return found, None


def refusal_params(refusal: Refusal, method: str) -> dict[str, Msg | str]:
    """What the refusal's message names: the way of paying (``wechat-pay``, as the locale
    files select on it), the system whose shape the number has, an example of the right one."""
    params: dict[str, Msg | str] = {
        "method": Msg(f"payment-{method}"),
        "example": EXAMPLES.get(method.replace("-", "_"), ""),
    }
    if refusal.shape is not None:
        params["shape"] = Msg(f"payment-{refusal.shape.replace('_', '-')}")
    return params


def variants(order: str) -> list[str]:
    """The forms an order id may take in a ledger: as canonical, and as typed."""
    found = recognize(order)
    return list(dict.fromkeys([found.text, order.strip()]))


def same_order(a: str, b: str) -> bool:
    """Two order numbers as people write them (spaces, dashes, full-width digits, case) are
    the same number."""
    return recognize(a).text.upper() == recognize(b).text.upper()
