"""``/mydata``: everything stored about a parent, as one readable JSON file.

Times appear twice, in UTC and in the parent's own time zone; amounts are decimal strings
(exact, as stored). Evidence is described (file ids, names, sizes, hashes, what was read from
it), and each kept file named by its place in the archive the export is sent in (``in_archive``,
:mod:`handlers.aftercare.export_files`). The agents'
side shows only what the parent was shown: events the team keeps to itself (a deadline
missed, a case left unclaimed) and, on an anonymous desk, who the agents are, stay out.
The field names are the schema of the file, in English like any data format's.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.aftercare.export_files import archive_name
from handlers.case import fields
from handlers.followups.kinds import TO_PARENT
from handlers.orders import privacy as order_privacy
from handlers.policy import AftercarePolicy, DeskPolicy
from storage.models import Case, CaseEvent, Draft, Evidence, User
from storage.repositories import cases, evidence, personal

FORMAT_VERSION = 1
#: Audit-trail actions the parent was told about (or did themselves).
VISIBLE_EVENTS = frozenset(
    {
        "submitted",
        "parent_message",
        "appealed",
        "rated",
        "claimed",
        "asked",
        "relayed_to_parent",
        "decided",
        "escalated",
        "closed",
        "reopened",
        "anonymized",
    }
)


class _Dates:
    """ISO 8601 in UTC and in the parent's zone."""

    def __init__(self, timezone: str) -> None:
        self.zone = ZoneInfo(timezone)

    def __call__(self, moment: datetime | None) -> dict[str, str] | None:
        if moment is None:
            return None
        utc = moment.astimezone(UTC)
        return {
            "utc": utc.isoformat().replace("+00:00", "Z"),
            "local": utc.astimezone(self.zone).isoformat(),
        }


def _plain(value: Any) -> Any:
    """JSON-ready copies of stored JSON (drafts' answers), decimals as strings."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _evidence(items: list[Evidence], when: _Dates, folder: str) -> list[dict[str, Any]]:
    return [
        {
            "kind": item.kind,
            "telegram_file_id": item.telegram_file_id,
            "telegram_file_unique_id": item.file_unique_id,
            "local_path": item.local_path,
            "file_name": item.file_name,
            "mime_type": item.mime_type,
            "size_bytes": item.size,
            "sha256": item.sha256,
            "content_type": item.content_type,  # what its bytes are (#16)
            "file_status": item.file_status,  # kept, refused, failed… (#16)
            "read_from_it": item.reading or None,  # amount, time, order number read (#16)
            "in_archive": archive_name(folder, number, item),  # the file itself (#16)
            "album": item.media_group_id,
            "received_at": when(item.created_at),
        }
        for number, item in enumerate(items, start=1)
    ]


def _event(event: CaseEvent, user_id: int, when: _Dates) -> dict[str, Any]:
    if event.actor_kind == "parent" and event.actor_id == user_id:
        by = "you"
    elif event.actor_kind == "agent":
        by = "support"
    else:
        by = "system"
    return {
        "at": when(event.created_at),
        "by": by,
        "action": event.action,
        "details": _plain(event.details or {}),
    }


async def _case(
    session: AsyncSession, case: Case, user_id: int, desk: DeskPolicy, when: _Dates
) -> dict[str, Any]:
    assert case.id is not None
    items = await cases.transactions_of(session=session, case_id=case.id)
    files = await evidence.list_for_case(session=session, case_id=case.id)
    events = await cases.events_of(session=session, case_id=case.id)
    matched = await order_privacy.matched_records(session, case.id, when)  # the bills (#15)
    return {
        "reference": case.reference,
        "status": case.status,
        "language": case.language,
        "timezone": case.timezone,
        **fields.of_case(case),
        "submitted_at": when(case.submitted_at),
        "handled_by": None if desk.anonymous else case.assignee_name,
        "decision": case.decision,
        "decided_amount": None if case.decided_amount is None else str(case.decided_amount),
        "decided_currency": case.decided_currency,
        "reject_reason": case.reject_reason,
        "decision_note": case.decision_note,
        "decided_at": when(case.decided_at),
        "appeals": case.appeals,
        "due_at": when(case.due_at),
        "closed_at": when(case.closed_at),
        "transactions": [
            {
                "position": t.position,
                "amount": str(t.amount),
                "currency": t.currency,
                "occurred_at": when(t.occurred_at),
                "time_known": t.has_time,
                # "yesterday evening": the hour above is that part of the day's usual one
                "time_approximate": t.time_vague is not None,
                "part_of_day": t.time_vague,
                "order_number": t.order_number,
                "merchant_record": matched.get(t.id or 0),
            }
            for t in items
        ],
        "evidence": _evidence(files, when, case.reference),
        "events": [_event(e, user_id, when) for e in events if e.action in VISIBLE_EVENTS],
    }


async def _draft(session: AsyncSession, draft: Draft, when: _Dates) -> dict[str, Any]:
    assert draft.id is not None
    files = await evidence.list_for_draft(session=session, draft_id=draft.id)
    return {
        "id": draft.id,
        "status": draft.status,
        "step": draft.step,
        "answers": _plain(draft.answers or {}),
        "started_at": when(draft.created_at),
        "updated_at": when(draft.updated_at),
        # A submitted draft's files belong to its case (listed there).
        "evidence": _evidence([f for f in files if f.case_id is None], when, f"draft-{draft.id}"),
    }


async def export_parent(
    session: AsyncSession,
    user: User,
    now: datetime,
    desk: DeskPolicy,
    aftercare: AftercarePolicy,
) -> dict[str, Any]:
    """Everything stored about ``user``, JSON-ready."""
    when = _Dates(user.timezone)
    own = await cases.cases_of_user(session=session, user_id=user.id)
    drafts = await personal.drafts_of_user(session=session, user_id=user.id)
    by_case = {c.id: c.reference for c in own}
    coming = await personal.pending_follow_ups(
        session=session,
        case_ids=[c.id for c in own if c.id is not None],
        draft_ids=[d.id for d in drafts if d.id is not None],
    )
    return {
        "format_version": FORMAT_VERSION,
        "exported_at": when(now),
        "timezone": user.timezone,
        "privacy_notice_current_version": aftercare.notice_version,
        "retention_days_after_closing": aftercare.retention_days,
        "user": {
            "telegram_user_id": user.id,
            "language": user.language,
            "timezone": user.timezone,
            "display_name": user.display_name or None,
            "consented_at": when(user.consented_at),
            "consent_version": user.consent_version,
            "check_ins_muted": user.check_ins_muted,
            "message_waiting_for_a_case": _plain(user.pending_relay) or None,
            "first_seen_at": when(user.created_at),
            "updated_at": when(user.updated_at),
        },
        "cases": [await _case(session, c, user.id, desk, when) for c in reversed(own)],
        "drafts": [await _draft(session, d, when) for d in drafts],
        "follow_ups": [
            {
                "kind": row.kind,
                "due_at": when(row.due_at),
                "case": by_case.get(row.case_id) if row.case_id else None,
                "draft": row.draft_id,
            }
            for row in coming
            if row.kind in TO_PARENT
        ],
    }


def export_text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def export_file_name(now: datetime, extension: str = "json") -> str:
    """No words in it: the same name whatever the parent's language."""
    return f"refund-desk-{now.astimezone(UTC):%Y-%m-%d}.{extension}"
