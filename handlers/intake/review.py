"""The review screen: one summary of every answer, each field editable, then Submit."""

from __future__ import annotations

from handlers.buttons import ButtonData, text
from handlers.case import fields
from handlers.case.fields import CaseField
from handlers.case.purchase import purchase_line
from handlers.intake.context import Accepted, Answer, Ctx, Outcome, Rejected, StepName
from handlers.intake.questions import needs_minor_age, platform_display
from handlers.intake.transactions import describe, totals
from handlers.replies import Msg

Rows = list[list[tuple[str, Msg]]]


class EditField(ButtonData, prefix="edit"):
    """A review button that changes one field: ``edit:<name>`` (the catalogue's ``edit``)."""

    name: str = text(16)


def _editable(ctx: Ctx) -> list[CaseField]:
    """The fields the review shows, each with its button (a child's age only when asked)."""
    return [f for f in fields.EDITS.values() if f.name != "minor_age" or needs_minor_age(ctx)]


def lines(first: Msg, *rest: Msg) -> Msg:
    """Several lines as one part of a message: a reply's parts are set apart by blank lines,
    and a card of one field per line reads better on a phone."""
    if not rest:
        return first
    return Msg("review-lines", {"first": first, "rest": lines(*rest)})


def ask_review(ctx: Ctx) -> tuple[Msg, ...]:
    purchases = []
    for number, item in enumerate(ctx.transactions, start=1):
        money, when = describe(item, ctx)
        purchases.append(purchase_line(number, money, when, item.get("order")))
    purchases.append(Msg("review-total", {"total": totals(ctx)}))
    shown = fields.Shown(platform_display(ctx), purchases, ctx.evidence_count)
    return (Msg("review-header"), lines(*fields.lines(ctx.answers, shown)), Msg("ask-review"))


def review_choices(ctx: Ctx) -> Rows:
    edits = [
        (EditField(f.edit).pack(), Msg(f"button-edit-{f.edit.replace('_', '-')}"))
        for f in _editable(ctx)
        if f.edit is not None
    ]
    rows: Rows = [edits[i : i + 2] for i in range(0, len(edits), 2)]
    rows.append([("submit", Msg("button-submit"))])
    return rows


def accept_review(ctx: Ctx, answer: Answer) -> Outcome:
    if answer.choice == "submit":
        return Accepted(submit=True)
    edit = EditField.unpack(answer.choice)
    field = fields.EDITS.get(edit.name) if edit is not None else None
    if field is None or field.step is None or field not in _editable(ctx):
        return Rejected.because("error-stale-button")
    target = StepName(field.step)
    if target is StepName.EVIDENCE:
        ctx.cursor["evidence_done"] = False
    return Accepted(goto=target)
