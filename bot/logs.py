"""Logging set-up. The bot token is part of every Bot API URL, so it is masked everywhere:
in every formatted log line (message, traceback and stack included) and, through
:func:`mask_secrets`, in every error text stored in the database. So are a database URL's
password and the S3 credentials of ``[files] store = "bucket"`` (:func:`add_secret`).

Lines are text (``FORMAT``) or, with ``[logging] format = "json"``, one JSON object per line
for a log collector: ``time`` (ISO 8601, UTC), ``level``, ``logger``, ``message`` and, when
there is one, ``exception`` (the traceback) and ``stack``; masked the same way."""

from __future__ import annotations

import json
import logging
import re
import sys
import traceback
from datetime import UTC, datetime
from typing import IO

#: A bot token (``<bot id>:<secret>``), also percent-encoded (``%3A``) as some clients quote it.
_TOKEN = re.compile(r"\d{5,}(?::|%3[Aa])[A-Za-z0-9_-]{20,}")
#: The password of a database URL (``scheme://user:password@host``).
_URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/@\s]+:)[^@\s]+@")
#: An S3 secret key or session token written out as a setting (``AWS_SECRET_ACCESS_KEY=…``,
#: ``aws_secret_access_key = …``, STS's ``"SecretAccessKey": "…"``).
_AWS_SECRET = re.compile(
    r"((?:secret_?access_?key|session_?token)[\"']?\s*[=:]\s*[\"']?)[^\s\"',;&]+", re.IGNORECASE
)
#: Secrets the bot holds that have no shape of their own (an S3 secret key): masked as written.
_KNOWN: set[str] = set()
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
    # The bucket's client (#16): at DEBUG, every request's headers and body (the files).
    "botocore",
    "boto3",
    "s3transfer",
    "urllib3",
)
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def add_secret(value: str | None) -> None:
    """Mask ``value`` wherever it appears from now on: for a secret without a shape of its own,
    like the S3 secret key the bucket store found in the environment."""
    if value and len(value) >= 8:  # a short one would mask ordinary words
        _KNOWN.add(value)


def mask_secrets(text: str) -> str:
    """``text`` with bot tokens replaced by ``<token>``, URL passwords and S3 secrets by
    ``***``.

    Used on every log line and on every error text before it is stored: aiogram's and httpx's
    exceptions can quote the request URL, ``https://api.telegram.org/bot<TOKEN>/sendMessage``.
    """
    for secret in _KNOWN:
        if secret in text:
            text = text.replace(secret, "***")
    text = _AWS_SECRET.sub(r"\1***", text)
    return _URL_PASSWORD.sub(r"\1***@", _TOKEN.sub("<token>", text))


class TokenFilter(logging.Filter):
    """Replaces anything shaped like a bot token with ``<token>`` in a record's message (for
    handlers other than ours, e.g. a test's; ours mask the whole line, see below)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True


class MaskingFormatter(logging.Formatter):
    """Masks the whole formatted record: the message, and the traceback of ``log.exception``
    or ``exc_info`` (an exception's text often quotes the request URL) and ``stack_info``,
    which a filter never sees."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_secrets(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per line. Each text is masked before it is quoted, and the whole line
    once more (:func:`mask_secrets` keeps JSON valid: a token has no character JSON escapes,
    and a URL password is cut at the first space, which every field separator carries)."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, UTC)
        line: dict[str, object] = {
            "time": when.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": mask_secrets(record.getMessage()),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = mask_secrets(record.exc_text)
        if record.stack_info:
            line["stack"] = mask_secrets(self.formatStack(record.stack_info))
        return mask_secrets(json.dumps(line, ensure_ascii=False))


class MaskingHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """A stream handler whose own failure report is masked too: the standard one prints the
    failing record's traceback to standard error as it is."""

    def handleError(self, record: logging.LogRecord) -> None:
        if not (logging.raiseExceptions and sys.stderr):
            return
        try:
            report = f"--- Logging error ---\n{traceback.format_exc()}Message: {record.msg!r}\n"
            sys.stderr.write(mask_secrets(report))
        except Exception:  # a logging failure must never stop the bot
            pass


def log_handler(stream: IO[str] | None = None, *, json_format: bool = False) -> logging.Handler:
    """The handler the bot logs through (standard error unless ``stream`` is given): text
    lines, or JSON lines with ``json_format``."""
    handler = MaskingHandler(stream)
    handler.addFilter(TokenFilter())
    handler.setFormatter(JsonFormatter() if json_format else MaskingFormatter(FORMAT))
    return handler


def configure_logging(level: str, *, console: bool = False, json_format: bool = False) -> None:
    root = logging.getLogger()
    root.handlers[:] = [log_handler(json_format=json_format)]
    # In the console the conversation is the output; only problems are logged.
    root.setLevel("WARNING" if console else level)
    quiet_libraries()


def quiet_libraries() -> None:
    """Keep the libraries that would log tokens or people's words at WARNING."""
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.WARNING)
