"""Fluent messages from ``locales/<language>/*.ftl`` and the rendering of the core's replies.

Every parameter that is not itself a message is escaped for Telegram's HTML, so text a parent
typed can never be read as markup; plain text is that HTML with the locale's tags removed.
Text that could change the direction of what follows it (a right-to-left script, or bidi
controls, which are dropped) is wrapped in a first-strong isolate, so a parent's words can
never reverse the bot's own figures next to them in a card or a topic name.
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
#: Parameters longer than this are put in after Fluent has formatted the message.
LONG_PARAM = 1000
_TOKEN_MARK = "\x00"
#: Embeddings, overrides, isolates and marks (LRE…RLO, LRI…PDI, LRM, RLM, ALM): typed by a
#: person they are dropped, since an unbalanced one would reorder the rest of the line.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
#: Blocks of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, …).
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


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
        long: dict[str, str] = {}
        params = self._params(language, msg.params, long)
        formatted, errors = bundle.format_pattern(message.value, params)
        for error in errors:
            log.error("message %s in %s: %s", msg.key, language, error)
        # A message that is only a placeable whose value is missing formats to FluentNone
        # (not a str): show the placeable's name, as Fluent does inside a longer message.
        text = formatted if isinstance(formatted, str) else (formatted.name or msg.key)
        for token, value in long.items():
            text = text.replace(token, value, 1)
        return text

    def _params(
        self, language: str, params: Mapping[str, Any], long: dict[str, str]
    ) -> dict[str, Any]:
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
                text = str(value).replace(_TOKEN_MARK, "")
                out[name] = html.escape(isolated(text), quote=False)
            if isinstance(out[name], str) and len(out[name]) > LONG_PARAM:
                # Fluent refuses a placeable over 2,500 characters (a long description or
                # relayed message): it gets a token, replaced once the message is formatted.
                token = f"{_TOKEN_MARK}{len(long)}{_TOKEN_MARK}"
                long[token] = out[name]
                out[name] = token
        return out


def isolated(text: str) -> str:
    """A person's text, made unable to reorder what is around it.

    Bidi controls are dropped; text that had any, or that holds a right-to-left script, is
    wrapped in FSI…PDI (its direction taken from its own first strong letter). Other text,
    the bot's own amounts, dates and references included, is returned as it is.
    """
    clean = _BIDI_CONTROLS.sub("", text)
    if clean and (len(clean) != len(text) or _RTL.search(clean)):
        return f"{FIRST_STRONG_ISOLATE}{clean}{POP_DIRECTIONAL_ISOLATE}"
    return clean
