"""Registry of emulated Bot API methods (case-insensitive, like Telegram)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import bad_request

if TYPE_CHECKING:
    from .server import BotApiEmulator

Handler = Callable[["BotApiEmulator", dict[str, Any]], Any]


@dataclass(frozen=True)
class MethodSpec:
    name: str  # canonical spelling, e.g. "sendMessage"
    handler: Handler
    is_async: bool


METHODS: dict[str, MethodSpec] = {}


def api_method(*names: str) -> Callable[[Handler], Handler]:
    """Register a handler under one or more Bot API method names."""

    def register(handler: Handler) -> Handler:
        for name in names:
            METHODS[name.lower()] = MethodSpec(name, handler, inspect.iscoroutinefunction(handler))
        return handler

    return register


def canonical(method: str) -> str:
    spec = METHODS.get(method.lower())
    return spec.name if spec else method


def required(params: dict[str, Any], name: str, what: str | None = None) -> Any:
    value = params.get(name)
    if value is None or value == "":
        raise bad_request(f"{what or name} is empty")
    return value


def as_int(value: Any, what: str) -> int:
    """An integer given as int or numeric string (nested JSON values are not normalised)."""
    if isinstance(value, bool):
        raise bad_request(f"invalid {what} specified")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid {what} specified") from None


def int_param(params: dict[str, Any], name: str, what: str | None = None) -> int:
    return as_int(required(params, name, what), what or name)
