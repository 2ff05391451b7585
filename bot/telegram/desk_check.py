"""Start-up check of the agents' group: can the bot post there, and manage topics if used?"""

from __future__ import annotations

from bot.telegram.errors import Permanent
from bot.telegram.transport import TelegramTransport
from handlers.policy import DeskPolicy


class DeskProblem(Exception):
    """The agents' group is not usable as configured; the message says what to fix."""


async def check_desk(transport: TelegramTransport, desk: DeskPolicy, bot_id: int) -> bool:
    """Return whether to use one topic per case; raise :class:`DeskProblem` otherwise."""
    assert desk.chat_id is not None
    where = f"agents.chat_id = {desk.chat_id}"
    if desk.roster and desk.team != desk.roster[0].key:
        where = f"agents.teams ({desk.team!r}) chat_id = {desk.chat_id}"
    try:
        chat = await transport.call("getChat", {"chat_id": desk.chat_id})
        member = await transport.call(
            "getChatMember", {"chat_id": desk.chat_id, "user_id": bot_id}
        )
    except Permanent as exc:
        raise DeskProblem(f"{where}: the bot cannot see this group ({exc}); add it there") from exc
    status = member.get("status")
    if status in ("left", "kicked"):
        raise DeskProblem(f"{where}: the bot is not a member of the group; add it")
    if status == "restricted" and not member.get("can_send_messages", False):
        raise DeskProblem(f"{where}: the bot may not send messages there; allow it")
    is_forum = bool(chat.get("is_forum"))
    use_topics = is_forum if desk.use_topics is None else desk.use_topics
    if use_topics and not is_forum:
        raise DeskProblem(f"{where}: use_topics is true but topics are off in the group")
    if use_topics and not (status == "creator" or member.get("can_manage_topics")):
        raise DeskProblem(
            f"{where}: make the bot an administrator with the right to manage "
            "topics (or set use_topics = false)"
        )
    return use_topics


async def check_teams(
    transport: TelegramTransport, desk: DeskPolicy, bot_id: int
) -> dict[int, bool]:
    """Check every team's group; whether each (by chat id) uses one topic per case."""
    teams = [desk.for_team(team.key) for team in desk.roster] or [desk]
    return {
        team.chat_id: await check_desk(transport, team, bot_id)
        for team in teams
        if team.chat_id is not None
    }
