"""Who sent an evidence file, and what they are told when it is refused (#16)."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.intake.evidence import megabytes
from handlers.policy import IntakePolicy
from handlers.replies import Msg, Outgoing, Reply
from storage.models import Case, Draft, Evidence, User


async def _sender(session: AsyncSession, evidence: Evidence) -> tuple[int, User] | None:
    """The chat and the person a file came from (a draft's, or a case's parent)."""
    owner: Draft | Case | None = None
    if evidence.draft_id is not None:
        owner = await session.get(Draft, evidence.draft_id)
    elif evidence.case_id is not None:
        owner = await session.get(Case, evidence.case_id)
    if owner is None or not owner.user_id:
        return None
    user = await session.get(User, owner.user_id)
    return (owner.chat_id, user) if user is not None else None


async def reader_of(
    *, session: AsyncSession, evidence: Evidence, policy: IntakePolicy
) -> tuple[str, str]:
    """The language and time zone a file is read in: its sender's."""
    sender = await _sender(session, evidence)
    if sender is None:
        language = policy.default_language
        return language, policy.timezone_for(language, None)
    return sender[1].language, sender[1].timezone


async def file_refused(
    *, session: AsyncSession, evidence_id: int, reason: str, size: int, policy: IntakePolicy
) -> list[Outgoing]:
    """A file that is not kept: too large, not a picture or PDF whatever its name says, or
    one Telegram will not hand over. The parent is told which, naming the file."""
    row = await session.get(Evidence, evidence_id)
    sender = await _sender(session, row) if row is not None else None
    if row is None or sender is None:
        return []
    chat_id, user = sender
    name = row.file_name or ""
    params: dict[str, object] = {"reason": reason, "name": name or "-"}
    if reason == "size":
        params.update(
            size=megabytes(size, user.language),
            limit=megabytes(policy.max_file_bytes, user.language),
        )
    else:
        params.update(size="", limit="")
    return [
        Reply(
            chat_id=chat_id, language=user.language, parts=(Msg("reading-file-refused", params),)
        )
    ]
