"""What can go wrong when calling the Bot API, as the delivery loop needs to know it.

Each framework transport maps its own exceptions onto these three.
"""

from __future__ import annotations


class RetryLater(Exception):
    """Telegram's 429: wait ``seconds`` and try again."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds}s")
        self.seconds = seconds


class Transient(Exception):
    """Network trouble or a 5xx: try again with back-off."""


class Permanent(Exception):
    """A 4xx other than 429 (bad request, blocked by the user…): retrying cannot help."""
