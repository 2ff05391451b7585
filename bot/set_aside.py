"""``refund-desk updates``: what the operator sees of the updates the bot set aside (one that
no framework could read, or whose handling failed every attempt), and how to have them handled
again once the cause is fixed. Never their content: ids, times, chats and the reason's kind."""

from __future__ import annotations

from bot.config import Settings
from bot.operator_table import Wording, print_table
from storage.database import one_transaction
from storage.models import InboxUpdate
from storage.repositories import inbox

#: ``refund-desk updates``'s words.
SET_ASIDE = Wording(
    header=f"{'id':>8}  {'update':>12}  {'set aside (UTC)':16}  {'chat':>15}  {'tries':>5}"
    "  reason",
    nothing="no updates set aside",
    then="`refund-desk updates retry ID...` or `retry --all` hands them to the bot again "
    "(several workers: at the next sweep; one process: at its next start).",
)


async def list_set_aside(settings: Settings) -> int:
    return await print_table(settings.storage.url, inbox.set_aside_rows, _set_aside, SET_ASIDE)


def _set_aside(row: InboxUpdate) -> str:
    when = row.failed_at.strftime("%Y-%m-%d %H:%M") if row.failed_at else "-"
    chat = str(row.chat_id) if row.chat_id is not None else "-"
    reason = row.error or "-"
    if not row.payload:
        reason += "  [emptied by retention: cannot be handled again]"
    return f"{row.id:>8}  {row.update_id:>12}  {when:16}  {chat:>15}  {row.attempts:>5}  {reason}"


async def retry_set_aside(settings: Settings, ids: list[int], every: bool) -> int:
    async with one_transaction(settings.storage.url) as session:
        taken = await inbox.take_back(session=session, ids=None if every else ids)
    print(f"{taken} update(s) handed back to the bot")
    return 0 if taken or every else 1
