"""Word tables for the date parser, in the folded form of ``_text`` (lower case, no accents).

All languages are merged: a French parent may well write "March 2" and an English one "14h".
Month and weekday names only count next to a day number or a relative word, so the few
collisions ("mar", "sept", "may") do no harm.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan janvier janv",
        "february feb fevrier fevr fev",
        "march mar mars",
        "april apr avril avr",
        "may mai",
        "june jun juin",
        "july jul juillet juil",
        "august aug aout",
        "september sep sept septembre",
        "october oct octobre",
        "november nov novembre",
        "december dec decembre",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "monday mon lundi",
        "tuesday tue tues mardi",
        "wednesday wed weds mercredi",
        "thursday thu thur thurs jeudi",
        "friday fri vendredi",
        "saturday samedi",
        "sunday dimanche",
    ]
):
    for _name in _names.split():
        WEEKDAYS[_name] = _number

#: Chinese weekday suffixes after 周 / 星期 / 礼拜 (日 and 天 are both Sunday).
ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
ZH_WEEK = r"(?:周|週|星期|礼拜|禮拜)"

#: Small number words for "two days ago", "il y a trois jours".
NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "un": 1,
    "une": 1,
    "two": 2,
    "deux": 2,
    "couple": 2,
    "three": 3,
    "trois": 3,
    "four": 4,
    "quatre": 4,
    "five": 5,
    "cinq": 5,
    "six": 6,
    "seven": 7,
    "sept": 7,
    "eight": 8,
    "huit": 8,
    "nine": 9,
    "neuf": 9,
    "ten": 10,
    "dix": 10,
}

#: Relative days: word -> (days back, period implied or None).
DAY_WORDS: dict[str, tuple[int, str | None]] = {
    "the day before yesterday": (2, None),
    "day before yesterday": (2, None),
    "yesterday": (1, None),
    "today": (0, None),
    "tonight": (0, "evening"),
    "last night": (1, "night"),
    "last evening": (1, "evening"),
    "this morning": (0, "morning"),
    "this afternoon": (0, "afternoon"),
    "this evening": (0, "evening"),
    "avant-hier": (2, None),
    "avant hier": (2, None),
    "hier": (1, None),
    "aujourd'hui": (0, None),
    "aujourd hui": (0, None),
    "aujourdhui": (0, None),
    "auj": (0, None),
    "ce matin": (0, "morning"),
    "cet apres-midi": (0, "afternoon"),
    "cet apres midi": (0, "afternoon"),
    "cet aprem": (0, "afternoon"),
    "ce soir": (0, "evening"),
    "cette nuit": (1, "night"),
    "la nuit derniere": (1, "night"),
    "大前天": (3, None),
    "前天": (2, None),
    "前日": (2, None),
    "昨天": (1, None),
    "昨日": (1, None),
    "今天": (0, None),
    "今日": (0, None),
    "昨晚": (1, "night"),
    "昨夜": (1, "night"),
    "今晚": (0, "evening"),
    "今早": (0, "morning"),
    "今晨": (0, "morning"),
}

#: Days ahead: word -> (days ahead, period implied or None).  Said of a purchase they are a
#: slip the parent must hear about ("in the future"), never a date to store as a past one.
FUTURE_DAY_WORDS: dict[str, tuple[int, str | None]] = {
    "the day after tomorrow": (2, None),
    "day after tomorrow": (2, None),
    "tomorrow": (1, None),
    "apres-demain": (2, None),
    "apres demain": (2, None),
    "demain": (1, None),
    "大后天": (3, None),
    "大後天": (3, None),
    "后天": (2, None),
    "後天": (2, None),
    "明天": (1, None),
    "明晚": (1, "evening"),
    "明早": (1, "morning"),
}

#: Parts of the day -> canonical period.  Defaults and hour shifts live in ``when``.
PERIODS: dict[str, str] = {
    "morning": "morning",
    "in the morning": "morning",
    "afternoon": "afternoon",
    "evening": "evening",
    "night": "night",
    "at night": "night",
    "noon": "noon",
    "midday": "noon",
    "matin": "morning",
    "matinee": "morning",
    "du matin": "morning",
    "apres-midi": "afternoon",
    "apres midi": "afternoon",
    "aprem": "afternoon",
    "soir": "evening",
    "soiree": "evening",
    "du soir": "evening",
    "nuit": "night",
    "早上": "morning",
    "早晨": "morning",
    "清晨": "morning",
    "上午": "morning",
    "早": "morning",
    "中午": "noon",
    "下午": "afternoon",
    "傍晚": "dusk",
    "黄昏": "dusk",
    "黃昏": "dusk",
    "晚上": "evening",
    "晚间": "evening",
    "晚間": "evening",
    "晚": "evening",
    "夜里": "late",
    "夜裡": "late",
    "夜间": "late",
    "夜間": "late",
    "半夜": "late",
    "深夜": "late",
    "凌晨": "dawn",
    "午夜": "dawn",
}

#: Hour used when only the period is known ("ce soir", "今天早上").
DEFAULT_HOUR = {
    "morning": 9,
    "noon": 12,
    "afternoon": 15,
    "dusk": 18,
    "evening": 20,
    "night": 21,
    "late": 23,
    "dawn": 2,
}

#: When each period begins: a guess that would fall after now ("ce matin" said at 8:30, when
#: the usual hour is 9:00) is now, as long as the period has begun.
PERIOD_START = {
    "dawn": 0,
    "morning": 5,
    "noon": 11,
    "afternoon": 12,
    "dusk": 17,
    "evening": 18,
    "night": 19,
    "late": 22,
}

#: Units for "N ... ago" (and "in N ...") -> seconds; days, weeks and months keep only the date.
AGO_UNITS: dict[str, int] = {
    "minute": 60,
    "minutes": 60,
    "min": 60,
    "mins": 60,
    "hour": 3600,
    "hours": 3600,
    "heure": 3600,
    "heures": 3600,
    "h": 3600,
    "day": 86400,
    "days": 86400,
    "jour": 86400,
    "jours": 86400,
    "demi-heure": 1800,
    "week": 604800,
    "weeks": 604800,
    "semaine": 604800,
    "semaines": 604800,
    "分钟": 60,
    "分鐘": 60,
    "小时": 3600,
    "小時": 3600,
    "个小时": 3600,
    "個小時": 3600,
    "个钟头": 3600,
    "個鐘頭": 3600,
    "天": 86400,
    "日": 86400,
    "周": 604800,
    "週": 604800,
    "个星期": 604800,
    "個星期": 604800,
    "星期": 604800,
    "个礼拜": 604800,
    "個禮拜": 604800,
    "month": 2592000,
    "months": 2592000,
    "mois": 2592000,
    "个月": 2592000,
    "個月": 2592000,
}
#: Units of AGO_UNITS counted in calendar months: "a month ago" on 20 Nov is 20 Oct.
MONTH_UNITS = frozenset({"month", "months", "mois", "个月", "個月"})

JUST_NOW = ("just now", "right now", "a l'instant", "刚才", "刚刚", "剛才", "剛剛")
