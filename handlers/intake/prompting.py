"""Building the question for a step, and reading typed text as a button's choice."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from handlers.intake.context import Ctx
from handlers.intake.steps import Step
from handlers.replies import Button, Msg

#: Renders a message as plain text in a language (the localizer, passed in).
LabelText = Callable[[str, Msg], str]
#: Refusals after which the question is asked again in full: the parent's attention was on
#: another message (a button of an earlier question) or on a file the step did not ask for.
ASK_AGAIN_AFTER = frozenset({"error-stale-button", "evidence-kept-aside"})


def question(ctx: Ctx, step: Step) -> tuple[tuple[Msg, ...], tuple[tuple[Button, ...], ...]]:
    ctx.step = step.name
    buttons: tuple[tuple[Button, ...], ...] = ()
    if step.choices is not None:
        buttons = tuple(
            tuple(ctx.button(label, value, step.name) for value, label in row)
            for row in step.choices(ctx)
        )
    return step.ask(ctx), buttons


def refusal(
    ctx: Ctx, step: Step, reasons: tuple[Msg, ...]
) -> tuple[tuple[Msg, ...], tuple[tuple[Button, ...], ...]]:
    """What a wrong answer gets: the short reason and the step's buttons again, not the whole
    question (a mistyped choice on the review does not bring back its whole card). The
    question comes again only when the parent was looking elsewhere (``ASK_AGAIN_AFTER``)."""
    parts, buttons = question(ctx, step)
    if not reasons:
        return parts, buttons
    if any(reason.key in ASK_AGAIN_AFTER for reason in reasons):
        return (*reasons, *parts), buttons
    return reasons, buttons


def _plain(text: str) -> str:
    """Fold case, width and punctuation/emoji away so typed text can match a button label."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", "", text)


def typed_choice(ctx: Ctx, step: Step, text: str, label_text: LabelText) -> str | None:
    """The choice whose label the parent typed (``Douyin``, ``跳过``), if any."""
    if step.choices is None:
        return None
    typed = _plain(text)
    if not typed:
        return None
    for row in step.choices(ctx):
        for value, label in row:
            if _plain(label_text(ctx.language, label)) == typed:
                return value
    return None


def choice_values(ctx: Ctx, step: Step) -> set[str]:
    if step.choices is None:
        return set()
    return {value for row in step.choices(ctx) for value, _ in row}
