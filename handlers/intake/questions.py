"""The single-answer questions: consent, platform, problem, who is writing, age, account,
payment method, description and contact."""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers.bounds import ascii_digits, ascii_int
from handlers.case.fields import minor_age_asked
from handlers.intake.context import Accepted, Answer, AnswerKind, Ctx, Outcome, Rejected
from handlers.policy import PROBLEMS, WRITERS
from handlers.replies import Msg

Rows = list[list[tuple[str, Msg]]]
#: A run of digits; any keyboard's digits are read as ASCII first ("１２岁").
_AGE = re.compile(r"[0-9]+")
#: A number above this is no age at all ("a number of years, please"), not one out of range.
_AGE_DIGITS_MAX = 999
_CHINESE_AGE = {
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
    "十三": 13,
    "十四": 14,
    "十五": 15,
    "十六": 16,
    "十七": 17,
}


def _pairs(values: tuple[str, ...], prefix: str, per_row: int = 2) -> Rows:
    items = [(value, Msg(f"{prefix}-{value.replace('_', '-')}")) for value in values]
    return [items[i : i + per_row] for i in range(0, len(items), per_row)]


def _text(ctx: Ctx, answer: Answer, field: str) -> Outcome:
    value = answer.text.strip()
    if not value:
        return Rejected.because("error-empty-answer")
    ctx.answers[field] = value
    return Accepted()


def _choice(ctx: Ctx, field: str, choice: str, *, named: str) -> Outcome:
    """``choice`` for ``field``; any but "other" forgets the name typed for "other" before
    (in ``named``)."""
    ctx.answers[field] = choice
    if choice != "other":
        ctx.answers.pop(named, None)
    return Accepted()


# -- consent -------------------------------------------------------------------------------


def consent_choices(ctx: Ctx) -> Rows:
    return [[("yes", Msg("button-consent-yes")), ("no", Msg("button-consent-no"))]]


def accept_consent(ctx: Ctx, answer: Answer) -> Outcome:
    if answer.choice == "yes":
        ctx.answers["consent"] = True
        return Accepted()
    return Accepted(cancel=True, notes=(Msg("consent-declined"),))


# -- platform ------------------------------------------------------------------------------


def platform_label(platform: str, ctx: Ctx, *, inline: bool = False) -> Msg:
    """A platform's button label, or ``inline`` its name as it reads inside a sentence."""
    if platform in ctx.policy.platform_names:
        return Msg("platform-custom", {"name": ctx.policy.platform_names[platform]})
    return Msg(f"platform-inline-{platform}" if inline else f"platform-{platform}")


def platform_choices(ctx: Ctx) -> Rows:
    items = [(p, platform_label(p, ctx)) for p in ctx.policy.platforms]
    items.append(("other", Msg("platform-other")))
    return [items[i : i + 2] for i in range(0, len(items), 2)]


def accept_platform(ctx: Ctx, answer: Answer) -> Outcome:
    if answer.kind is AnswerKind.TEXT:
        # A name typed instead of a button press is the "other" platform, named.
        ctx.answers["platform"] = "other"
        ctx.answers["platform_other"] = answer.text.strip()
        return Accepted()
    return _choice(ctx, "platform", answer.choice, named="platform_other")


def accept_platform_other(ctx: Ctx, answer: Answer) -> Outcome:
    return _text(ctx, answer, "platform_other")


# -- problem, writer, age ------------------------------------------------------------------


def problem_choices(ctx: Ctx) -> Rows:
    return _pairs(PROBLEMS, "problem", per_row=1)


def writer_choices(ctx: Ctx) -> Rows:
    return _pairs(WRITERS, "writer")


def accept_choice(field: str) -> Callable[[Ctx, Answer], Outcome]:
    def accept(ctx: Ctx, answer: Answer) -> Outcome:
        ctx.answers[field] = answer.choice
        return Accepted()

    return accept


def needs_minor_age(ctx: Ctx) -> bool:
    return minor_age_asked(ctx.answers)


def accept_minor_age(ctx: Ctx, answer: Answer) -> Outcome:
    text = answer.text.strip()
    low, high = ctx.policy.minor_age_range
    age: int | None = None
    match = _AGE.search(ascii_digits(text))
    if match:
        age = ascii_int(match.group(), low=0, high=_AGE_DIGITS_MAX)
    else:
        word = re.sub(r"[岁歲周週]|左右|大概", "", text).strip()
        age = _CHINESE_AGE.get(word)
    if age is None:
        return Rejected.because("error-age", low=low, high=high)
    if not low <= age <= high:
        return Rejected.because("error-age-range", low=low, high=high, age=age)
    ctx.answers["minor_age"] = age
    return Accepted()


def platform_display(ctx: Ctx, *, inline: bool = False) -> Msg:
    """The chosen platform as shown to people: its translated name, or the name typed."""
    platform = ctx.answers.get("platform", "other")
    if platform == "other":
        return Msg("platform-custom", {"name": ctx.answers.get("platform_other", "")})
    return platform_label(platform, ctx, inline=inline)


def ask_account(ctx: Ctx) -> tuple[Msg, ...]:
    return (Msg("ask-account", {"platform": platform_display(ctx, inline=True)}),)


def accept_account(ctx: Ctx, answer: Answer) -> Outcome:
    return _text(ctx, answer, "account")


# -- payment -------------------------------------------------------------------------------


def payment_choices(ctx: Ctx) -> Rows:
    return _pairs((*ctx.policy.payment_methods, "other"), "payment")


def accept_payment(ctx: Ctx, answer: Answer) -> Outcome:
    return _choice(ctx, "payment_method", answer.choice, named="payment_other")


def accept_payment_other(ctx: Ctx, answer: Answer) -> Outcome:
    return _text(ctx, answer, "payment_other")


# -- description and contact ---------------------------------------------------------------


def accept_description(ctx: Ctx, answer: Answer) -> Outcome:
    if len(answer.text.strip()) < 3:
        return Rejected.because("error-description-short")
    return _text(ctx, answer, "description")


def contact_choices(ctx: Ctx) -> Rows:
    return [[("skip", Msg("button-skip-contact"))]]


def accept_contact(ctx: Ctx, answer: Answer) -> Outcome:
    if answer.kind is AnswerKind.CHOICE:
        ctx.answers["contact"] = None
        return Accepted()
    return _text(ctx, answer, "contact")
