"""The console transport: talk to the bot in a terminal, as a parent would in Telegram.

Buttons are numbered (type the number or the label); a line naming existing files (one or
several, separated by spaces or commas) is an upload; ``/commands`` work as in Telegram.
"""

from __future__ import annotations

import asyncio
import hashlib
import mimetypes
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from bot.app import App
from handlers.bounds import ascii_int
from handlers.events import EventKind, Incoming, Media, MediaKind, Sender
from handlers.replies import Button, Outgoing, Reply, SendDocument

CONSOLE_USER_ID = 1
CONSOLE_CHAT_ID = 1
#: Where files the bot sends (a /mydata export) are written, next to the default database.
EXPORT_DIR = Path("data") / "exports"


def _media_for(path: Path) -> Media:
    data = path.read_bytes()
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    photo = mime in ("image/jpeg", "image/png", "image/webp")
    kind = MediaKind.PHOTO if photo else MediaKind.DOCUMENT
    return Media(
        kind=kind,
        local_path=str(path.resolve()),
        file_name=path.name,
        mime_type=mime,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _paths(line: str) -> list[Path] | None:
    """Every word of the line is an existing file: an upload. Otherwise None."""
    try:
        words = shlex.split(line.replace(",", " "))
    except ValueError:
        return None
    paths = [Path(w).expanduser() for w in words]
    try:
        files = bool(paths) and all(p.is_file() for p in paths)
    except OSError:  # a word too long to be a file name: the line is text
        files = False
    return paths if files else None


class ConsoleTransport:
    def __init__(
        self,
        app: App,
        *,
        language_code: str | None,
        out: TextIO = sys.stdout,
        export_dir: Path = EXPORT_DIR,
    ) -> None:
        self.app = app
        self.export_dir = export_dir
        self.sender = Sender(CONSOLE_USER_ID, language_code, "console")
        self.out = out
        self.buttons: list[Button] = []
        self.language = app.settings.intake.default_language
        self._message_id = 0

    def event_for(self, line: str) -> Incoming:
        """Turn one typed line into the event Telegram would have delivered."""
        self._message_id += 1
        message_id = self._message_id

        def event(**fields: Any) -> Incoming:
            return Incoming(
                sender=self.sender, chat_id=CONSOLE_CHAT_ID, message_id=message_id, **fields
            )

        text = line.strip()
        paths = _paths(text)  # before commands: an absolute path starts with "/" too
        if paths:
            media = tuple(_media_for(p) for p in paths)
            group = f"console-{self._message_id}" if len(media) > 1 else None
            return event(kind=EventKind.MEDIA, media=media, media_group_id=group)
        if text.startswith("/"):
            command, _, argument = text[1:].partition(" ")
            return event(kind=EventKind.COMMAND, command=command, payload=argument)
        button = self._button_for(text)
        if button is not None:
            return event(
                kind=EventKind.BUTTON, payload=button.data, callback_id=f"console-{message_id}"
            )
        return event(kind=EventKind.TEXT, text=line)

    def _button_for(self, text: str) -> Button | None:
        number = ascii_int(text, low=1, high=len(self.buttons))  # "²" is no button number
        if number is not None:
            return self.buttons[number - 1]
        folded = text.casefold()
        for button in self.buttons:
            if self.app.localizer.plain(self.language, button.label).casefold() == folded:
                return button
        return None

    def render(self, outgoing: list[Outgoing]) -> None:
        for item in outgoing:
            if isinstance(item, Reply):
                self._render_reply(item)
            elif isinstance(item, SendDocument):
                self._save_document(item)

    def _save_document(self, document: SendDocument) -> None:
        """A file sent to the parent: written to ``export_dir``, its path printed."""
        self.export_dir.mkdir(parents=True, exist_ok=True)
        path = (self.export_dir / Path(document.file_name).name).resolve()
        path.write_text(document.content, encoding="utf-8")
        path.chmod(0o600)  # everything about someone: readable by them only
        if document.caption is not None:
            caption = self.app.localizer.plain(document.language, document.caption)
            print(f"\n🤖 {caption}", file=self.out)
        print(f"   📎 {path}", file=self.out)

    def _render_reply(self, reply: Reply) -> None:
        plain = self.app.localizer.plain
        self.language = reply.language
        text = "\n\n".join(plain(reply.language, part) for part in reply.parts)
        print(f"\n🤖 {text}", file=self.out)
        self.buttons = [button for row in reply.buttons for button in row]
        for number, button in enumerate(self.buttons, start=1):
            print(f"   [{number}] {plain(reply.language, button.label)}", file=self.out)

    async def send(self, line: str) -> None:
        self.render(await self.app.conversation.handle(self.event_for(line)))

    async def run(self, read_line: Callable[[], str] = input) -> None:
        """Talk until end of input or Ctrl-C; begins as /start does, offering to resume."""
        await self.send("/start")
        loop = asyncio.get_running_loop()
        while True:
            try:
                line = await loop.run_in_executor(None, read_line)
            except EOFError:
                return
            if line.strip():
                await self.send(line)
