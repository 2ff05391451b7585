"""The intake as data: one row per step — what it asks, which buttons it offers, how its answer
is checked, when it applies and when it counts as answered.

Adding a question is adding a row (and its locale keys). The next step is always "the first
step after this one that applies and is not answered yet", which serves the first pass, the
optional branches and edits from the review screen alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from handlers.intake import evidence, questions, review, transactions, zone
from handlers.intake.context import AnswerKind, Ctx, Outcome, StepName
from handlers.replies import Msg

Rows = list[list[tuple[str, Msg]]]
TEXT = frozenset({AnswerKind.TEXT})
CHOICE = frozenset({AnswerKind.CHOICE})
TEXT_OR_CHOICE = frozenset({AnswerKind.TEXT, AnswerKind.CHOICE})
MEDIA_OR_CHOICE = frozenset({AnswerKind.MEDIA, AnswerKind.CHOICE, AnswerKind.TEXT})


def _always(ctx: Ctx) -> bool:
    return True


def _has(key: str) -> Callable[[Ctx], bool]:
    return lambda ctx: key in ctx.answers


def _agreed(ctx: Ctx) -> bool:
    return bool(ctx.answers.get("consent"))


def _ask(key: str, **fixed: Any) -> Callable[[Ctx], tuple[Msg, ...]]:
    return lambda ctx: (Msg(key, fixed),)


@dataclass(frozen=True)
class Step:
    name: StepName
    ask: Callable[[Ctx], tuple[Msg, ...]]
    accept: Callable[[Ctx, Any], Outcome]
    answered: Callable[[Ctx], bool]
    choices: Callable[[Ctx], Rows] | None = None
    applies: Callable[[Ctx], bool] = _always
    takes: frozenset[AnswerKind] = TEXT
    long_text: bool = False  # the description allows a longer answer than other fields


S = StepName
STEPS: tuple[Step, ...] = (
    Step(
        S.CONSENT,
        _ask("ask-consent"),
        questions.accept_consent,
        _agreed,
        questions.consent_choices,
        takes=CHOICE,
    ),
    Step(
        S.PLATFORM,
        _ask("ask-platform"),
        questions.accept_platform,
        _has("platform"),
        questions.platform_choices,
        takes=TEXT_OR_CHOICE,
    ),
    Step(
        S.PLATFORM_OTHER,
        _ask("ask-platform-other"),
        questions.accept_platform_other,
        _has("platform_other"),
        applies=lambda ctx: ctx.answers.get("platform") == "other",
    ),
    Step(
        S.PROBLEM,
        _ask("ask-problem"),
        questions.accept_choice("problem"),
        _has("problem"),
        questions.problem_choices,
        takes=CHOICE,
    ),
    Step(
        S.WRITER,
        _ask("ask-writer"),
        questions.accept_choice("writer"),
        _has("writer"),
        questions.writer_choices,
        takes=CHOICE,
    ),
    Step(
        S.MINOR_AGE,
        _ask("ask-minor-age"),
        questions.accept_minor_age,
        _has("minor_age"),
        applies=questions.needs_minor_age,
    ),
    Step(S.ACCOUNT, questions.ask_account, questions.accept_account, _has("account")),
    # The way it was paid comes before the purchases: the order-number and evidence prompts
    # say where to look in that method's own records.
    Step(
        S.PAYMENT,
        _ask("ask-payment"),
        questions.accept_payment,
        _has("payment_method"),
        questions.payment_choices,
        takes=CHOICE,
    ),
    Step(
        S.PAYMENT_OTHER,
        _ask("ask-payment-other"),
        questions.accept_payment_other,
        _has("payment_other"),
        applies=lambda ctx: ctx.answers.get("payment_method") == "other",
    ),
    Step(
        S.TX_AMOUNT,
        transactions.ask_amount,
        transactions.accept_amount,
        transactions.answered("amount"),
    ),
    # Where the parent is, once, when their language names no place: just before the first
    # time they give (a bare "en" client was read in UTC).
    Step(
        S.TIMEZONE,
        zone.ask_zone,
        zone.accept_zone,
        zone.zone_answered,
        zone.zone_choices,
        applies=zone.zone_unknown,
        takes=TEXT_OR_CHOICE,
    ),
    Step(
        S.TX_TIME, transactions.ask_time, transactions.accept_time, transactions.answered("when")
    ),
    Step(
        S.TX_CONFIRM,
        transactions.ask_confirm,
        transactions.accept_confirm,
        transactions.answered("confirmed"),
        transactions.confirm_choices,
        takes=CHOICE,
    ),
    Step(
        S.TX_FIX,
        transactions.ask_fix,
        transactions.accept_fix,
        _always,  # reached only from the confirmation's "No, change it" or the list
        transactions.fix_choices,
        takes=CHOICE,
    ),
    Step(
        S.TX_ORDER,
        transactions.ask_order,
        transactions.accept_order,
        transactions.answered("order"),
        transactions.order_choices,
        takes=TEXT_OR_CHOICE,
    ),
    Step(
        S.TX_MORE,
        transactions.ask_more,
        transactions.accept_more,
        transactions.list_done,
        transactions.more_choices,
        takes=CHOICE,
    ),
    Step(
        S.TX_LIST,
        transactions.ask_list,
        transactions.accept_list,
        _always,
        transactions.list_choices,
        takes=CHOICE,
    ),
    Step(
        S.EVIDENCE,
        evidence.ask_evidence,
        evidence.accept_evidence,
        evidence.evidence_answered,
        evidence.evidence_choices,
        takes=MEDIA_OR_CHOICE,
    ),
    Step(
        S.DESCRIPTION,
        _ask("ask-description"),
        questions.accept_description,
        _has("description"),
        long_text=True,
    ),
    Step(
        S.CONTACT,
        _ask("ask-contact"),
        questions.accept_contact,
        _has("contact"),
        questions.contact_choices,
        takes=TEXT_OR_CHOICE,
    ),
    Step(
        S.REVIEW,
        review.ask_review,
        review.accept_review,
        lambda ctx: False,
        review.review_choices,
        takes=CHOICE,
    ),
)

BY_NAME = {step.name: step for step in STEPS}


def first_step(ctx: Ctx) -> Step:
    return next_step(ctx, None)


def next_step(ctx: Ctx, current: StepName | None) -> Step:
    """The first step after ``current`` that applies and has no answer yet (else the first
    before it that has none, else the review)."""
    names = [step.name for step in STEPS]
    start = 0 if current is None else names.index(current) + 1
    for step in STEPS[start:]:
        if step.applies(ctx) and not step.answered(ctx):
            return step
    # A question left behind: a draft begun before the questions were reordered (the payment
    # method now comes before the purchases) is asked it before the review.
    for step in STEPS[:start]:
        if step.applies(ctx) and not step.answered(ctx):
            return step
    return BY_NAME[StepName.REVIEW]
