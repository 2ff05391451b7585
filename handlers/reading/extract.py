"""From OCR lines to the fields of a purchase: order number, amount with currency, payment time.

Each field comes with a confidence (the OCR engine's for the line, lowered when the field was
guessed without its label). Amounts and times go through :mod:`handlers.parsing`, so what a
screenshot says means what the same words typed would mean.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from handlers.parsing import read_amount
from handlers.parsing.when import parse_when_detail
from handlers.reading import orders


@dataclass(frozen=True)
class OcrLine:
    """One line of text as the engine read it, with where it stands on the image."""

    text: str
    confidence: float
    top: float = 0.0
    left: float = 0.0
    height: float = 0.0


@dataclass(frozen=True)
class Reading:
    """What was read; a field left None was not found."""

    amount: str | None = None
    currency: str | None = None
    amount_confidence: float = 0.0
    when: str | None = None  # ISO, UTC
    has_time: bool = False
    when_confidence: float = 0.0
    order: str | None = None
    order_label: str | None = None
    order_confidence: float = 0.0

    @property
    def empty(self) -> bool:
        return self.amount is None and self.when is None and self.order is None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reading:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


#: Labels in front of the amount paid, in the four languages (and the app stores' English).
_AMOUNT_LABELS = re.compile(
    r"(实付|實付|[支付][付款]金[额額]|交易金[额額]|[订訂][单單]金[额額]|金[额額]|"
    r"[合总總]计|[合总總]計|Total|Amount|Paid|Montant|Pay[ée]|Prix|Price)",
    re.IGNORECASE,
)
_TIME_LABELS = re.compile(
    r"((?:支付|付款|交易|创建|創建|建立|下单|下單)[时時][间間]|[订訂][购購]日期|"
    r"Payment time|Date|Time|Heure)",
    re.IGNORECASE,
)
_SIGN = re.compile(r"^[\s+\-−–]+")
_HAS_DIGIT = re.compile(r"\d")
_MONEY_HINT = re.compile(r"[¥￥$€元圓圆块塊]|NT|CNY|RMB|TWD|HKD|EUR|USD", re.IGNORECASE)
#: A payment time shows a date, with its year or not: never a bare "21:07".
_DATE_HINT = re.compile(
    r"\d{4}\s*[年/\-.]\s*\d{1,2}|\d{1,2}\s*月|\d{1,2}[/\-]\d{1,2}|\d{1,2}\.\d{1,2}\.\d{2,4}"
    r"|[A-Za-zéû]{3,}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Za-zéû]{3,}\.?\s+\d{4}"
)
#: OCR drops the spaces of a time: "2025/07/1602:39", "Jun 17.20259:41AM", "9sept202514:46".
_UNGLUE = (
    (re.compile(r"([/\-.]\d{2})(\d{1,2}:\d{2})"), r"\1 \2"),  # day, then the hour
    (re.compile(r"(\d{4})(\d{1,2}:\d{2})"), r"\1 \2"),  # year, then the hour
    (re.compile(r"(\d)([^\W\d_])"), r"\1 \2"),  # a number, then a word: 9sept, 9:41AM
    (re.compile(r"([^\W\d_]\.?)(\d)"), r"\1 \2"),  # a word, then a number: sept2025
    (re.compile(r"([A-Za-z]{3,}\.?\s*\d{1,2})[.,]\s*(\d{4})"), r"\1, \2"),  # Jun 17.2025
)
_CJK_DATE = re.compile(r"[年月日]")


def unglue(text: str) -> str:
    """A time as OCR returns it, spaced again the way people write it."""
    if _CJK_DATE.search(text):
        return text  # 2025年3月14日21:07:33 reads as it is
    for pattern, spaced in _UNGLUE:
        text = pattern.sub(spaced, text)
    return text


#: How much a field guessed without its label is trusted, against one that had it.
UNLABELLED = 0.7


def normalize(text: str) -> str:
    """Full-width forms (ＮＴ＄９９０) made plain, as OCR returns them from CJK fonts."""
    return unicodedata.normalize("NFKC", text).strip()


def extract(lines: list[OcrLine], *, language: str, timezone: str, now: datetime) -> Reading:
    """The fields a receipt shows, read in the parent's language and time zone."""
    clean = [OcrLine(normalize(x.text), x.confidence, x.top, x.left, x.height) for x in lines]
    clean = [x for x in clean if x.text]
    amount = _amount(clean, language)
    when = _when(clean, language, timezone, now)
    order = orders.find_order([(x.text, x.confidence) for x in clean])
    return Reading(
        amount=str(amount[0]) if amount else None,
        currency=amount[1] if amount else None,
        amount_confidence=round(amount[2], 3) if amount else 0.0,
        when=when[0].astimezone(UTC).isoformat() if when else None,
        has_time=when[1] if when else False,
        when_confidence=round(when[2], 3) if when else 0.0,
        order=order.value if order else None,
        order_label=order.label if order else None,
        order_confidence=round(order.confidence, 3) if order else 0.0,
    )


