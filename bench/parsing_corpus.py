"""Score the amount and date parsers on the corpus of tests/handlers/corpus/amounts_and_dates.tsv.

    python bench/parsing_corpus.py [--corpus PATH] [--markdown]

Each row is read the way the intake reads an answer, and the reading is compared with the
expected one exactly: an amount with its currency ("12.50 EUR", "12.50" when none is named)
or a refusal ("vague", "range", "none"); a moment ("2026-11-19 21:00"), a vague time of day
shown back as vague ("2026-11-19 20:00 ~"), a date alone ("2026-11-19") or a refusal
("future", "none").  A time counts as "future" the way the intake refuses it: said with a
future word, or later than now plus the intake's clock-drift tolerance.

Prints exact matches / total, per language and per kind, then every miss.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handlers.parsing import amount as amount_module  # noqa: E402
from handlers.parsing.when import parse_when_detail  # noqa: E402

CORPUS = ROOT / "tests" / "handlers" / "corpus" / "amounts_and_dates.tsv"
AMOUNT_KINDS = ("symbol", "separator", "leading-sep", "chinese", "vague", "range")
WHEN_KINDS = ("relative", "weekday", "month-rel", "future", "vague-time", "explicit")
LANGUAGES = ("en", "fr", "zh-Hans", "zh-Hant")
TZ = {
    "en": "America/New_York",
    "fr": "Europe/Paris",
    "zh-Hans": "Asia/Shanghai",
    "zh-Hant": "Asia/Taipei",
}
#: The intake's tolerance for clocks running a little ahead (handlers/intake/transactions.py).
FUTURE_TOLERANCE = timedelta(minutes=5)
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass(frozen=True)
class Row:
    line: int
    lang: str
    kind: str
    text: str
    expected: str


def now_in(lang: str) -> datetime:
    """Friday 2026-11-20 15:30 in the language's usual time zone (as in test_parsing_when)."""
    return datetime(2026, 11, 20, 15, 30, tzinfo=ZoneInfo(TZ[lang]))


def load(path: Path = CORPUS) -> list[Row]:
    rows = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        lang, kind, text, expected = raw.split("\t")
        if lang not in LANGUAGES or kind not in (*AMOUNT_KINDS, *WHEN_KINDS):
            raise ValueError(f"{path}:{number}: unknown language or kind: {raw!r}")
        text = _ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
        rows.append(Row(number, lang, kind, text, expected.strip()))
    return rows


def read_amount(text: str, lang: str) -> str:
    reader = getattr(amount_module, "read_amount", None)
    if reader is not None:  # the reading with its refusal kind, when the parser has one
        reading = reader(text, lang)
        if reading.refusal:
            return str(reading.refusal)
        money = reading.money
    else:
        money = amount_module.parse_amount(text, lang)
    if money is None:
        return "none"
    return f"{money.amount} {money.currency}" if money.currency else str(money.amount)


def read_when(text: str, lang: str) -> str:
    now = now_in(lang)
    detail = parse_when_detail(text, lang, TZ[lang], now)
    if detail is None:
        return "none"
    if getattr(detail, "future", False) or detail.dt - FUTURE_TOLERANCE > now:
        return "future"
    if not detail.has_time:
        return f"{detail.dt:%Y-%m-%d}"
    vague = " ~" if getattr(detail, "vague", False) else ""
    return f"{detail.dt:%Y-%m-%d %H:%M}{vague}"


def reading(row: Row) -> str:
    if row.kind in AMOUNT_KINDS:
        return read_amount(row.text, row.lang)
    return read_when(row.text, row.lang)


@dataclass
class Score:
    hits: int = 0
    total: int = 0

    def __str__(self) -> str:
        share = self.hits / self.total if self.total else 0.0
        return f"{self.hits}/{self.total} ({share:.0%})"


def score(rows: list[Row]) -> tuple[Score, dict[str, Score], dict[str, Score], list[str]]:
    overall = Score()
    by_lang: dict[str, Score] = defaultdict(Score)
    by_kind: dict[str, Score] = defaultdict(Score)
    misses = []
    for row in rows:
        got = reading(row)
        hit = got == row.expected
        for bucket in (overall, by_lang[row.lang], by_kind[row.kind]):
            bucket.total += 1
            bucket.hits += hit
        if not hit:
            misses.append(
                f"{row.lang:7} {row.kind:11} {row.text!r}: expected {row.expected!r}, got {got!r}"
            )
    return overall, by_lang, by_kind, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--markdown", action="store_true", help="tables for docs/parsing.md")
    args = parser.parse_args(argv)
    rows = load(args.corpus)
    overall, by_lang, by_kind, misses = score(rows)
    if args.markdown:
        print("| language | score |\n|---|---|")
        for lang in LANGUAGES:
            print(f"| {lang} | {by_lang[lang]} |")
        print("\n| kind | score |\n|---|---|")
        for kind in (*AMOUNT_KINDS, *WHEN_KINDS):
            print(f"| {kind} | {by_kind[kind]} |")
        print(f"\n**Total: {overall}**")
        return 0
    print(f"corpus: {args.corpus.relative_to(ROOT) if args.corpus.is_absolute() else args.corpus}")
    print(f"exact matches: {overall}")
    print("per language: " + ", ".join(f"{lang} {by_lang[lang]}" for lang in LANGUAGES))
    print("per kind (amounts): " + ", ".join(f"{k} {by_kind[k]}" for k in AMOUNT_KINDS))
    print("per kind (dates):   " + ", ".join(f"{k} {by_kind[k]}" for k in WHEN_KINDS))
    print(f"misses ({len(misses)}):")
    for miss in misses:
        print("  " + miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
