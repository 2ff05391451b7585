"""Users: the people talking to the bot in private chats."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import User


async def get_user(*, session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


async def create_user(
    *,
    session: AsyncSession,
    user_id: int,
    language: str,
    timezone: str,
    now: datetime,
    display_name: str = "",
) -> User:
    user = User(
        id=user_id,
        language=language,
        timezone=timezone,
        display_name=display_name[:200],
        created_at=now,
        updated_at=now,
    )
    session.add(user)
    await session.flush()
    return user