def _after_label(text: str, label: re.Pattern[str]) -> str | None:
    match = label.search(text)
    if match is None:
        return None
    rest = text[match.end() :].lstrip(" :：")
    return rest or None


def _amount(lines: list[OcrLine], language: str) -> tuple[Any, str, float] | None:
    """The amount paid: after its label if there is one, else the tallest figure with a
    currency or a sign (receipts print the total largest)."""
    labelled: list[tuple[Any, str, float]] = []
    loose: list[tuple[float, Any, str, float]] = []
    for index, line in enumerate(lines):
        value = _after_label(line.text, _AMOUNT_LABELS)
        if value is None and _AMOUNT_LABELS.fullmatch(line.text) and index + 1 < len(lines):
            value = lines[index + 1].text  # the label alone, the figure on the next line
        if value is not None:
            money = _money(value, language)
            if money is not None:
                labelled.append((*money, line.confidence))
                continue
        signed = _SIGN.match(line.text) is not None
        if not _HAS_DIGIT.search(line.text) or not (signed or _MONEY_HINT.search(line.text)):
            continue
        if _DATE_HINT.search(line.text):
            continue
        money = _money(line.text, language)
        if money is not None:
            loose.append((line.height, *money, line.confidence * UNLABELLED))
    if labelled:
        return labelled[0]
    if loose:
        best = max(loose, key=lambda item: item[0])
        return best[1], best[2], best[3]
    return None


def _money(text: str, language: str) -> tuple[Any, str] | None:
    text = _SIGN.sub("", text)
    if len(re.sub(r"\D", "", text)) > 12:  # an order number, not an amount
        return None
    reading = read_amount(text, language)
    money = reading.money
    if money is None or money.amount <= 0:
        return None
    currency = money.currency
    if currency is None:
        if not re.search(r"\d[.,]\d{2}\b", text):  # a bare integer: a count, not a price
            return None
        currency = ""  # shown with the claim's own currency (handlers/reading/offer.py)
    return money.amount, currency


def _when(
    lines: list[OcrLine], language: str, timezone: str, now: datetime
) -> tuple[datetime, bool, float] | None:
    """The payment time: after its label if there is one, else the first full date."""
    loose: tuple[datetime, bool, float] | None = None
    for index, line in enumerate(lines):
        value = _after_label(line.text, _TIME_LABELS)
        if value is None and _TIME_LABELS.fullmatch(line.text) and index + 1 < len(lines):
            value = lines[index + 1].text
        for candidate, trust in ((value, 1.0), (line.text, UNLABELLED)):
            candidate = unglue(candidate) if candidate else None
            if not candidate or not _DATE_HINT.search(candidate):
                continue
            parsed = parse_when_detail(candidate, language, timezone, now)
            if parsed is None or not parsed.has_date or parsed.future:
                continue
            found = (parsed.dt, parsed.has_time, line.confidence * trust)
            if trust == 1.0:
                return found
            if loose is None or (found[1] and not loose[1]):
                loose = found
            break
    return loose
