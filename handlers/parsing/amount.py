"""Parse the amount a parent types ("¥ 328", "9,90 €", "六块五", "about $30") into Money.

The text is tokenised into numbers, currency markers, minus signs and other words; each
number then collects the markers glued to it (before or after, spaces allowed) and an optional
cents part (``12€50``, ``6块5``, ``两块五毛``).  Anything that is not clearly one positive
amount - two different amounts, a negative, a date, a phone number - gives None: the caller
asks again rather than storing a guess.

Some answers are not one figure on purpose: an estimate (几百, 三百多, "a few hundred", "plus de
100 €") or a range ("20-30", 两三百, "entre 10 et 20 €", "5 or 6 dollars").  :func:`read_amount`
says which, so the caller can ask for the exact figure from the payment record and say why;
for :func:`parse_amount` they are simply not an amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from babel.numbers import get_currency_precision

from handlers.parsing._digits import parse_digits, tidy
from handlers.parsing._text import Lang, normalize, normalize_locale, strip_accents
from handlers.parsing._when_words import MONTHS
from handlers.parsing.currencies import MARKER_PATTERN, MARKERS, Marker
from handlers.parsing.numerals import CN_NUMBER, DIGITS, parse_cn_number

MAX_AMOUNT = Decimal(10_000_000)
_MAX_TEXT = 1000


@dataclass(frozen=True)
class Money:
    amount: Decimal  # > 0; given precision kept, capped at the currency's minor units
    currency: str | None  # ISO 4217 code, or None when the text names no currency


#: Why an answer that holds numbers is still not an amount.
Refusal = Literal["vague", "range"]


@dataclass(frozen=True)
class AmountReading:
    """What :func:`read_amount` made of an answer: the amount, or why there is none."""

    money: Money | None
    refusal: Refusal | None = None  # an estimate ("三百多") or a range ("20-30"): ask again


_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# Dates and times are blanked before tokenising so their digits are never read as money.
_DATES = re.compile(
    r"\d{4} ?([-/.]) ?\d{1,2} ?\1 ?\d{1,2}|\d{4} ?年(?: ?\d{1,2} ?月(?: ?\d{1,2} ?[日号號])?)?"
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}/\d{1,2}(?!\d)|\d{1,2}:\d{2}(?::\d{2})?"
    r"|(?<![\d.,])\d{1,2} ?h(?: ?\d{2})?(?![a-z])|\d{1,2} ?(?:[ap]\.?m\.?)(?![a-z])"
    rf"|(?<![\d.,])\d{{1,2}}(?:er|st|nd|rd|th)? (?:of )?(?:{_MONTH})\.?(?![a-z])(?:,? \d{{4}})?"
    rf"|(?<![a-z])(?:{_MONTH})\.? \d{{1,2}}(?:st|nd|rd|th)?(?!\d|[.,]\d)(?:,? \d{{4}})?"
    r"|(?<![a-z])le (?:[12]?\d|3[01])(?:er)?(?![\d.,/]| ?(?:€|eur|\$))|gpa\.[\d.-]+"
)
_ARABIC = (
    r"(?:\d{1,3}(?:[ '’]\d{3})+(?!\d)|\d+)(?:[.,]\d+)*(?:k(?![a-z]))?"
    r"|(?<![a-z\d.,])[.,]\d+(?![\d.,])"  # ",50 €", "$.99": the separator is kept, never dropped
)
_TOKENS = re.compile(
    rf"(?P<cur>{MARKER_PATTERN})|(?P<cn>{CN_NUMBER})|(?P<num>{_ARABIC})|(?P<minus>-)"
    r"|(?P<approx>about|around|approx(?:imately|\.)?|roughly|environ|presque|almost|~|≈"
    r"|大概|大约|大約|约|約|左右|差不多|多|来|來|余|餘)"
    r"|(?P<word>[a-z]+|[^\W\d_])|(?P<punct>\S)"
)
# A bare number followed by one of these counts something else: days, items, gems, times...
_UNIT_AFTER = re.compile(
    r"\s?(?:天|日|号|號|月|年|点|點|时|時|分|秒|次|个|個|周|週|星期|礼拜|禮拜|岁|歲|件|张|張|位"
    r"|%|x(?![a-z])|(?:days?|weeks?|months?|years?|hours?|mins?|minutes?|times?|jours?|semaines?"
    r"|mois|ans?|heures?|fois|st|nd|rd|th|er|e|eme)(?![a-z]))"
)
_ID_BEFORE = re.compile(
    r"(?:#|n°|(?<![a-z])(?:no\.?|order|commande|id|tel|phone)|订单号?|訂單號?)\s?$"
)
#: Words allowed between two amounts when they are alternatives, so "5 or 6 €" stays ambiguous.
_CONJUNCTIONS = {"or", "ou", "and", "et", "to", "a", "还", "或", "和", "到", "至", "~"}


@dataclass
class _Tok:
    kind: str  # cur | cn | num | minus | approx | word | punct
    text: str
    start: int
    end: int


@dataclass
class _Candidate:
    value: Decimal
    decimals: int  # digits after the decimal point as typed
    currency: str | None
    strong: bool  # currency named explicitly, not just implied by 元 or $
    negative: bool
    countish: bool  # bare integer followed by a word: "3 apps", "1000 v-bucks"
    start: int = 0  # where its first marker or digit starts in the folded text
    end: int = 0  # where its last marker or cents end


def parse_amount(text: str, locale: str) -> Money | None:
    """Return the single positive amount in ``text``, or None when there is none or several."""
    return read_amount(text, locale).money


def read_amount(text: str, locale: str) -> AmountReading:
    """The single positive amount in ``text``, or why there is none when it is an estimate or a
    range (``refusal``); ``AmountReading(None)`` when there is no amount at all, or several."""
    lang = normalize_locale(locale)
    s = strip_accents(normalize(text))
    if not s or len(s) > _MAX_TEXT:
        return AmountReading(None)
    s = _DATES.sub(" | ", s)
    if _vague(s):
        return AmountReading(None, "vague")
    tokens = [_Tok(m.lastgroup or "", m.group(), m.start(), m.end()) for m in _TOKENS.finditer(s)]
    sig = [t for t in tokens if t.kind != "approx"]  # "大概300块", "about $30": see-through
    candidates = _candidates(s, sig, lang)
    if _cn_range(s) or (candidates is not None and _is_range(s, sig, candidates)):
        return AmountReading(None, "range")
    money = None if candidates is None else _decide(candidates)
    # In Taiwan and Hong Kong a bare 元/塊/¥ is the local dollar as often as the yuan: only an
    # explicit 人民幣/RMB/CNY says CNY; otherwise the caller's default currency applies.
    if (
        money is not None
        and lang == "zh-Hant"
        and money.currency == "CNY"
        and not any(c.strong for c in candidates or [])
    ):
        money = Money(money.amount, None)
    return AmountReading(money)


_CN_NUM_CHARS = "一二两兩三四五六七八九十百千万萬"
#: Estimates, not figures: 几百, 十几块, 三百多, 五百来块, 300余元, "a few hundred", "$100+",
#: "quelques centaines", "une cinquantaine", "100 et quelques euros".  多/来/余 after a number
#: is "and some"; 多次, 来着 (a particle), 余额 (balance) and the like are not.
_VAGUE = re.compile(
    r"[几幾]\s*(?:[十百千万萬块塊元蚊]|块钱|塊錢)|十\s*[几幾]"
    rf"|(?:\d|[{_CN_NUM_CHARS}])\s*(?:[元块塊蚊]\s*)?(?:多|来|來|余|餘)"
    r"(?!少|次|笔|筆|扣|收|付|个|個|张|張|自|着|著|额|額)"
    r"|(?<![a-z])(?:a few|few|several|a couple(?: of)?|couple(?: of)?|some|quelques|plusieurs)"
    r"\s+(?:hundreds?|thousands?|dollars|bucks|euros|dizaines|centaines|milliers)(?![a-z])"
    r"|(?<![a-z])(?:hundreds|thousands|dozens|dizaine|douzaine|vingtaine|trentaine|quarantaine"
    r"|cinquantaine|soixantaine|centaine|milliers)s?(?![a-z])"
    r"|\d\s*\+(?!\s*[\d$€£¥.,])|\d\s*-?\s*something(?![a-z])"
    r"|\d\s*(?:€|euros?)?\s*et (?:quelques|des poussieres)(?![a-z])"
)
#: Bounds rather than figures: "over $100", "plus de 100 €", "less than 20" (not "over 2 days").
_BOUND = re.compile(
    r"(?<![a-z])(?:over|under|more than|less than|at least|at most|upwards of|north of|plus de"
    r"|moins de|au moins|au plus|pas plus de|au-dessus de)\s*(?:[$€£¥]|us\$|eur|usd)?\s*"
    r"\d+(?:[.,]\d+)*"
)
#: Two consecutive Chinese digits before a unit are a range: 二三十 (20-30), 两三百, 十七八.
_CN_PAIR = re.compile(
    r"([一二两兩三四五六七八])([二三四五六七八九])\s*[十百千万萬]|十([一二三四五六七八])([二三四五六七八九])"
)
#: What may stand between the two ends of a range ("20-30", "10 to 15", "5 ou 6", "300到400").
_RANGE_WORDS = {"-", "~", "to", "a", "au", "jusqu'a", "到", "至"}
_ALTERNATIVE_WORDS = {"or", "ou", "或", "或者", "还是", "還是"}


def _vague(s: str) -> bool:
    if _VAGUE.search(s):
        return True
    return any(_UNIT_AFTER.match(s, m.end()) is None for m in _BOUND.finditer(s))


def _cn_range(s: str) -> bool:
    for m in _CN_PAIR.finditer(s):
        first, second = (m[1], m[2]) if m[1] else (m[3], m[4])
        if DIGITS.get(first, -9) + 1 == DIGITS.get(second):
            return True
    return False


def _is_range(s: str, sig: list[_Tok], candidates: list[_Candidate]) -> bool:
    """Exactly two numbers joined by a range word (or "between ... and"): "20-30", "$5 or $6"."""
    if len(candidates) != 2 or sum(t.kind in ("num", "cn") for t in sig) != 2:
        return False
    low, high = candidates
    between = s[low.end : high.start].replace(" ", "")
    if between in _ALTERNATIVE_WORDS:
        return low.value != high.value
    if between in ("and", "et", "和", "与", "與"):
        return low.value < high.value and s[: low.start].rstrip().endswith(("between", "entre"))
    return between in _RANGE_WORDS and low.value < high.value


def _candidates(s: str, sig: list[_Tok], lang: Lang) -> list[_Candidate] | None:
    """Every number with the markers glued to it; None when one number has clashing markers."""
    out: list[_Candidate] = []
    used: set[int] = set()
    has_words = any(t.kind == "word" for t in sig)
    for i, tok in enumerate(sig):
        if tok.kind == "num" and _glued_separator(s, tok):
            return None  # "hier,50 €": 50 or 0.50? Ask rather than risk a hundredfold error
        parsed = _number(tok, lang) if tok.kind in ("num", "cn") and i not in used else None
        if parsed is None:
            continue
        value, decimals = parsed
        markers: list[Marker] = []
        j = i - 1
        while j >= 0 and j not in used and _is_major_or_code(sig[j]):
            markers.append(MARKERS[sig[j].text])
            j -= 1
        start = sig[j + 1].start
        negative = j >= 0 and sig[j].kind == "minus" and not _digit_before(s, sig[j].start)
        j = i + 1
        while j < len(sig) and _is_major_or_code(sig[j]) and not _prefix_of_next(sig, j):
            markers.append(MARKERS[sig[j].text])
            used.add(j)
            j += 1
        if j > i + 1 and markers[-1].major and value == value.to_integral_value():
            tail = _cents(s, sig, j, used)
            if tail is not None:
                value, decimals = value + tail, -int(tail.as_tuple().exponent)
        elif j == i + 1 and j < len(sig) and sig[j].kind == "cur" and MARKERS[sig[j].text].minor:
            # 五毛, 50 centimes; but 5分(钟) is minutes or points
            minor = MARKERS[sig[j].text]
            if sig[j].text.startswith("分") or decimals:  # "0,99 centimes": unclear, ask
                continue
            used.add(j)
            value, decimals = tidy(value / minor.minor)
            markers.append(Marker("CNY" if minor.minor == 10 else None, strong=False))
        if not markers and (
            (tok.kind == "cn" and has_words and _cn_word(tok)) or _not_money(s, tok)
        ):
            continue
        currency = _currency(markers)
        if currency is False:
            return None
        countish = not markers and decimals == 0 and j < len(sig) and sig[j].kind == "word"
        last = i
        while last + 1 in used:
            last += 1
        out.append(
            _Candidate(
                value,
                decimals,
                currency,
                strong=any(m.strong for m in markers),
                negative=negative,
                countish=countish and sig[j].text not in _CONJUNCTIONS,
                start=start,
                end=sig[last].end,
            )
        )
    return out


def _cn_word(tok: _Tok) -> bool:
    """A lone Chinese numeral inside a sentence is usually a word (一共, 一下, 千万别), not money.

    Multi-character numerals starting with a digit (六百多, 一千五, 三十) are kept.
    """
    if tok.text[0].isdigit():  # 1.5万, 3千: Arabic digits are a figure
        return False
    return len(tok.text) < 2 or (tok.text[0] not in DIGITS and tok.text[0] != "十")


def _glued_separator(s: str, tok: _Tok) -> bool:
    """A separator between a word and the digits ("hier,50", "was.99"), not after an id."""
    at = tok.start
    return (
        at >= 2
        and s[at - 1] in ".,"
        and s[at - 2].isalpha()
        and not _ID_BEFORE.search(s, max(0, at - 12), at)
    )


def _is_major_or_code(tok: _Tok) -> bool:
    return tok.kind == "cur" and not MARKERS[tok.text].minor


def _prefix_of_next(sig: list[_Tok], j: int) -> bool:
    """In "12345 $9.99" the "$" is spaced from the 12345 but glued to 9.99: it is a prefix."""
    spaced = sig[j - 1].end < sig[j].start
    nxt = sig[j + 1] if j + 1 < len(sig) else None
    return spaced and nxt is not None and nxt.kind in ("num", "cn") and nxt.start == sig[j].end


def _cents(s: str, sig: list[_Tok], j: int, used: set[int]) -> Decimal | None:
    """The cents after a major unit: 12€50, 12 € 50, 6块5, 两块五毛, 3块2毛5, 12 euros et 50 ct."""
    k = j + 1 if j < len(sig) and sig[j].text in ("et", "and") else j
    first = _small_digits(sig[k]) if k < len(sig) else None
    if first is None:
        return None
    after = sig[k + 1] if k + 1 < len(sig) else None
    minor = MARKERS[after.text].minor if after is not None and after.kind == "cur" else 0
    if after is not None and (after.kind in ("num", "cn") or (after.kind == "cur" and not minor)):
        return None  # "5€ 20€": the 20 is an amount of its own
    if (k > j and not minor) or (not minor and _UNIT_AFTER.match(s, sig[k].end)):
        return None  # "12 euros et 50" is two amounts, "5 € 2 fois" a count
    end = k + 2 if minor else k + 1
    if minor == 100:
        frac = Decimal(f"0.{int(first):02d}") if len(first) <= 2 else None
    elif minor == 10 or len(first) == 1:
        frac = Decimal(f"0.{first}") if len(first) == 1 else None
        if minor and end < len(sig) and (fen := _small_digits(sig[end])) and len(fen) == 1:
            frac, end = Decimal(f"0.{first}{fen}"), end + 1  # 3块2毛5
            end += 1 if end < len(sig) and sig[end].text.startswith("分") else 0
    else:
        frac = Decimal(f"0.{first}") if len(first) == 2 else None
    if frac is not None:
        used.update(range(j, end))
    return frac


def _small_digits(tok: _Tok) -> str | None:
    """Digits usable as cents: one or two Arabic digits, or one Chinese digit."""
    if tok.kind == "num" and tok.text.isdigit() and len(tok.text) <= 2:
        return tok.text
    if tok.kind == "cn" and len(tok.text) == 1 and tok.text in DIGITS:
        return str(DIGITS[tok.text])
    return None


def _currency(markers: list[Marker]) -> str | Literal[False] | None:
    """The currency named by a number's markers; False when they contradict each other."""
    strong = {m.currency for m in markers if m.strong}
    weak = {m.currency for m in markers if m.currency and not m.strong}
    chosen = strong or weak
    if len(chosen) > 1:
        return False
    return chosen.pop() if chosen else None


