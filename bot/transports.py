"""Picks the framework transport named by ``[telegram] framework``."""

from __future__ import annotations

from bot.config import Settings
from bot.telegram.transport import TelegramTransport


def make_transport(settings: Settings) -> TelegramTransport:
    telegram = settings.telegram
    assert telegram.token is not None, "checked by Settings.telegram.run_problem()"
    token = telegram.token.get_secret_value()
    if telegram.framework == "aiogram":
        from bot.aiogram_transport import AiogramTransport

        return AiogramTransport(token, telegram.api_base_url, poll_timeout=telegram.poll_timeout)
    from bot.ptb_transport import PtbTransport

    return PtbTransport(token, telegram.api_base_url, poll_timeout=telegram.poll_timeout)
