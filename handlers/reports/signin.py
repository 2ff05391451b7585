"""``/dashboard`` in a private chat: a supervisor gets a one-time link that signs them in to
the supervisors' web page (``bot/reports/web.py``).

The link is bound to that Telegram user, valid for :data:`LINK_LIFETIME` and for one use; only
its SHA-256 is stored. Anyone else typing ``/dashboard`` is told it is for supervisors.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from handlers.policy import DeskPolicy
from handlers.replies import Msg
from handlers.turn import Turn
from storage.repositories import dashboard

LINK_LIFETIME = timedelta(minutes=10)
SIGNIN_PATH = "/dashboard/signin"


def supervised_teams(desk: DeskPolicy, user_id: int) -> list[str]:
    """The teams ``user_id`` supervises (their keys), main team first."""
    if desk.roster:
        return [team.key for team in desk.roster if user_id in team.supervisor_ids]
    return [desk.team] if user_id in desk.supervisor_ids else []


async def request(turn: Turn, argument: str) -> None:
    if not supervised_teams(turn.desk, turn.user.id):
        turn.say(Msg("dashboard-refused"))
        return
    if not turn.desk.dashboard_url:
        turn.say(Msg("dashboard-off"))
        return
    token = secrets.token_urlsafe(32)
    await dashboard.add_link(
        session=turn.session,
        token=token,
        user_id=turn.user.id,
        now=turn.now,
        expires_at=turn.now + LINK_LIFETIME,
    )
    url = f"{turn.desk.dashboard_url.rstrip('/')}{SIGNIN_PATH}?token={token}"
    minutes = int(LINK_LIFETIME.total_seconds() // 60)
    turn.say(Msg("dashboard-link", {"url": url, "minutes": minutes}))
