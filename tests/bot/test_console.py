"""The console transport reads a typed number as the button of that number, ASCII digits only."""

from __future__ import annotations

import io
from types import SimpleNamespace

from bot.console import ConsoleTransport
from handlers.events import EventKind
from handlers.replies import Button, Msg


def test_only_ascii_numbers_in_range_press_a_button(localizer):
    settings = SimpleNamespace(intake=SimpleNamespace(default_language="en"))
    app = SimpleNamespace(localizer=localizer, settings=settings)
    console = ConsoleTransport(app, language_code="en", out=io.StringIO())  # type: ignore[arg-type]
    console.buttons = [
        Button(Msg("button-consent-yes"), "1|consent|yes"),
        Button(Msg("button-consent-no"), "1|consent|no"),
    ]
    for typed in ("²", "١", "２", "0", "3", "-1", "9" * 5000):  # "²" and 5,000 digits crashed
        event = console.event_for(typed)
        assert (event.kind, event.text) == (EventKind.TEXT, typed)
    pressed = console.event_for("2")
    assert (pressed.kind, pressed.payload) == (EventKind.BUTTON, "1|consent|no")
