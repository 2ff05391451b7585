"""Fluent messages from ``locales/<language>/*.ftl`` and the rendering of the core's replies.

Every parameter that is not itself a message is escaped for Telegram's HTML, so text a parent
typed can never be read as markup; plain text is that HTML with the locale's tags removed.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

from handlers.languages import SUPPORTED
from handlers.replies import Msg

log = logging.getLogger(__name__)
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
_TAGS = re.compile(r"</?(?:b|i|u|s|code|pre|a)(?:\s[^>]*)?>")
FALLBACK = "en"


class Localizer:
    """Loads every language's Fluent files once; formats a :class:`Msg` as HTML or plain text."""

    def __init__(self, directory: Path = LOCALES_DIR) -> None:
        self.bundles: dict[str, FluentBundle] = {}
        for language in SUPPORTED:
            bundle = FluentBundle([language], use_isolating=False)
            files = sorted((directory / language).glob("*.ftl"))
            if not files:
                raise FileNotFoundError(f"no message files for {language} in {directory}")
            for path in files:
                bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
            self.bundles[language] = bundle

    def html(self, language: str, msg: Msg) -> str:
        """The message as Telegram HTML: markup from the locale file, parameters escaped."""
        return self._format(language, msg)

    def plain(self, language: str, msg: Msg) -> str:
        """The message as plain text (the console, button labels, matching typed text)."""
        # Rendered as HTML first so a parent's own "<b>" is escaped, survives the tag
        # stripping, and comes back as typed.
        return html.unescape(_TAGS.sub("", self._format(language, msg)))

    def _format(self, language: str, msg: Msg) -> str:
        bundle = self.bundles.get(language) or self.bundles[FALLBACK]
        if not bundle.has_message(msg.key):
            log.error("missing message %s in %s", msg.key, language)
            bundle = self.bundles[FALLBACK]
        message = bundle.get_message(msg.key)
        if message.value is None:
            raise KeyError(msg.key)
        params = self._params(language, msg.params)
        text, errors = bundle.format_pattern(message.value, params)
        for error in errors:
            log.error("message %s in %s: %s", msg.key, language, error)
        return text

    def _params(self, language: str, params: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in params.items():
            if isinstance(value, Msg):
                out[name] = self._format(language, value)
            elif isinstance(value, bool) or value is None:
                out[name] = str(value)
            elif isinstance(value, int):
                out[name] = value  # lets Fluent pick plural forms
            elif isinstance(value, Decimal | float):
                out[name] = str(value)
            else:
                out[name] = html.escape(str(value), quote=False)
        return out
