"""The catalogue of a case's fields (handlers/case/fields.py) is the one list the submission,
/mydata and erasure read: a column added to the case must be placed in it, or named here as
the case's own bookkeeping, so erasure can never miss a new personal field."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from handlers.case import fields
from handlers.intake.context import StepName
from handlers.intake.steps import STEPS
from handlers.replies import Msg
from storage.models import Case
from tests.case_rows import case_row

#: Columns that are not something the parent told: who, where, the desk's work, the history.
BOOKKEEPING = {
    "id", "reference", "user_id", "chat_id", "language", "timezone", "status", "escalated",
    "assignee_id", "assignee_name", "submitted_at", "updated_at", "handoff_status", "topic_id",
    "topic_requested_at", "card_message_id", "evidence_posted", "pending_input", "decision",
    "decided_amount", "decided_currency", "reject_reason", "decision_note", "decided_at",
    "appeals", "due_at", "overdue", "closed_at", "anonymized_at", "version", "team",
    "handoff_alerted_at", "handoff_attempts", "handoff_lease_until", "handoff_owner",
    "handoff_retry_at",
}  # fmt: skip


def _columns() -> set[str]:
    return {column.name for column in Case.__table__.columns}  # type: ignore[attr-defined]


def test_every_field_is_a_column_of_the_case():
    assert {f.name for f in fields.COLUMNS} <= _columns()


def test_every_column_is_a_field_or_the_cases_own_bookkeeping():
    unplaced = _columns() - {f.name for f in fields.COLUMNS} - BOOKKEEPING
    assert unplaced == set(), "add it to handlers/case/fields.py"


def _case() -> Case:
    now = datetime(2026, 11, 20, tzinfo=UTC)
    return case_row(
        "ABCDE",
        at=now,
        user_id=1,
        timezone="UTC",
        platform="other",
        platform_other="MyGame",
        minor_age=11,
        account="kid@example.com",
        payment_method="other",
        payment_other="Gift card",
        description="He bought gems.",
        contact="+33 6 12 34 56 78",
    )


def test_erasure_blanks_every_personal_field_and_keeps_the_rest():
    case = _case()
    kept = {name: value for name, value in fields.of_case(case).items()}
    fields.erase(case)
    after = fields.of_case(case)
    for field in fields.COLUMNS:
        if field.personal:
            assert after[field.name] == field.erased, field.name
        else:
            assert after[field.name] == kept[field.name], field.name
    assert set(fields.PERSONAL) >= {"account", "description", "contact", "minor_age"}


def test_a_finished_draft_gives_every_field():
    answers = {
        "platform": "douyin",
        "problem": "payment_failed",
        "writer": "parent",
        "account": "acct",
        "payment_method": "alipay",
        "description": "twice",
    }
    values = fields.from_answers(answers)
    assert list(values) == [f.name for f in fields.COLUMNS]
    assert values["contact"] is None and values["account"] == "acct"
    with pytest.raises(KeyError):
        fields.from_answers({k: v for k, v in answers.items() if k != "account"})


def test_every_change_button_opens_a_step_of_the_intake():
    assert [f.edit for f in fields.EDITS.values()] == [
        "platform", "problem", "writer", "minor_age", "account", "payment", "transactions",
        "evidence", "description", "contact",
    ]  # fmt: skip
    for field in fields.EDITS.values():
        assert StepName(field.step) in {step.name for step in STEPS}, field.name


def test_the_review_and_the_card_read_one_list_of_lines():
    """One list, in the catalogue's order: the screen adds only what it alone knows."""
    values = fields.of_case(_case())
    values.update(problem="minor_purchase", no_evidence=False)
    purchases = [Msg("review-tx-line", {"number": 1}), Msg("review-total", {"total": "¥6"})]
    shown = fields.Shown(
        Msg("platform-custom", {"name": "MyGame"}),
        purchases,
        files=2,
        after={"no_evidence": [Msg("read-line")], "description": [Msg("rating-line")]},
    )
    keys = [m.key for m in fields.lines(values, shown)]
    assert keys == [
        "review-platform", "review-problem", "review-writer", "review-minor-age",
        "review-account", "review-payment", "review-tx-line", "review-total",
        "review-evidence", "read-line", "review-description", "rating-line", "review-contact",
    ]  # fmt: skip
    lines = fields.lines(values, shown)
    assert lines[3].params == {"age": 11}
    assert lines[5].params == {"value": Msg("platform-custom", {"name": "Gift card"})}
    assert lines[8].params == {"count": 2}
    # A child's age is shown (and asked) only when a child bought or writes.
    values.update(problem="payment_failed", writer="parent")
    assert "review-minor-age" not in [m.key for m in fields.lines(values, shown)]
    values.update(contact=None, no_evidence=True)
    keys = [m.key for m in fields.lines(values, shown)]
    assert "review-no-contact" in keys and "review-no-evidence" in keys
