"""Word tables for the date parser, in the folded form of ``_text`` (lower case, no accents).

All languages are merged: a French parent may well write "March 2" and an English one "14h".
Month and weekday names only count next to a day number or a relative word, so the few
collisions ("mar", "sept", "may") do no harm.
"""

from __future__ import annotations


def _numbered(entries: list[str], start: int) -> dict[str, int]:
    """Each word of an entry (spaces between them) -> the entry's number, from ``start``."""
    return {word: number for number, words in enumerate(entries, start) for word in words.split()}


def _by_word(meanings: dict[tuple[int, str | None], str]) -> dict[str, tuple[int, str | None]]:
    """Each of a meaning's words (``|`` between them) -> that meaning."""
    return {word: meaning for meaning, words in meanings.items() for word in words.split("|")}


MONTHS = _numbered(
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
)
WEEKDAYS = _numbered(
    [
        "monday mon lundi",
        "tuesday tue tues mardi",
        "wednesday wed weds mercredi",
        "thursday thu thur thurs jeudi",
        "friday fri vendredi",
        "saturday samedi",
        "sunday dimanche",
    ],
    start=0,
)

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
DAY_WORDS = _by_word(
    {
        (3, None): "大前天",
        (2, None): "the day before yesterday|day before yesterday|avant-hier|avant hier|前天|前日",
        (1, None): "yesterday|hier|昨天|昨日",
        (0, None): "today|aujourd'hui|aujourd hui|aujourdhui|auj|今天|今日",
        (1, "night"): "last night|cette nuit|la nuit derniere|昨晚|昨夜",
        (1, "evening"): "last evening",
        (0, "evening"): "tonight|this evening|ce soir|今晚",
        (0, "morning"): "this morning|ce matin|今早|今晨",
        (0, "afternoon"): "this afternoon|cet apres-midi|cet apres midi|cet aprem",
    }
)

#: Days ahead: word -> (days ahead, period implied or None).  Said of a purchase they are a
#: slip the parent must hear about ("in the future"), never a date to store as a past one.
FUTURE_DAY_WORDS = _by_word(
    {
        (3, None): "大后天|大後天",
        (2, None): "the day after tomorrow|day after tomorrow|apres-demain|apres demain|后天|後天",
        (1, None): "tomorrow|demain|明天",
        (1, "evening"): "明晚",
        (1, "morning"): "明早",
    }
)

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
