"""Status columns (and a case's decision) keep the strings they always held: the enums beside
the tables name them, so rows written before the enums existed read the same, and no migration
was needed."""

from __future__ import annotations

import pytest

from handlers.bounds import column_length
from handlers.case.states import Status
from storage.models import (
    Case,
    CaseStatus,
    Decision,
    Draft,
    DraftStatus,
    Evidence,
    FileStatus,
    FollowUp,
    FollowUpStatus,
    HandoffStatus,
    OutboxMessage,
    OutboxStatus,
    ReadStatus,
)

STORED = [
    (Draft, "status", DraftStatus, {"open", "submitted", "cancelled"}),
    (
        Case,
        "status",
        CaseStatus,
        {"submitted", "in_review", "waiting_parent", "decided", "appealed", "closed"},
    ),
    (Case, "handoff_status", HandoffStatus, {"pending", "failed", "done"}),
    (Case, "decision", Decision, {"approved", "partial", "rejected"}),
    (Evidence, "file_status", FileStatus, {"fetching", "waiting", "kept", "refused", "failed"}),
    (
        Evidence,
        "read_status",
        ReadStatus,
        {"pending", "reading", "read", "offered", "used", "nothing", "failed"},
    ),
    (OutboxMessage, "status", OutboxStatus, {"pending", "sending", "sent", "failed"}),
    (FollowUp, "status", FollowUpStatus, {"pending", "sent", "cancelled", "failed"}),
]


@pytest.mark.parametrize(("model", "column", "values", "stored"), STORED)
def test_each_status_enum_names_the_strings_its_column_holds(model, column, values, stored):
    assert {member.value for member in values} == stored
    assert max(len(v) for v in stored) <= column_length(model, column)


def test_new_rows_start_with_the_same_defaults():
    assert Draft(user_id=1, chat_id=1, step="consent").status == "open"  # type: ignore[call-arg]
    assert OutboxMessage(chat_id=1, method="sendMessage").status == "pending"  # type: ignore[call-arg]
    assert FollowUp(kind="x").status == "pending"  # type: ignore[call-arg]
    case = Case()  # type: ignore[call-arg]
    assert (case.status, case.handoff_status) == ("submitted", "pending")


def test_the_desks_states_are_the_case_column_values():
    assert Status is CaseStatus
