"""The SQLModel tables. Timestamps always come from the injected clock, never from defaults.

A status column's values are a ``StrEnum`` beside its table (``DraftStatus``, ``CaseStatus``…):
the column stays a plain VARCHAR holding the enum's value, so reading gives a ``str`` that
compares equal to its member, and a new value needs no migration.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import Money, UtcDateTime


def _when(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UtcDateTime(), nullable=nullable))


def _json() -> Any:
    return Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class User(SQLModel, table=True):
    """A person who talks to the bot in a private chat (parent, guardian or minor)."""

    __tablename__ = "users"

    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    language: str = Field(max_length=16)
    timezone: str = Field(max_length=64)
    display_name: str = Field(default="", max_length=200)
    consented_at: datetime | None = _when(nullable=True)
    consent_version: str | None = Field(default=None, max_length=32)  # the notice agreed to
    check_ins_muted: bool = False  # progress check-ins off (decisions are always sent)
    #: When the parent was last told they are sending too fast (one notice per flood).
    flood_noticed_at: datetime | None = _when(nullable=True)
    #: The flood limit's budget (handlers/flood.py): when the updates handled lately are paid
    #: off, and since when some have been outstanding (the start of the current run).
    flood_busy_until: datetime | None = _when(nullable=True)
    flood_busy_since: datetime | None = _when(nullable=True)
    #: A message sent after submission by a parent with several open cases, kept until they
    #: say which case it is for.
    pending_relay: dict[str, Any] = _json()
    created_at: datetime = _when()
    updated_at: datetime = _when()
    #: When the parent chose their time zone (/timezone, or the intake's question for a
    #: language that implies none): None while it is still their language's or region's default.
    timezone_chosen_at: datetime | None = _when(nullable=True)


class DraftStatus(StrEnum):
    """``Draft.status``: one open draft per user at most; it ends submitted or cancelled."""

    OPEN = "open"
    SUBMITTED = "submitted"
    CANCELLED = "cancelled"


class Draft(SQLModel, table=True):
    """An intake in progress: the step reached and every accepted answer so far.

    ``answers`` is a JSON object owned by the intake flow; ``cursor`` holds the flow's
    bookkeeping (which transaction is being entered, whether to return to the review screen).
    """

    __tablename__ = "drafts"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    status: str = Field(default=DraftStatus.OPEN, max_length=16, index=True)
    step: str = Field(max_length=32)
    answers: dict[str, Any] = _json()
    cursor: dict[str, Any] = _json()
    case_id: int | None = Field(default=None, foreign_key="cases.id")
    created_at: datetime = _when()
    updated_at: datetime = _when()


class CaseStatus(StrEnum):
    """``Case.status``: submitted → in review → waiting for the parent → decided → appealed →
    closed (the rules are ``handlers/case/states.py``)."""

    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    WAITING_PARENT = "waiting_parent"
    DECIDED = "decided"
    APPEALED = "appealed"
    CLOSED = "closed"


class Decision(StrEnum):
    """``Case.decision``: what the agents decided (None before one, and after a reopening)."""

    APPROVED = "approved"  # in full
    PARTIAL = "partial"  # ``decided_amount`` of ``decided_currency``
    REJECTED = "rejected"  # for ``reject_reason``


class HandoffStatus(StrEnum):
    """``Case.handoff_status``: the case's topic, card and evidence posted to its team's group
    (``done``), still to do (``pending``), or the last attempt failed (``failed``: retried,
    the supervisors told once)."""

    PENDING = "pending"
    FAILED = "failed"
    DONE = "done"


#: A case's version, checked and bumped by every ORM flush of a case (optimistic locking): a
#: change decided on a stale read fails with ``StaleDataError`` and the event is handled again
#: on fresh data (``storage.database.is_conflict``).
_CASE_VERSION = Column("version", Integer, nullable=False, default=1, server_default="1")


class Case(SQLModel, table=True):
    """A submitted claim."""

    __tablename__ = "cases"
    __mapper_args__ = {"version_id_col": _CASE_VERSION}

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(max_length=12, unique=True, index=True)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    language: str = Field(max_length=16)
    timezone: str = Field(max_length=64)
    status: str = Field(default=CaseStatus.SUBMITTED, max_length=24, index=True)
    escalated: bool = False
    platform: str = Field(max_length=64)
    platform_other: str | None = Field(default=None, max_length=200)
    problem: str = Field(max_length=32)
    writer: str = Field(max_length=16)
    minor_age: int | None = None
    account: str = Field(max_length=200)
    payment_method: str = Field(max_length=32)
    payment_other: str | None = Field(default=None, max_length=200)
    no_evidence: bool = False
    description: str = Field(max_length=4000)
    contact: str | None = Field(default=None, max_length=200)
    assignee_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    submitted_at: datetime = _when()
    updated_at: datetime = _when()
    # The agents' side: where the case lives in the support group, and what was decided.
    assignee_name: str | None = Field(default=None, max_length=200)
    handoff_status: str = Field(default=HandoffStatus.PENDING, max_length=16, index=True)
    topic_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    topic_requested_at: datetime | None = _when(nullable=True)
    card_message_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    evidence_posted: bool = False
    pending_input: dict[str, Any] = _json()
    decision: str | None = Field(default=None, max_length=16)
    decided_amount: Decimal | None = Field(default=None, sa_column=Column(Money()))
    decided_currency: str | None = Field(default=None, max_length=3)
    reject_reason: str | None = Field(default=None, max_length=32)
    decision_note: str | None = Field(default=None, max_length=2000)
    decided_at: datetime | None = _when(nullable=True)
    appeals: int = 0
    due_at: datetime | None = _when(nullable=True)
    overdue: bool = False
    closed_at: datetime | None = _when(nullable=True)
    #: Personal fields and evidence erased (at the parent's request or after retention).
    anonymized_at: datetime | None = _when(nullable=True)
    version: int = Field(default=1, sa_column=_CASE_VERSION)
    #: Hand-off retries: how many attempts failed, when the next is due, when the
    #: supervisors were told it is not getting through.
    handoff_attempts: int = 0
    handoff_retry_at: datetime | None = _when(nullable=True)
    handoff_alerted_at: datetime | None = _when(nullable=True)
    #: The worker handing the case off right now, and until when (several workers: one only).
    handoff_owner: str | None = Field(default=None, max_length=80)
    handoff_lease_until: datetime | None = _when(nullable=True)
    #: The agents' team (group) the case is with (``[agents]``: "main"); moved by a button.
    team: str = Field(
        default="main",
        max_length=32,
        sa_column_kwargs={"server_default": "main"},
        index=True,
    )


class CaseTransaction(SQLModel, table=True):
    """One purchase or charge the parent wants back."""

    __tablename__ = "transactions"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    position: int
    amount: Decimal = Field(sa_column=Column(Money(), nullable=False))
    currency: str = Field(max_length=3)
    occurred_at: datetime = _when()
    has_time: bool = True
    order_number: str | None = Field(default=None, max_length=64)
    #: The part of the day the parent gave instead of a time ("yesterday evening", 昨晚): a
    #: period of ``handlers.parsing._when_words.PERIODS`` (evening, night…), and the hour in
    #: ``occurred_at`` is its usual one, a guess shown as "around". None: the time was exact.
    time_vague: str | None = Field(default=None, max_length=16)


class FileStatus(StrEnum):
    """``Evidence.file_status`` (#16, bot/files/): None until its download is tried."""

    FETCHING = "fetching"  # claimed by a worker (``file_retry_at``: its lease)
    WAITING = "waiting"  # a retry at ``file_retry_at``
    KEPT = "kept"  # in the store under ``sha256``
    REFUSED = "refused"
    FAILED = "failed"


class ReadStatus(StrEnum):
    """``Evidence.read_status``: what OCR read (handlers/reading/)."""

    PENDING = "pending"  # to read
    READING = "reading"  # claimed
    READ = "read"  # found something, not offered yet
    OFFERED = "offered"  # shown to the parent
    USED = "used"  # accepted
    NOTHING = "nothing"  # read, nothing found (or the offer declined)
    FAILED = "failed"


class Evidence(SQLModel, table=True):
    """A screenshot or document; attached to a draft first, then to the case it became."""

    __tablename__ = "evidence"

    id: int | None = Field(default=None, primary_key=True)
    draft_id: int | None = Field(default=None, foreign_key="drafts.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="cases.id", index=True)
    kind: str = Field(max_length=16)
    telegram_file_id: str | None = Field(default=None, max_length=255)
    file_unique_id: str | None = Field(default=None, max_length=128)
    local_path: str | None = Field(default=None, max_length=1024)
    file_name: str | None = Field(default=None, max_length=255)
    mime_type: str | None = Field(default=None, max_length=127)
    size: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    sha256: str | None = Field(default=None, max_length=64)
    media_group_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = _when()
    #: The file kept (#16, bot/files/): None until its download is tried; fetching, waiting (a
    #: retry at ``file_retry_at``), kept (in the store under ``sha256``), refused, failed.
    file_status: str | None = Field(default=None, max_length=16, index=True)
    file_attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    file_retry_at: datetime | None = _when(nullable=True)
    #: The type its bytes really are (sniffed), whatever the sender declared in ``mime_type``.
    content_type: str | None = Field(default=None, max_length=127)
    #: What OCR read (handlers/reading/): pending, read, offered, used, nothing, failed.
    read_status: str | None = Field(default=None, max_length=16, index=True)
    reading: dict[str, Any] = _json()


class CaseEvent(SQLModel, table=True):
    """The audit trail: who did what to a case, and when."""

    __tablename__ = "case_events"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    actor_kind: str = Field(max_length=16)  # parent | agent | system
    actor_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    action: str = Field(max_length=32)
    details: dict[str, Any] = _json()
    created_at: datetime = _when()


class InboxUpdate(SQLModel, table=True):
    """A raw Telegram update, stored before Telegram is told it arrived (keyed by update_id)."""

    __tablename__ = "inbox_updates"
    __table_args__ = (
        UniqueConstraint("bot_id", "update_id"),
        Index("ix_inbox_updates_chat_received", "chat_id", "received_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    bot_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    update_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    payload: dict[str, Any] = _json()
    received_at: datetime = _when()
    processed_at: datetime | None = _when(nullable=True)
    #: Handling attempts that raised; after a bounded number the update is set aside.
    attempts: int = 0
    #: Set aside (unreadable, or failed every attempt): kept for the operator, never replayed.
    failed_at: datetime | None = _when(nullable=True)
    #: Why, as a kind (exception type, missing field), never the update's content.
    error: str | None = Field(default=None, max_length=200)


class OutboxStatus(StrEnum):
    """``OutboxMessage.status``."""

    PENDING = "pending"  # waiting for a retry (``not_before``), or for the sweeper
    SENDING = "sending"  # leased to a process until ``not_before``
    SENT = "sent"
    FAILED = "failed"  # for good: listed by ``refund-desk outbox``, may be queued again


class OutboxMessage(SQLModel, table=True):
    """A Bot API call to make, written in the same transaction as the change that caused it.

    Rows are born ``sending`` with a short lease held by the process that wrote them, which
    delivers them at once; the sweeper takes over rows whose lease ran out (the process died)
    and ``pending`` rows waiting for a retry.
    """

    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    method: str = Field(max_length=40)
    payload: dict[str, Any] = _json()
    status: str = Field(default=OutboxStatus.PENDING, max_length=16, index=True)
    attempts: int = 0
    not_before: datetime = _when()
    created_at: datetime = _when()
    sent_at: datetime | None = _when(nullable=True)
    last_error: str | None = Field(default=None, max_length=500)
    result: dict[str, Any] = _json()


class FollowUpStatus(StrEnum):
    """``FollowUp.status``: ``pending`` until fired (``sent``) or its reason went
    (``cancelled``); ``failed`` after its attempts."""

    PENDING = "pending"
    SENT = "sent"
    CANCELLED = "cancelled"
    FAILED = "failed"


class FollowUp(SQLModel, table=True):
    """A scheduled follow-up: a reminder, a deadline warning, an escalation, a check-in.

    The row is the truth; APScheduler only holds in-memory jobs for rows coming due. Firing
    claims the row (``pending`` → ``sent``) in one UPDATE so two workers never both send it.
    """

    __tablename__ = "follow_ups"
    __table_args__ = (Index("ix_follow_ups_status_due", "status", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)
    case_id: int | None = Field(default=None, foreign_key="cases.id", index=True)
    draft_id: int | None = Field(default=None, foreign_key="drafts.id", index=True)
    due_at: datetime = _when()
    status: str = Field(default=FollowUpStatus.PENDING, max_length=16)
    attempts: int = 0
    details: dict[str, Any] = _json()
    created_at: datetime = _when()
    sent_at: datetime | None = _when(nullable=True)


class ChatLease(SQLModel, table=True):
    """Which worker handles a chat's updates right now (several workers on PostgreSQL): one at
    a time, in order. Renewed while in hand; an expired lease is anyone's to take over."""

    __tablename__ = "chat_leases"

    bot_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    owner: str = Field(max_length=80)
    expires_at: datetime = _when()


class SendLogEntry(SQLModel, table=True):
    """One message sent to Telegram, counted against a limit shared by every worker
    (``scope``: ``all``, ``chat:<id>``)."""

    __tablename__ = "send_log"
    __table_args__ = (Index("ix_send_log_scope_sent", "scope", "sent_at"),)

    id: int | None = Field(
        default=None,
        sa_column=Column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True),
    )
    scope: str = Field(max_length=40)
    sent_at: datetime = _when()


class LedgerOrder(SQLModel, table=True):
    """One of the merchant's own transactions, imported from a bill (WeChat Pay, Alipay, an
    app store's or the merchant's export): the merchant's record, not the parent's.

    Unique on (source, order id): importing a bill again changes nothing, and a refund row
    updates its order (``refunds`` keeps each refund once, by its refund id)."""

    __tablename__ = "ledger_orders"
    __table_args__ = (
        UniqueConstraint("source", "order_id", name="uq_ledger_orders_source_order"),
        Index("ix_ledger_orders_amount_paid", "currency", "amount_key", "paid_at"),
        Index("ix_ledger_orders_payer_paid", "payer_id", "paid_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=32)
    order_id: str = Field(max_length=80, index=True)
    merchant_order_id: str | None = Field(default=None, max_length=80, index=True)
    payer_id: str | None = Field(default=None, max_length=128)
    amount: Decimal = Field(sa_column=Column(Money(), nullable=False))
    #: The amount in ten-thousandths, for exact lookups on SQLite too (Money is text there).
    amount_key: int = Field(sa_column=Column(BigInteger, nullable=False))
    currency: str = Field(max_length=3)
    paid_at: datetime | None = _when(nullable=True)
    status: str = Field(max_length=24)
    refund_amount: Decimal | None = Field(default=None, sa_column=Column(Money()))
    refunded_at: datetime | None = _when(nullable=True)
    #: Each refund once: {refund id: [amount, ISO time]}.
    refunds: dict[str, Any] = _json()
    product: str | None = Field(default=None, max_length=200)
    imported_at: datetime = _when()
    updated_at: datetime = _when()


class OrderLink(SQLModel, table=True):
    """What matching found for one claimed purchase (or for an order number read from one of
    the case's screenshots): the order, several candidates, or none; replaced at each new
    match. Erased with the claim's order numbers (``/delete``)."""

    __tablename__ = "order_links"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    #: The claimed purchase matched; None for an order number read from a screenshot.
    transaction_id: int | None = Field(default=None, foreign_key="transactions.id", unique=True)
    #: The screenshot whose order number (one the parent did not claim) was matched (#16).
    evidence_id: int | None = Field(default=None, foreign_key="evidence.id", unique=True)
    ledger_order_id: int | None = Field(default=None, foreign_key="ledger_orders.id", index=True)
    verdict: str = Field(max_length=16)
    #: Candidates, score, the explanation's figures, a double charge.
    details: dict[str, Any] = _json()
    checked_at: datetime = _when()


class _SignInToken(SQLModel):
    """What a sign-in link and a session both are: a token bound to one Telegram user until
    it expires. Only the token's SHA-256 is kept. (Typed by ``sa_type``, not ``_when``'s
    ``sa_column``: one column object cannot serve two tables.)"""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(sa_type=BigInteger, nullable=False)
    created_at: datetime = Field(default=None, sa_type=UtcDateTime, nullable=False)
    expires_at: datetime = Field(default=None, sa_type=UtcDateTime, nullable=False)


class DashboardLink(_SignInToken, table=True):
    """A one-time sign-in link to the supervisors' web page, sent by ``/dashboard`` in private:
    bound to that Telegram user, short-lived, single use."""

    __tablename__ = "dashboard_links"

    used_at: datetime | None = _when(nullable=True)


class DashboardSession(_SignInToken, table=True):
    """A supervisor signed in to the web page (a cookie holds the token; its hash is here)."""

    __tablename__ = "dashboard_sessions"


class DashboardView(SQLModel, table=True):
    """Every page of the supervisors' web page someone saw: who, what, when."""

    __tablename__ = "dashboard_views"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    session_id: int | None = Field(default=None, foreign_key="dashboard_sessions.id")
    path: str = Field(max_length=500)
    viewed_at: datetime = _when()
