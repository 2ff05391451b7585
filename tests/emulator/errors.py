"""Bot API error envelopes.

Handlers raise :class:`ApiError`; the server turns it into Telegram's JSON envelope with the
HTTP status equal to ``error_code`` (that is what the real Bot API does, and what both
frameworks key their exception mapping on).
"""

from __future__ import annotations

from typing import Any

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class ApiError(Exception):
    """An error answer of the Bot API (``{"ok": false, ...}``)."""

    def __init__(
        self,
        error_code: int,
        description: str | None = None,
        parameters: dict[str, Any] | None = None,
    ) -> None:
        self.error_code = error_code
        self.description = description or default_description(error_code)
        self.parameters = parameters
        super().__init__(f"{error_code}: {self.description}")

    def envelope(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def default_description(status: int) -> str:
    return _DEFAULT_DESCRIPTIONS.get(status, f"Error {status}")


def bad_request(detail: str) -> ApiError:
    """``400 Bad Request: <detail>``."""
    return ApiError(400, f"Bad Request: {detail}")


def forbidden(detail: str) -> ApiError:
    """``403 Forbidden: <detail>``."""
    return ApiError(403, f"Forbidden: {detail}")


def too_many_requests(retry_after: int) -> ApiError:
    """``429`` exactly as Telegram phrases it, with ``parameters.retry_after``."""
    return ApiError(
        429,
        f"Too Many Requests: retry after {retry_after}",
        {"retry_after": retry_after},
    )
