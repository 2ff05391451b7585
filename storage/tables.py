"""The models' Core tables, for the statements that skip the ORM (guarded UPDATEs, counts,
reports read as plain rows): one name per table, for every repository."""

from __future__ import annotations

from sqlalchemy import Table
from sqlmodel import SQLModel

from storage.models import (
    Case,
    CaseEvent,
    CaseTransaction,
    ChatLease,
    DashboardLink,
    FollowUp,
    InboxUpdate,
    OrderLink,
    OutboxMessage,
    SendLogEntry,
)


def table_of(model: type[SQLModel]) -> Table:
    """The table a ``table=True`` model maps to."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


CASES = table_of(Case)
TRANSACTIONS = table_of(CaseTransaction)
CASE_EVENTS = table_of(CaseEvent)
FOLLOW_UPS = table_of(FollowUp)
ORDER_LINKS = table_of(OrderLink)
INBOX = table_of(InboxUpdate)
OUTBOX = table_of(OutboxMessage)
CHAT_LEASES = table_of(ChatLease)
SEND_LOG = table_of(SendLogEntry)
DASHBOARD_LINKS = table_of(DashboardLink)
