"""Logging set-up. The bot token is part of every Bot API URL, so it is masked everywhere."""

from __future__ import annotations

import logging
import re

_TOKEN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")
#: Libraries that log every request URL (with the token) at INFO, or what people wrote (in
#: request parameters or SQL parameters) at DEBUG: kept at WARNING whatever the level.
_CHATTY = (
    "httpx",
    "httpcore",
    "aiohttp.access",
    "aiohttp.client",
    "telegram.ext",
    "aiogram.event",
    "apscheduler",  # logs every job run at INFO
    "telegram",  # telegram.Bot logs every call's parameters (people's messages) at DEBUG
    "aiosqlite",  # logs every statement with its parameters at DEBUG
    "asyncpg",
    "sqlalchemy.engine",  # with echo on: statements and their parameters
)


class TokenFilter(logging.Filter):
    """Replaces anything shaped like a bot token with ``<token>`` in every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _TOKEN.search(message):
            record.msg = _TOKEN.sub("<token>", message)
            record.args = None
        return True


def configure_logging(level: str, *, console: bool = False) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(TokenFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    # In the console the conversation is the output; only problems are logged.
    root.setLevel("WARNING" if console else level)
    quiet_libraries()


def quiet_libraries() -> None:
    """Keep the libraries that would log tokens or people's words at WARNING."""
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.WARNING)
