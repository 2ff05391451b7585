"""The review screen: one summary of every answer, each field editable, then Submit."""

from __future__ import annotations

from handlers.case.purchase import purchase_line
from handlers.intake.context import Accepted, Answer, Ctx, Outcome, Rejected, StepName
from handlers.intake.questions import needs_minor_age, platform_display
from handlers.intake.transactions import describe, totals
from handlers.replies import Msg

Rows = list[list[tuple[str, Msg]]]

#: Review fields in display order, with the step that edits each one.
EDITABLE = (
    ("platform", StepName.PLATFORM),
    ("problem", StepName.PROBLEM),
    ("writer", StepName.WRITER),
    ("minor_age", StepName.MINOR_AGE),
    ("account", StepName.ACCOUNT),
    ("payment", StepName.PAYMENT),
    ("transactions", StepName.TX_LIST),
    ("evidence", StepName.EVIDENCE),
    ("description", StepName.DESCRIPTION),
    ("contact", StepName.CONTACT),
)


def _payment(ctx: Ctx) -> Msg:
    method = ctx.answers["payment_method"]
    if method == "other":
        return Msg("platform-custom", {"name": ctx.answers.get("payment_other", "")})
    return Msg(f"payment-{method.replace('_', '-')}")


def _fields(ctx: Ctx) -> list[str]:
    return [f for f, _ in EDITABLE if f != "minor_age" or needs_minor_age(ctx)]


def lines(first: Msg, *rest: Msg) -> Msg:
    """Several lines as one part of a message: a reply's parts are set apart by blank lines,
    and a card of one field per line reads better on a phone."""
    if not rest:
        return first
    return Msg("review-lines", {"first": first, "rest": lines(*rest)})


def ask_review(ctx: Ctx) -> tuple[Msg, ...]:
    a = ctx.answers
    fields = [
        Msg("review-platform", {"value": platform_display(ctx)}),
        Msg("review-problem", {"value": Msg(f"problem-{a['problem'].replace('_', '-')}")}),
        Msg("review-writer", {"value": Msg(f"writer-{a['writer']}")}),
    ]
    if needs_minor_age(ctx):
        fields.append(Msg("review-minor-age", {"age": a.get("minor_age", "-")}))
    fields.append(Msg("review-account", {"value": a["account"]}))
    fields.append(Msg("review-payment", {"value": _payment(ctx)}))
    for number, item in enumerate(ctx.transactions, start=1):
        money, when = describe(item, ctx)
        fields.append(purchase_line(number, money, when, item.get("order")))
    fields.append(Msg("review-total", {"total": totals(ctx)}))
    if a.get("no_evidence"):
        fields.append(Msg("review-no-evidence"))
    else:
        fields.append(Msg("review-evidence", {"count": ctx.evidence_count}))
    fields.append(Msg("review-description", {"value": a["description"]}))
    contact = a.get("contact")
    fields.append(
        Msg("review-contact", {"value": contact}) if contact else Msg("review-no-contact")
    )
    return (Msg("review-header"), lines(*fields), Msg("ask-review"))


def review_choices(ctx: Ctx) -> Rows:
    edits = [(f"edit:{f}", Msg(f"button-edit-{f.replace('_', '-')}")) for f in _fields(ctx)]
    rows: Rows = [edits[i : i + 2] for i in range(0, len(edits), 2)]
    rows.append([("submit", Msg("button-submit"))])
    return rows


def accept_review(ctx: Ctx, answer: Answer) -> Outcome:
    if answer.choice == "submit":
        return Accepted(submit=True)
    field = answer.choice.removeprefix("edit:")
    target = dict(EDITABLE).get(field)
    if target is None or field not in _fields(ctx):
        return Rejected.because("error-stale-button")
    if target is StepName.EVIDENCE:
        ctx.cursor["evidence_done"] = False
    return Accepted(goto=target)
