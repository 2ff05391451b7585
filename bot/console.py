"""The console transport: the whole product in a terminal, the parent's side and the agents'.

Buttons are numbered (type the number or the label); a line naming existing files (one or
several, separated by spaces or commas) is an upload; ``/commands`` work as in Telegram.

The person starts as the parent. ``/as agent`` makes them an agent in the agents' group (the
console's simulated one, :mod:`bot.console_desk`): the card's buttons become the numbered ones
and what they type goes to the case's topic, relayed to the parent by the core as on Telegram;
``/as parent`` switches back. Whatever reaches the other side is printed too, marked with
where it went. The follow-up scheduler runs on the console's clock, which ``/clock +1d``
moves forward (:mod:`bot.console_clock`).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import mimetypes
import shlex
import sys
from collections.abc import Callable
from dataclasses import KW_ONLY, InitVar, dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any, TextIO, cast

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.app import App, build_app
from bot.config import Settings
from bot.console_clock import ConsoleClock, ConsoleScheduler, latest_recorded, parse_step
from bot.console_desk import CONSOLE_AGENT_ID, CONSOLE_GROUP_ID, SimulatedGroup, console_desk
from bot.console_files import PREFIX, ConsoleFiles
from bot.files.archive import archive_spec, build_archive
from bot.files.keeper import FileKeeper
from bot.files.setup import build_keeper
from bot.telegram.transport import TelegramTransport
from handlers.bounds import ascii_int
from handlers.clock import Clock
from handlers.events import EventKind, Incoming, Media, MediaKind, Sender
from handlers.formatting import format_when
from handlers.reference import normalize_reference
from handlers.replies import (
    AnswerButton,
    Button,
    CreateTopic,
    EditMessage,
    Msg,
    Outgoing,
    Reply,
    SendDocument,
    SendMedia,
)

CONSOLE_USER_ID = 1
CONSOLE_CHAT_ID = 1
#: Where files the bot sends (a /mydata export) are written, next to the default database.
EXPORT_DIR = Path("data") / "exports"
PARENT, AGENT = "parent", "agent"
#: Commands of the console itself, whatever the role (not in Telegram's command menu).
ROLE_COMMAND, CLOCK_COMMAND = "as", "clock"
Buttons = tuple[tuple[Button, ...], ...]


def console_app(settings: Settings, *, clock: Clock | None = None) -> App:
    """The app as the console runs it: on a clock ``/clock`` moves (``clock`` underneath, the
    system's by default), with the simulated agents' group when none is configured."""
    return build_app(
        settings, clock=ConsoleClock(clock), desk=console_desk(settings.desk_policy())
    )


def _media_for(path: Path) -> Media:
    data = path.read_bytes()
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    photo = mime in ("image/jpeg", "image/png", "image/webp")
    kind = MediaKind.PHOTO if photo else MediaKind.DOCUMENT
    digest = hashlib.sha256(data).hexdigest()
    return Media(
        kind=kind,
        # The console's own file id, as Telegram gives one: the file can be posted again (the
        # evidence in the agents' group, an agent's file relayed to the parent). The hash on
        # the evidence row is the file keeper's, once it has kept the bytes (start()).
        file_id=f"{PREFIX}{digest}",
        local_path=str(path.resolve()),
        file_name=path.name,
        mime_type=mime,
        size=len(data),
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


def _with_console_help(out: list[Outgoing]) -> list[Outgoing]:
    """The parent's /help, with the console's own commands after the bot's."""
    for index, item in enumerate(out):
        if isinstance(item, Reply):
            keys = [part.key for part in item.parts]
            if "help" in keys:
                at = keys.index("help") + 1
                parts = (*item.parts[:at], Msg("console-help"), *item.parts[at:])
                return [*out[:index], replace(item, parts=parts), *out[index + 1 :]]
    return out


@dataclass(eq=False)
class ConsoleTransport:
    app: App
    _: KW_ONLY
    language_code: InitVar[str | None]
    out: TextIO = sys.stdout
    export_dir: Path = EXPORT_DIR
    sender: Sender = field(init=False)
    #: The parent's buttons (of the bot's last message to them).
    buttons: list[Button] = field(default_factory=list, init=False)
    #: The parent's language: the console's own messages are in it too.
    language: str = field(init=False)
    _message_id: int = field(default=0, init=False)
    role: str = field(default=PARENT, init=False)
    #: The agents' group (simulated, or configured and real): what goes there is marked.
    group_id: int | None = field(default=None, init=False)
    group: SimulatedGroup | None = field(default=None, init=False)
    agent: Sender | None = field(default=None, init=False)
    #: The agents' buttons: of the last message in the group that had some (a card).
    agent_buttons: list[Button] = field(default_factory=list, init=False)
    #: The message id and topic of the message :attr:`agent_buttons` are of.
    _agent_buttons_at: tuple[int, int | None] = field(default=(0, None), init=False)
    _agent_language: str = field(default="en", init=False)
    #: Where an agent's text goes: the topic of the last message shown in the group.
    topic: int | None = field(default=None, init=False)
    scheduler: ConsoleScheduler | None = field(default=None, init=False)
    #: A group message's topic.
    _topics: dict[int, int | None] = field(default_factory=dict, init=False)
    #: A group message as last shown (no-op edits).
    _shown: dict[int, str] = field(default_factory=dict, init=False)
    #: Message ids of a real group the console does not run.
    _last_group_id: int = field(default=0, init=False)
    #: One turn, or one firing's messages, printed at a time.
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock, init=False)
    #: Keeps and reads the files typed (None with ``[files] keep = false``).
    files: FileKeeper | None = field(default=None, init=False)
    _files_stop: asyncio.Event = field(default_factory=asyncio.Event, init=False)
    _files_task: asyncio.Task[None] | None = field(default=None, init=False)
    _showing: set[asyncio.Task[None]] = field(default_factory=set, init=False)
    #: Printing what came from elsewhere (a follow-up, a file kept or refused): a message
    #: without buttons leaves the parent's buttons as they were, as on Telegram.
    _aside: bool = field(default=False, init=False)

    def __post_init__(self, language_code: str | None) -> None:
        self.sender = Sender(CONSOLE_USER_ID, language_code, "console")
        self.language = self.app.settings.intake.default_language

    # -- starting and stopping -----------------------------------------------------------

    async def start(self) -> None:
        """The agents' group, the clock where the database left it, the scheduler."""
        app = self.app
        desk = app.conversation.deps.desk
        self.group_id = desk.chat_id
        if isinstance(app.clock, ConsoleClock):
            app.clock.catch_up(await latest_recorded(app.database))
        if desk.chat_id == CONSOLE_GROUP_ID:
            self.group = SimulatedGroup(database=app.database, desk=desk, clock=app.clock)
            self.group.post = self._post
            await self.group.open()
            name = app.localizer.plain(desk.language, Msg("console-agent-name"))
            self.agent = Sender(CONSOLE_AGENT_ID, desk.language, name)
            self._agent_language = desk.language
            async with self._lock:
                await self.group.hand_off_all()  # cases submitted before this start
        self.scheduler = ConsoleScheduler(app, show=self.show)
        await self.scheduler.start()
        self._keep_files()

    def _keep_files(self) -> None:
        """The file keeper, as the runner's, reading the typed paths instead of Telegram."""
        app = self.app
        self.files = build_keeper(
            app,
            # Only its download is used: the bytes at the path the evidence row names.
            transport=cast(TelegramTransport, ConsoleFiles(app.database)),
            queue=self._queue_files,
            lease=timedelta(seconds=app.settings.telegram.outbox_lease_seconds),
        )
        if self.files is not None:
            self._files_stop.clear()
            self._files_task = asyncio.create_task(self.files.run(self._files_stop))

    async def _queue_files(self, session: AsyncSession, out: list[Outgoing]) -> Callable[[], None]:
        """The keeper's replies (an offer, a refusal, a card edit), printed once committed."""

        def show() -> None:
            if out:
                task = asyncio.create_task(self.show(out))
                self._showing.add(task)
                task.add_done_callback(self._showing.discard)

        return show

    async def stop(self) -> None:
        if self.scheduler is not None:
            await self.scheduler.shutdown()
        if self._files_task is not None:
            self._files_stop.set()
            await self._files_task
            self._files_task = None

    async def run(self, read_line: Callable[[], str] = input) -> None:
        """Talk until end of input or Ctrl-C; begins as /start does, offering to resume."""
        await self.start()
        try:
            await self.send("/start")
            loop = asyncio.get_running_loop()
            while True:
                try:
                    line = await loop.run_in_executor(None, read_line)
                except EOFError:
                    return
                if line.strip():
                    await self.send(line)
        finally:
            await self.stop()

    # -- one typed line ------------------------------------------------------------------

    async def send(self, line: str) -> None:
        text = line.strip()
        if text.startswith("/") and _paths(text) is None:
            command, _, argument = text[1:].partition(" ")
            if command.lower() == ROLE_COMMAND:
                async with self._lock:
                    self._switch(argument.strip().lower())
                return
            if command.lower() == CLOCK_COMMAND:
                await self._clock(argument.strip())
                return
        async with self._lock:
            event = self.event_for(line) if self.role == PARENT else await self._agent_event(line)
            if event is None:
                return
            out = await self.app.conversation.handle(event)
            if self.role == PARENT and event.kind is EventKind.COMMAND and event.command == "help":
                out = _with_console_help(out)
            await self._deliver(out)
            if self.group is not None:
                await self.group.hand_off_all()  # a claim just submitted reaches the agents
        if event.kind is EventKind.MEDIA and self.files is not None:
            self.files.wake.set()  # keep and read it now, not at the next sweep

    async def show(self, out: list[Outgoing]) -> None:
        """Messages from elsewhere (the scheduler's follow-ups), between two typed lines."""
        async with self._lock:
            self._aside = True
            try:
                await self._deliver(out)
            finally:
                self._aside = False

    def event_for(self, line: str) -> Incoming:
        """Turn one line the parent typed into the event Telegram would have delivered."""
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
        button = self._button_for(text, self.buttons, self.language)
        if button is not None:
            return event(
                kind=EventKind.BUTTON, payload=button.data, callback_id=f"console-{message_id}"
            )
        return event(kind=EventKind.TEXT, text=line)

    async def _agent_event(self, line: str) -> Incoming | None:
        """One line the agent typed, as a message in the agents' group (None: said why not)."""
        agent, group = self.agent, self.group
        assert agent is not None and group is not None
        text = line.strip()
        message_id = group.message_id()

        def event(**fields: Any) -> Incoming:
            fields.setdefault("message_id", message_id)
            fields.setdefault("thread_id", self.topic)
            return Incoming(sender=agent, chat_id=CONSOLE_GROUP_ID, is_private=False, **fields)

        paths = _paths(text)
        if text.startswith("/") and not paths:
            command, _, argument = text[1:].partition(" ")
            if command.lower() == "help":
                self._say(Msg("console-help-agent", {"case": "/case"}))  # a command's name
                return None
            if command.lower() == "case":  # the card again, and its topic becomes the current
                reference = normalize_reference(argument)
                topic = await group.topic_of_reference(reference) if reference else None
                self.topic = topic if topic is not None else self.topic
            return event(kind=EventKind.COMMAND, command=command, payload=argument)
        button = (
            None if paths else self._button_for(text, self.agent_buttons, self._agent_language)
        )
        if button is not None:
            pressed, topic = self._agent_buttons_at
            return event(
                kind=EventKind.BUTTON,
                payload=button.data,
                callback_id=f"console-{message_id}",
                message_id=pressed,
                thread_id=topic,
            )
        if self.topic is None:
            self._say(Msg("console-no-topic"))
            return None
        if paths:
            media = tuple(_media_for(p) for p in paths)
            album = f"console-{message_id}" if len(media) > 1 else None
            return event(kind=EventKind.MEDIA, media=media, media_group_id=album)
        return event(kind=EventKind.TEXT, text=line)

    def _button_for(self, text: str, buttons: list[Button], language: str) -> Button | None:
        number = ascii_int(text, low=1, high=len(buttons))  # "²" is no button number
        if number is not None:
            return buttons[number - 1]
        folded = text.casefold()
        for button in buttons:
            if self.app.localizer.plain(language, button.label).casefold() == folded:
                return button
        return None

    # -- the console's own commands ------------------------------------------------------

    def _switch(self, role: str) -> None:
        if role == AGENT:
            if self.agent is None:  # a configured group is real: its side is on Telegram
                self._say(Msg("console-real-group"))
                return
            self.role = AGENT
            if self.topic is None:
                self._say(Msg("console-role-agent-no-case", {"name": self.agent.display_name}))
            else:
                params = {"name": self.agent.display_name, "topic": str(self.topic)}
                self._say(Msg("console-role-agent", params))
            self._list(self.agent_buttons, self._agent_language, numbered=True)
        elif role == PARENT:
            self.role = PARENT
            self._say(Msg("console-role-parent"))
            self._list(self.buttons, self.language, numbered=True)
        else:
            self._say(Msg("console-as-usage"))

    async def _clock(self, argument: str) -> None:
        clock = self.app.clock
        step = parse_step(argument) if argument else None
        async with self._lock:
            if not isinstance(clock, ConsoleClock):
                self._say(Msg("console-clock-fixed"))
                return
            if argument and step is None:
                self._say(Msg("console-clock-usage"))
                return
            if step is not None:
                clock.advance(step)
            desk = self.app.conversation.deps.desk
            when = format_when(clock.now(), desk.timezone, self.language)
            self._say(Msg("console-clock-now", {"when": when, "zone": desk.timezone}))
        if step is not None and self.scheduler is not None:
            await self.scheduler.sweep()  # what came due fires now, printed by show()

    # -- printing ------------------------------------------------------------------------

    async def _deliver(self, out: list[Outgoing]) -> None:
        for item in out:
            if self.group is not None:
                item = await self.group.place(item)  # a case's thread: its topic
                if (
                    isinstance(item, EditMessage)
                    and item.chat_id == self.group_id
                    and item.message_id not in self._topics
                ):
                    self._topics[item.message_id] = await self.group.topic_of_card(item.message_id)
            self.render([item])

    def render(self, outgoing: list[Outgoing]) -> None:
        for item in outgoing:
            if isinstance(item, Reply | SendMedia | CreateTopic):
                self._post(item)
            elif isinstance(item, EditMessage):
                self._render_edit(item)
            elif isinstance(item, AnswerButton):
                if item.notice is not None:  # the pop-up the presser sees
                    notice = self.app.localizer.plain(item.language, item.notice)
                    print(f"💬 {notice}", file=self.out)
            elif isinstance(item, SendDocument):
                self._save_document(item)

    def _in_group(self, chat_id: int) -> bool:
        return self.group_id is not None and chat_id == self.group_id

    def _new_group_message(self) -> int:
        if self.group is not None:
            return self.group.message_id()
        self._last_group_id += 1
        return self._last_group_id

    def _post(self, item: Reply | SendMedia | CreateTopic) -> int:
        """Print one message (or a topic's creation) where it appears; its message id."""
        plain = self.app.localizer.plain
        in_group = self._in_group(item.chat_id)
        message_id = self._new_group_message() if in_group else 0
        if isinstance(item, CreateTopic):
            name = plain(item.language, item.name)
            params = {"topic": str(message_id), "name": name}
            print(f"\n👥 {self._text(Msg('console-topic-created', params))}", file=self.out)
            self.topic = message_id
            return message_id
        if in_group:
            self._topics[message_id] = item.thread_id
            if item.thread_id is not None:
                self.topic = item.thread_id
            self._header(item.chat_id, item.thread_id, edited=False)
        else:
            self.language = item.language
            self._header(item.chat_id, None, edited=False)
        if isinstance(item, Reply):
            text = "\n\n".join(plain(item.language, part) for part in item.parts)
            print(f"🤖 {text}", file=self.out)
            buttons = item.buttons
            self._shown[message_id] = text + repr(buttons)
        else:
            if item.caption is not None:
                print(f"🤖 {plain(item.language, item.caption)}", file=self.out)
            for media in item.media:
                print(f"   📎 {media.file_name or media.kind.value}", file=self.out)
            buttons = ()
        self._buttons(buttons, item.language, in_group=in_group, at=(message_id, item.thread_id))
        return message_id

    def _render_edit(self, edit: EditMessage) -> None:
        plain = self.app.localizer.plain
        text = "\n\n".join(plain(edit.language, part) for part in edit.parts)
        in_group = self._in_group(edit.chat_id)
        if in_group:  # Telegram ignores an edit that changes nothing, and so does the runtime
            if self._shown.get(edit.message_id) == text + repr(edit.buttons):
                return
            self._shown[edit.message_id] = text + repr(edit.buttons)
        topic = self._topics.get(edit.message_id) if in_group else None
        self._header(edit.chat_id, topic, edited=True)
        print(f"🤖 {text}", file=self.out)
        self._buttons(edit.buttons, edit.language, in_group=in_group, at=(edit.message_id, topic))

    def _header(self, chat_id: int, topic: int | None, *, edited: bool) -> None:
        """Where a message appears: said for the agents' group always, for the parent's chat
        when the person is an agent (or the message is an edit)."""
        if self._in_group(chat_id):
            if topic is None:
                key = "console-edited-in-group" if edited else "console-in-group"
            else:
                key = "console-edited-in-topic" if edited else "console-in-topic"
            print(f"\n👥 {self._text(Msg(key, {'topic': str(topic)}))}", file=self.out)
        elif self.role == AGENT:
            key = "console-edited-to-parent" if edited else "console-to-parent"
            print(f"\n👪 {self._text(Msg(key))}", file=self.out)
        else:
            print("", file=self.out)
            if edited:
                print(f"✏️ {self._text(Msg('console-edited'))}", file=self.out)

    def _buttons(
        self, buttons: Buttons, language: str, *, in_group: bool, at: tuple[int, int | None]
    ) -> None:
        """List a message's buttons: numbered when the person, in their role, can press them."""
        flat = [button for row in buttons for button in row]
        if in_group:
            if flat:
                self.agent_buttons, self._agent_buttons_at = flat, at
                self._agent_language = language
            elif self._agent_buttons_at[0] == at[0]:  # the card lost its buttons
                self.agent_buttons = []
            self._list(flat, language, numbered=self.role == AGENT)
        else:
            if flat or not self._aside:
                self.buttons = flat
            self._list(flat, language, numbered=self.role == PARENT)

    def _list(self, buttons: list[Button], language: str, *, numbered: bool) -> None:
        plain = self.app.localizer.plain
        for number, button in enumerate(buttons, start=1):
            label = plain(language, button.label)
            print(f"   [{number}] {label}" if numbered else f"   · {label}", file=self.out)

    def _say(self, message: Msg) -> None:
        """The console's own words (not the bot's), in the parent's language."""
        print(f"\n⚙️ {self._text(message)}", file=self.out)

    def _text(self, message: Msg) -> str:
        return self.app.localizer.plain(self.language, message)

    def _save_document(self, document: SendDocument) -> None:
        """A file sent to the parent: written to ``export_dir``, its path printed."""
        self.export_dir.mkdir(parents=True, exist_ok=True)
        path = (self.export_dir / Path(document.file_name).name).resolve()
        if document.attachments:  # a data export with the parent's files (#16)
            read = self.files.store.get if self.files is not None else None
            path.write_bytes(build_archive(document.content, archive_spec(document), read))
        elif document.binary:  # a report's chart
            path.write_bytes(base64.b64decode(document.content))
        else:
            path.write_text(document.content, encoding="utf-8")
        path.chmod(0o600)  # everything about someone: readable by them only
        if document.caption is not None:
            caption = self.app.localizer.plain(document.language, document.caption)
            print(f"\n🤖 {caption}", file=self.out)
        print(f"   📎 {path}", file=self.out)
