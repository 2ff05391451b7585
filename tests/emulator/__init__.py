"""Local emulation of the Telegram Bot API for tests and benchmarks (see README.md)."""

from .errors import ApiError
from .faults import Fault, RateLimiter, RateLimitViolation
from .models import ApiCall, BotRights, Chat, Topic, UploadedFile, User, WebhookAttempt
from .server import DEFAULT_TOKEN, BotApiEmulator

__all__ = [
    "DEFAULT_TOKEN",
    "ApiCall",
    "ApiError",
    "BotApiEmulator",
    "BotRights",
    "Chat",
    "Fault",
    "RateLimitViolation",
    "RateLimiter",
    "Topic",
    "UploadedFile",
    "User",
    "WebhookAttempt",
]