def _number(tok: _Tok, lang: Lang) -> tuple[Decimal, int] | None:
    if tok.kind == "cn":
        value = parse_cn_number(tok.text)
        return None if value is None else tidy(value)
    raw, multiplier = (tok.text[:-1], 1000) if tok.text.endswith("k") else (tok.text, 1)
    parsed = parse_digits(raw, lang)
    if parsed is None or multiplier == 1:
        return parsed
    return tidy(parsed[0] * multiplier)


def _digit_before(s: str, index: int) -> bool:
    """True when a dash follows a number, i.e. it is a range ("3-5 €"), not a minus sign."""
    before = s[:index].rstrip()
    return bool(before) and before[-1].isdigit()


def _not_money(s: str, tok: _Tok) -> bool:
    """A bare number that is a count, an id or part of a word rather than a price."""
    if tok.kind == "num":
        glued = (tok.start > 0 and s[tok.start - 1].isascii() and s[tok.start - 1].isalpha()) or (
            tok.end < len(s) and s[tok.end].isascii() and s[tok.end].isalpha()
        )
        if glued or sum(c.isdigit() for c in tok.text) >= 11:
            return True
    if _ID_BEFORE.search(s, max(0, tok.start - 12), tok.start):
        return True
    return _UNIT_AFTER.match(s, tok.end) is not None


def _decide(candidates: list[_Candidate]) -> Money | None:
    if not candidates or any(c.negative for c in candidates):
        return None
    priced = [c for c in candidates if c.currency]
    pool = priced + [c for c in candidates if not c.currency and not c.countish]
    if not priced:
        pool = candidates
    if len({c.value for c in pool}) != 1:
        return None
    currency = _currency(
        [Marker(c.currency, strong=c.strong) for c in pool if c.currency is not None]
    )
    if currency is False:
        return None
    best = max(pool, key=lambda c: c.decimals)
    places = get_currency_precision(currency) if currency else 2
    value = best.value
    if best.decimals > places:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if not 0 < value <= MAX_AMOUNT:
        return None
    return Money(value, currency)
