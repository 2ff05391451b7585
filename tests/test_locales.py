"""The locale files: same messages, same placeholders, valid Fluent, every key the code uses,
and every message renders in every language without Fluent errors.

Each test collects all the problems it finds and reports them together.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.i18n import Localizer
from handlers.intake.zone import CITIES
from handlers.languages import SUPPORTED
from handlers.replies import Msg

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
SOURCE_DIRS = (ROOT / "handlers", ROOT / "bot")
REFERENCE = "en"
TRANSLATIONS = tuple(lang for lang in SUPPORTED if lang != REFERENCE)

#: Parameters the code passes as integers (so Fluent picks plural forms); rendered with 1 and 5.
NUMERIC_PARAMS = frozenset(
    {"count", "number", "days", "max", "age", "low", "high", "length", "minutes"}
)

#: How a purchase can be paid, but "other" (which has no inline label).
_PAYMENTS = ("alipay", "wechat-pay", "bank-card", "apple", "google-play", "platform-balance")
_STATUSES = ("submitted", "in-review", "waiting-parent", "decided", "appealed", "closed")
_REJECT_REASONS = (
    "insufficient-evidence",
    "not-a-minor",
    "too-old",
    "already-refunded",
    "duplicate",
    "other",
)

#: Keys the code builds with f-strings, by family.
KEY_FAMILIES = {
    "platform": ("douyin", "tiktok", "wechat", "kuaishou", "other", "custom"),
    "platform-inline": ("douyin", "tiktok", "wechat", "kuaishou"),
    "payment": (*_PAYMENTS, "other"),
    "payment-inline": _PAYMENTS,
    "problem": ("minor-purchase", "payment-failed", "not-activated", "other"),
    "writer": ("parent", "guardian", "minor", "other"),
    "language-name": SUPPORTED,
    "status": _STATUSES,
    "button-edit": (
        "platform",
        "problem",
        "writer",
        "minor-age",
        "account",
        "transactions",
        "payment",
        "evidence",
        "description",
        "contact",
    ),
    "command": (
        "start",
        "status",
        "routes",
        "language",
        "timezone",
        "help",
        "cancel",
        "mydata",
        "delete",
        "notifications",
    ),
    "desk-status": _STATUSES,
    "desk-button": (
        "claim",
        "unclaim",
        "ask",
        "approve",
        "partial",
        "reject",
        "escalate",
        "close",
        "reopen",
    ),
    "reject-reason": _REJECT_REASONS,
    "reject-button": _REJECT_REASONS,
    "routes-payment": ("alipay", "wechat-pay", "bank-card", "apple", "google-play"),
    "zone-city": tuple(key for key, _ in CITIES),
    "routes-platform": ("douyin", "tiktok", "wechat", "kuaishou", "custom", "any"),
    "routes-consumer": ("cn", "fr", "tw", "hk", "other"),
    "appeal-refused": ("already", "state", "approved", "window"),
    "decision-refund": ("range", "up-to", "immediate", "generic"),
    "timeline": (
        "submitted",
        "claimed",
        "asked",
        "support-message",
        "parent-message",
        "approved",
        "partial",
        "rejected",
        "decided",
        "appealed",
        "escalated",
        "closed",
        "reopened",
    ),
}
#: Keys the code keeps in tables rather than in Msg(...) calls.
TABLE_KEYS = ("error-sticker", "error-voice", "error-unsupported")

#: Messages that may legitimately read the same as in English.
SAME_AS_ENGLISH_OK = frozenset(
    {
        "timezone-button",
        "status-lines",
        "platform-custom",
        "platform-tiktok",
        "platform-douyin",
        "platform-kuaishou",
        "payment-alipay",
        "payment-wechat-pay",
        "payment-apple",
        "payment-google-play",
        "platform-inline-douyin",
        "platform-inline-tiktok",
        "platform-inline-wechat",
        "platform-inline-kuaishou",
        "payment-inline-alipay",
        "payment-inline-wechat-pay",
        "payment-inline-google-play",
    }
)
MIN_TRANSLATED_SHARE = 0.9
MAX_BUTTON_LENGTH = 30
OWN_LANGUAGE_NAME = {
    "en": "English",
    "fr": "français",
    "zh-Hans": "简体中文",
    "zh-Hant": "繁體中文",
}
#: Characters that exist in only one Chinese script: a sign of a mixed-up file.
SIMPLIFIED_ONLY = set("这们说请时间发为没号单账图钱过还让给应该选择确认删")
TRADITIONAL_ONLY = set("這們說請時間發為沒號單帳圖錢過還讓給應該選擇確認刪")

_LITERAL_KEY = re.compile(r"""\b(?:Msg|because|_ask)\(\s*["']([a-z][a-z0-9-]*)["']""")
_FSTRING_PREFIX = re.compile(r"""\bMsg\(\s*f["']([a-z][a-z0-9-]*)-\{""")
_PAIRS_PREFIX = re.compile(r"""\b_pairs\([^()]*?,\s*["']([a-z][a-z0-9-]*)["']""")
_TAG = re.compile(r"</?[a-z]+>")
_LEADING_SYMBOLS = re.compile(r"^[^\w\s]+", re.UNICODE)


class _Collector(Visitor):
    """Variables, plural selectors and literal text of one message."""

    def __init__(self) -> None:
        super().__init__()
        self.variables: set[str] = set()
        self.selectors: set[str] = set()
        self.text: list[str] = []
        self.one_variants: list[str] = []

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.variables.add(node.id.name)
        self.generic_visit(node)

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        if isinstance(node.selector, ast.VariableReference):
            self.selectors.add(node.selector.id.name)
            for variant in node.variants:
                if isinstance(variant.key, ast.Identifier) and variant.key.name == "one":
                    self.one_variants.append(_variant_text(variant))
        self.generic_visit(node)

    def visit_TextElement(self, node: ast.TextElement) -> None:
        self.text.append(node.value)


def _variant_text(variant: ast.Variant) -> str:
    parts = []
    for element in variant.value.elements:
        if isinstance(element, ast.TextElement):
            parts.append(element.value)
        else:
            parts.append("{}")
    return "".join(parts)


@cache
def _resource(lang: str) -> tuple[ast.Resource, ...]:
    files = sorted((LOCALES / lang).glob("*.ftl"))
    parser = FluentParser(with_spans=True)
    return tuple(parser.parse(path.read_text(encoding="utf-8")) for path in files)


@cache
def _messages(lang: str) -> dict[str, _Collector]:
    out: dict[str, _Collector] = {}
    for resource in _resource(lang):
        for entry in resource.body:
            if isinstance(entry, ast.Message):
                collector = _Collector()
                collector.visit(entry)
                out[entry.id.name] = collector
    return out


def _report(title: str, problems: list[str]) -> str:
    return f"{title} ({len(problems)}):\n  " + "\n  ".join(problems)


@cache
def _code_keys() -> tuple[dict[str, set[str]], set[str]]:
    """Literal keys used by the code (key -> files) and prefixes of keys built at run time."""
    literal: dict[str, set[str]] = {}
    prefixes: set[str] = set()
    for directory in SOURCE_DIRS:
        for path in sorted(directory.rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            where = str(path.relative_to(ROOT))
            for key in _LITERAL_KEY.findall(source):
                literal.setdefault(key, set()).add(where)
            prefixes.update(_FSTRING_PREFIX.findall(source))
            prefixes.update(_PAIRS_PREFIX.findall(source))
    return literal, prefixes


def _family_keys() -> list[str]:
    return [f"{family}-{name}" for family, names in KEY_FAMILIES.items() for name in names]


# -- the files themselves ------------------------------------------------------------------


def test_every_language_has_message_files() -> None:
    missing = [lang for lang in SUPPORTED if not sorted((LOCALES / lang).glob("*.ftl"))]
    assert not missing, f"no .ftl files for: {', '.join(missing)}"


def test_fluent_files_parse_without_junk() -> None:
    problems = []
    for lang in SUPPORTED:
        for path in sorted((LOCALES / lang).glob("*.ftl")):
            text = path.read_text(encoding="utf-8")
            resource = FluentParser(with_spans=True).parse(text)
            seen: set[str] = set()
            for entry in resource.body:
                if isinstance(entry, ast.Junk):
                    line = text.count("\n", 0, entry.span.start) + 1 if entry.span else "?"
                    notes = "; ".join(a.message for a in entry.annotations)
                    snippet = entry.content.strip().splitlines()[0][:60]
                    problems.append(f"{lang}/{path.name}:{line}: {notes} — {snippet!r}")
                elif isinstance(entry, ast.Message | ast.Term):
                    name = entry.id.name
                    if name in seen:
                        problems.append(f"{lang}/{path.name}: {name} is defined twice")
                    seen.add(name)
    assert not problems, _report("Fluent syntax errors", problems)


def test_same_message_ids_in_every_language() -> None:
    ids = {lang: set(_messages(lang)) for lang in SUPPORTED}
    every = set().union(*ids.values())
    problems = [
        f"{key}: missing in {', '.join(lang for lang in SUPPORTED if key not in ids[lang])}"
        for key in sorted(every)
        if any(key not in ids[lang] for lang in SUPPORTED)
    ]
    assert not problems, _report("Message ids differ between languages", problems)


def _translations() -> Iterator[tuple[str, str, _Collector, _Collector]]:
    """Each translated message that English has too: language, id, English's, the translation."""
    reference = _messages(REFERENCE)
    for lang in TRANSLATIONS:
        for key, message in sorted(_messages(lang).items()):
            if key in reference:
                yield lang, key, reference[key], message


def test_same_placeholders_in_every_language() -> None:
    problems = []
    for lang, key, english, message in _translations():
        expected, actual = english.variables, message.variables
        if expected != actual:
            extra = ", ".join(f"${v}" for v in sorted(actual - expected)) or "-"
            lacking = ", ".join(f"${v}" for v in sorted(expected - actual)) or "-"
            problems.append(f"{lang} {key}: missing {lacking}; unknown {extra}")
    assert not problems, _report("Placeholders differ from English", problems)


def test_same_markup_in_every_language() -> None:
    problems = []
    for lang, key, english, message in _translations():
        expected = sorted(set(_TAG.findall("".join(english.text))))
        actual = sorted(set(_TAG.findall("".join(message.text))))
        if expected != actual:
            problems.append(f"{lang} {key}: tags {actual}, English has {expected}")
    assert not problems, _report("Markup differs from English", problems)


def test_french_plurals() -> None:
    """French keeps English's plural selects, and its [one] also covers 0, so never a bare 1."""
    reference = _messages(REFERENCE)
    problems = []
    for key, message in sorted(_messages("fr").items()):
        lost = reference[key].selectors - message.selectors if key in reference else set()
        if lost:
            problems.append(f"{key}: no plural select on {', '.join(sorted(lost))}")
        for text in message.one_variants:
            if re.search(r"(?<![\d,.])1(?![\d,.])", text):
                problems.append(f"{key}: [one] variant says a literal 1: {text.strip()!r}")
    assert not problems, _report("French plural problems", problems)


def test_chinese_script_is_not_mixed() -> None:
    problems = []
    for lang, foreign in (("zh-Hans", TRADITIONAL_ONLY), ("zh-Hant", SIMPLIFIED_ONLY)):
        for key, message in sorted(_messages(lang).items()):
            if key.startswith("language-name-"):
                continue
            found = sorted(set("".join(message.text)) & foreign)
            if found:
                problems.append(f"{lang} {key}: {''.join(found)}")
    assert not problems, _report("Characters from the other Chinese script", problems)


# -- the keys the code uses ----------------------------------------------------------------


def test_keys_used_by_the_code_exist() -> None:
    literal, _ = _code_keys()
    assert literal, 'found no Msg("...") keys in handlers/ or bot/ — is the regex stale?'
    wanted = {key: sorted(files) for key, files in literal.items()}
    for key in (*_family_keys(), *TABLE_KEYS):
        wanted.setdefault(key, ["(known family)"])
    problems = []
    for lang in SUPPORTED:
        ids = _messages(lang)
        for key, files in sorted(wanted.items()):
            if key not in ids:
                problems.append(f"{lang}: {key} (used in {', '.join(files)})")
    assert not problems, _report("Keys used by the code but missing", problems)


def test_computed_key_families_are_known() -> None:
    """A new Msg(f"prefix-{...}") in the code needs its family listed in this test."""
    _, prefixes = _code_keys()
    unknown = sorted(prefixes - set(KEY_FAMILIES))
    assert not unknown, _report("Computed key families not listed in KEY_FAMILIES", unknown)


# -- rendering -----------------------------------------------------------------------------


@cache
def _localizer() -> Localizer:
    return Localizer()


def _params(variables: set[str], number: int) -> dict[str, object]:
    return {name: number if name in NUMERIC_PARAMS else f"<{name}>" for name in sorted(variables)}


def _render(lang: str, key: str, number: int) -> str:
    variables = set(_messages(lang)[key].variables)
    if key in _messages(REFERENCE):
        variables |= _messages(REFERENCE)[key].variables
    return _localizer().plain(lang, Msg(key, _params(variables, number)))


def test_every_message_renders(caplog: pytest.LogCaptureFixture) -> None:
    problems = []
    for lang in SUPPORTED:
        for key in sorted(_messages(lang)):
            for number in (1, 5):
                caplog.clear()
                with caplog.at_level(logging.ERROR, logger="bot.i18n"):
                    text = _render(lang, key, number)
                errors = [r.getMessage() for r in caplog.records if r.name == "bot.i18n"]
                if errors:
                    problems.append(f"{lang} {key} (n={number}): {'; '.join(errors)}")
                elif not text.strip():
                    problems.append(f"{lang} {key} (n={number}): renders empty")
    assert not problems, _report("Messages that fail to render", problems)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_translations_differ_from_english(lang: str) -> None:
    keys = [
        key
        for key in sorted(_messages(lang))
        if key in _messages(REFERENCE)
        and key not in SAME_AS_ENGLISH_OK
        and not key.startswith("language-name-")
    ]
    same = [key for key in keys if _render(lang, key, 5) == _render(REFERENCE, key, 5)]
    share = 1 - len(same) / len(keys) if keys else 0.0
    assert share >= MIN_TRANSLATED_SHARE, _report(
        f"{lang}: only {share:.0%} of messages differ from English; identical", same
    )


def test_language_names_and_language_changed() -> None:
    problems = []
    for lang in SUPPORTED:
        for other in SUPPORTED:
            key = f"language-name-{other}"
            if key in _messages(lang) and _render(lang, key, 5) != _render(other, key, 5):
                problems.append(f"{lang} {key}: should be written as in {other}")
        own = OWN_LANGUAGE_NAME[lang]
        changed = "language-changed"
        if changed in _messages(lang) and own.lower() not in _render(lang, changed, 5).lower():
            problems.append(f"{lang} language-changed: does not name {own}")
    assert not problems, _report("Language names", problems)


def test_buttons_are_short_and_keep_their_emoji() -> None:
    reference = _messages(REFERENCE)
    problems = []
    for lang in SUPPORTED:
        for key in sorted(_messages(lang)):
            if not key.startswith("button-"):
                continue
            label = _render(lang, key, 5)
            if len(label) > MAX_BUTTON_LENGTH:
                problems.append(f"{lang} {key}: {len(label)} characters: {label!r}")
            if lang != REFERENCE and key in reference:
                english = _LEADING_SYMBOLS.match(_render(REFERENCE, key, 5))
                if english and not label.startswith(english.group()):
                    problems.append(f"{lang} {key}: lost its {english.group()!r}")
    assert not problems, _report("Button labels", problems)


# -- typography ----------------------------------------------------------------------------

#: Stands for a placeable ({ $x }) in the flattened text of a message.
_SLOT = "\ue000"
NBSP = "\u00a0"  # no-break space: before ":", after "n°", between a number and its unit
NNBSP = "\u202f"  # narrow no-break space: before ; ? ! », after «
_MARKUP = re.compile(r"<[^>]*>|[a-z]+://\S+")
#: A currency symbol, code or unit after a number (or a placeable) in French.
_FR_UNIT = re.compile(
    rf"(?<=[\d{_SLOT}])(?P<gap>\s?)(?P<unit>[€¥$£%]|(?:Mo|Ko|Go|h|min|[A-Z]{{3}})(?![\w]))"
)


def _flatten(pattern: ast.Pattern) -> list[str]:
    """Every text the pattern can give, one per combination of variants; placeables as _SLOT."""
    texts = [""]
    for element in pattern.elements:
        if isinstance(element, ast.TextElement):
            texts = [text + element.value for text in texts]
        elif isinstance(element.expression, ast.SelectExpression):
            options = [o for v in element.expression.variants for o in _flatten(v.value)]
            texts = [text + option for text in texts for option in options]
        else:
            texts = [text + _SLOT for text in texts]
    return texts


def _all_message_texts(lang: str) -> list[tuple[str, str]]:
    """(key, flattened text without markup) for every message and attribute of ``lang``."""
    out = []
    for resource in _resource(lang):
        for entry in resource.body:
            if not isinstance(entry, ast.Message):
                continue
            patterns = [entry.value] if entry.value else []
            patterns += [attribute.value for attribute in entry.attributes]
            for pattern in patterns:
                for text in _flatten(pattern):
                    out.append((entry.id.name, _MARKUP.sub("", text)))
    return out


def _french_typography_problems(text: str) -> list[str]:
    problems = []

    def show(index: int) -> str:
        return repr(text[max(0, index - 12) : index + 12].replace(_SLOT, "{…}"))

    for i, char in enumerate(text):
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if char in ";?!»" and before != NNBSP and not (char in "?!" and before in "?!"):
            problems.append(f"{char!r} needs a narrow no-break space (U+202F) before: {show(i)}")
        elif char == "«" and after != NNBSP:
            problems.append(f"'«' needs a narrow no-break space (U+202F) after: {show(i)}")
        elif char == ":" and before != NBSP and not (before.isdigit() and after.isdigit()):
            problems.append(f"':' needs a no-break space (U+00A0) before: {show(i)}")
    for match in re.finditer(r"[nN]°", text):
        rest = text[match.end() : match.end() + 2]
        if not (rest[:1] == NBSP and rest[1:2] and (rest[1].isdigit() or rest[1] == _SLOT)):
            problems.append(f"'n°' is for a number, after a no-break space: {show(match.start())}")
    for match in _FR_UNIT.finditer(text):
        gap, unit = match.group("gap"), match.group("unit")
        if gap != NBSP and not (unit == "h" and gap == ""):  # "21h" as parents write it
            where = show(match.start())
            problems.append(f"{unit!r} needs a no-break space (U+00A0) before: {where}")
    return problems


def test_french_typography() -> None:
    """Every French message, in whatever file, keeps its punctuation and units on the line of
    the word before: no-break spaces before ; ? ! » : and units, after « and n°."""
    problems = [
        f"{key}: {problem}"
        for key, text in _all_message_texts("fr")
        for problem in _french_typography_problems(text)
    ]
    assert not problems, _report("French typography", sorted(set(problems)))


def test_french_typography_check_itself() -> None:
    """The check above catches what it should and lets through times, URLs and markup."""
    good = (
        f"Bonjour{NNBSP}! Votre demande{NBSP}: n°{NBSP}{_SLOT}, 9,90{NBSP}€ «{NNBSP}oui{NNBSP}»"
        f" à 21:00, 14h10, {_SLOT}{NBSP}Mo, 300{NBSP}CNY, signal.conso.gouv.fr{NNBSP}?"
    )
    assert _french_typography_problems(good) == []
    for bad in (
        "Bonjour !",
        "Bonjour!",
        "« oui »",
        "Total : 3",
        "Total: 3",
        "Achat n° 2",
        "n° de commande",
        "9,90 €",
        "9,90€",
        f"{_SLOT} Mo",
        "300 CNY",
        f"depuis {_SLOT} h",
        f"{_SLOT} ; suite",
    ):
        assert _french_typography_problems(bad), bad


# -- one term per thing (docs/glossary.md) --------------------------------------------------

#: Messages only the support agents read; every other message is read by parents.
AGENT_FACING = ("desk-", "handoff-", "relay-from-parent", "relay-digest", "reject-button-")
#: Per language: (pattern of a variant the glossary rules out, the glossary's word).
GLOSSARY_BANNED: dict[str, tuple[tuple[str, str], ...]] = {
    "en": ((r"(?i)\bcheck-ins?\b", "progress updates"),),
    "fr": (
        (r"(?i)\bdossiers?\b", "demande"),
        (r"(?i)\bpreuves?\b|pièces justificatives", "justificatifs"),
        (r"(?i)points? d'étape", "messages de suivi"),
        (r"(?i)\bappels?\b", "contestation"),
    ),
    "zh-Hans": (
        ("证据", "凭证"),
        ("纪录", "记录"),
        ("进度提醒", "进度通知"),
        ("资料", "信息、数据"),
        ("核准", "批准"),
        ("决定", "处理结果"),
        ("笔[^，。；：]{0,4}申请", "份 (申请是一份，消费是一笔)"),
        ("份[^，。；：]{0,3}消费", "笔 (申请是一份，消费是一笔)"),
    ),
    "zh-Hant": (
        ("證據|證明(?!資料)", "證明資料"),
        ("記錄", "紀錄 (「」裡照抄的 App 介面名稱除外)"),
        ("核准", "批准"),
        ("決定", "處理結果"),
        ("管道|渠道", "途徑"),
        ("筆[^，。；：]{0,4}申請", "份 (申請是一份，消費是一筆)"),
        ("份[^，。；：]{0,3}消費", "筆 (申請是一份，消費是一筆)"),
        # Words of Taiwan or of Hong Kong only, where both read one word alike.
        ("點選|點一下|點「|撳", "按"),
        ("略過", "跳過"),
        ("喔", "(no particle)"),
        ("入帳|入賬", "退回、到帳"),
        ("Email|電郵", "電子郵件"),
        ("使用者", "用戶、帳號"),
        ("序號", "編號"),
        ("上週", "上星期"),
        ("回饋", "回覆"),
        ("線上|網上", "在網站上"),
    ),
}
#: The agents' words, ruled out of the parents' messages only (likewise).
GLOSSARY_BANNED_FOR_PARENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": ((r"(?i)\bcases?\b", "claim (a case is the agents' word)"),),
    "fr": (),
    "zh-Hans": (("案件", "申请 (案件是客服用语)"),),
    "zh-Hant": (("案件", "申請 (案件是客服用語)"),),
}
#: Straight or curly, one style per language: quotation marks and apostrophes ruled out.
QUOTES_BANNED = {
    "en": "“”‘’«»「」",  # straight " and ', as parents type a button's label back
    "fr": '"“”‘’「」',  # « » and the straight apostrophe
    "zh-Hans": "\"'‘’«»「」",  # “ ”
    "zh-Hant": "\"'“”‘’«»",  # 「 」
}
#: Messages of locales/*/parsing.ftl (the parsing work of #14) that do not follow the
#: glossary yet; listed so the test keeps the rest, and fails once they do (then drop them).
NOT_YET_FOLLOWING: frozenset[tuple[str, str]] = frozenset()
_ZH_QUOTED = re.compile(r"「[^」]*」")


def _glossary_problems(lang: str, key: str, text: str) -> list[str]:
    problems = []
    banned = GLOSSARY_BANNED[lang]
    if not key.startswith(AGENT_FACING):
        banned += GLOSSARY_BANNED_FOR_PARENTS[lang]
    for pattern, word in banned:
        checked = _ZH_QUOTED.sub("", text) if pattern == "記錄" else text
        if found := re.search(pattern, checked):
            problems.append(f"{found.group()!r}: the glossary says {word}")
    for mark in sorted(set(text) & set(QUOTES_BANNED[lang])):
        problems.append(f"{mark!r}: not this language's quotation mark or apostrophe")
    if lang == "zh-Hant" and "NT$" in text and "HK$" not in text:
        problems.append("an example in NT$ without one in HK$ (Taiwan and Hong Kong read it)")
    return problems


def test_one_term_per_thing_and_one_quotation_style() -> None:
    problems, pending = [], set()
    for lang in SUPPORTED:
        for key, text in _all_message_texts(lang):
            found = _glossary_problems(lang, key, text)
            if (lang, key) in NOT_YET_FOLLOWING:
                if found:
                    pending.add((lang, key))
                continue
            problems += [f"{lang} {key}: {problem}" for problem in found]
    fixed = sorted(NOT_YET_FOLLOWING - pending)
    problems += [
        f"{lang} {key}: follows the glossary now, drop it from NOT_YET_FOLLOWING"
        for lang, key in fixed
    ]
    assert not problems, _report("Against docs/glossary.md", sorted(set(problems)))


#: How each language writes a child's age: never a bare number.
AGE_UNIT = {"en": "year", "fr": "an", "zh-Hans": "岁", "zh-Hant": "歲"}
#: Messages whose $age is how long a case has waited ("5 h old"), a message of its own.
CASE_AGE = frozenset({"desk-queue-line", "desk-queue-line-overdue"})


def test_an_age_is_shown_with_its_unit() -> None:
    problems = []
    for lang in SUPPORTED:
        for key, message in sorted(_messages(lang).items()):
            if "age" not in message.variables or key in CASE_AGE:
                continue
            for number in (1, 5):
                if AGE_UNIT[lang] not in _render(lang, key, number):
                    problems.append(f"{lang} {key} (age {number}): no {AGE_UNIT[lang]!r}")
    assert not problems, _report("Ages without their unit", problems)
