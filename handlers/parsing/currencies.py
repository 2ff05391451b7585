"""Currency markers: symbols, ISO codes and words, in the folded form produced by ``_text``.

Each marker has a *strength*.  Generic units (元, 块, ¥, $, "dollars") are weak: they say
"money" and suggest a default currency, but an explicit marker on the same amount wins, so
``新台幣990元`` is TWD and ``港币100元`` is HKD rather than CNY.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.parsing._text import alternation


@dataclass(frozen=True, slots=True)
class Marker:
    currency: str | None  # None for minor units that inherit the currency (cents, 毛)
    strong: bool
    major: bool = False  # may be followed by cents: 12€50, 6块5, 3 dollars 50
    minor: int = 0  # 10 for 毛/角 (tenths), 100 for 分/cents


_WEAK_CNY = ("¥", "元", "圆", "圓", "块", "塊", "块钱", "塊錢", "元钱", "yuan", "yuans", "kuai")
_STRONG: dict[str, tuple[str, ...]] = {
    "CNY": ("cny", "rmb", "cn¥", "rmb¥", "人民币", "人民幣", "renminbi"),
    "TWD": ("nt$", "ntd", "twd", "nt", "新台币", "新台幣", "新臺幣", "台币", "台幣", "臺幣"),
    "HKD": ("hk$", "hkd", "港币", "港幣", "港元", "港纸", "港紙"),
    "USD": ("us$", "usd", "$us", "$ us", "美元", "美金", "dollars americains", "us dollars"),
    "EUR": ("€", "eur", "euro", "euros", "欧元", "歐元", "balles"),
    "GBP": ("£", "gbp", "£gb", "pound", "pounds", "livres sterling", "英镑", "英鎊"),
    "JPY": ("円", "jpy", "yen", "jp¥", "日元", "日圆", "日圓", "日币", "日幣"),
    "AUD": ("a$", "au$", "aud", "澳元", "澳币", "澳幣"),
    "CAD": ("c$", "ca$", "cad", "加元", "加币", "加幣"),
    "SGD": ("s$", "sgd", "新币", "新幣", "新加坡元"),
    "KRW": ("₩", "krw", "韩元", "韓元"),
    "CHF": ("chf",),
    "INR": ("₹", "inr"),
}
_WEAK_USD = ("$", "dollar", "dollars", "buck", "bucks")
#: Cantonese 蚊 ("50蚊", "八十蚊", "3蚊5"): the dollar of Hong Kong, whose people write it; weak,
#: so 人民幣50蚊 stays CNY.
_WEAK_HKD = ("蚊",)
_MAJOR = {"¥", "元", "圆", "圓", "块", "塊", "$", "dollar", "dollars", "€", "euro", "euros", "£"}
_MINOR = {
    "毛": 10,
    "角": 10,
    "毛钱": 10,
    "毛錢": 10,
    "分": 100,
    "分钱": 100,
    "分錢": 100,
    "¢": 100,
    "cent": 100,
    "cents": 100,
    "centime": 100,
    "centimes": 100,
    "ct": 100,
    "cts": 100,
}


def _build() -> dict[str, Marker]:
    table: dict[str, Marker] = {}
    for word in _WEAK_CNY:
        table[word] = Marker("CNY", strong=False, major=word in _MAJOR)
    for word in _WEAK_USD:
        table[word] = Marker("USD", strong=False, major=word in _MAJOR)
    for word in _WEAK_HKD:
        table[word] = Marker("HKD", strong=False, major=True)  # 3蚊5 is 3.50
    for code, words in _STRONG.items():
        for word in words:
            table[word] = Marker(code, strong=True, major=word in _MAJOR)
    for word, divisor in _MINOR.items():
        table[word] = Marker(None, strong=False, minor=divisor)
    return table


MARKERS: dict[str, Marker] = _build()


#: Longest first, so "nt$" beats "$", "块钱" beats "块" and "euros" beats "euro".
MARKER_PATTERN = alternation(MARKERS)
