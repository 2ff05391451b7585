"""Order and transaction numbers on a receipt, found by the label in front of them.

The shapes of the payment systems' own ids (WeChat Pay's 28 digits, Alipay's dated trade
numbers, Apple's M…, Google Play's GPA.…) are #15's :mod:`handlers.orders.shapes`: a number is
written the way its system writes it, and without a label only one of those shapes is taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.orders.shapes import recognize

#: Labels, best first: the payment's own transaction number is what agents and bills match on;
#: a merchant's order number comes next. (Simplified, Traditional, French, English.)
_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile("|".join(patterns), re.IGNORECASE))
    for name, patterns in (
        # OCR mixes Simplified and Traditional forms within one label (訂單编號): both count.
        ("transaction", ("交易[单單][号號]", "交易[号號]", "支付[单單][号號]")),
        ("transaction", (r"Transaction\s*(?:ID|No\.?|number)", r"N[°o0]\s*d[e3]\s*transaction")),
        ("order", ("[订訂][单單][编編]?[号號]", "[订訂][单單][号號]碼")),
        (
            "order",
            (
                r"Order\s*(?:ID|No\.?|number)",
                r"N[°o0]\s*d[e3]\s*c[o0]mmande",
                r"Num[ée]r[o0]\s*d[e3]\s*c[o0]mmande",
            ),
        ),
        ("merchant", ("商[户戶][单單][号號]", "商家[订訂][单單][号號]")),
        ("merchant", (r"Merchant\s*order\s*(?:ID|No\.?|number)?",)),
    )
)
#: An id: letters, digits and the separators stores print (GPA.1234-5678-…), with 6+ digits.
_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-_]{5,63}")
#: Without a label: a word that has a payment system's own shape.
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]{9,40}")
BARE_TRUST = 0.6


@dataclass(frozen=True)
class FoundOrder:
    value: str
    label: str  # transaction | order | merchant | none
    confidence: float


def _value(text: str) -> str | None:
    compact = re.sub(r"(?<=[0-9A-Za-z])\s+(?=[0-9A-Za-z])", "", text.lstrip(" :：#"))
    match = _VALUE.match(compact)
    if match is None:
        return None
    found = recognize(match.group(0).rstrip(".-_"))
    if found.shape is None and sum(ch.isdigit() for ch in found.text) < 6:
        return None  # a word, not an id
    return found.text


def find_order(lines: list[tuple[str, float]]) -> FoundOrder | None:
    """The best-labelled order number, else a long digit run, else None."""
    found: dict[str, FoundOrder] = {}
    for index, (text, confidence) in enumerate(lines):
        for name, label in _LABELS:
            match = label.search(text)
            if match is None or name in found:
                continue
            value = _value(text[match.end() :])
            if value is None and index + 1 < len(lines):  # the number on the next line
                value = _value(lines[index + 1][0])
                confidence = min(confidence, lines[index + 1][1])
            if value is not None:
                found[name] = FoundOrder(value, name, confidence)
            break
    for name, _ in _LABELS:
        if name in found:
            return found[name]
    for text, confidence in lines:
        for word in _WORD.findall(re.sub(r"(?<=\d)\s+(?=\d)", "", text)):
            found_id = recognize(word)
            if found_id.shape is not None:
                return FoundOrder(found_id.text, "none", confidence * BARE_TRUST)
    return None


def shorten(order: str) -> str:
    """A long number as people compare them: its start and end (4200…4567)."""
    return order if len(order) <= 12 else f"{order[:4]}…{order[-4:]}"
