"""The console shows the whole product: a parent's claim reaches the simulated agents' group
(topic, card, evidence), ``/as agent`` presses the card's numbered buttons and writes in the
case's topic (relayed to the parent), and ``/clock`` fast-forwards the follow-up scheduler."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.console import ConsoleTransport, console_app
from bot.console_clock import ConsoleClock, parse_step
from bot.console_desk import CONSOLE_GROUP_ID
from tests.conftest import FakeClock

ROOT = Path(__file__).resolve().parents[2]


class Session:
    """A console driven line by line; ``said`` is what the last line printed."""

    def __init__(self, console: ConsoleTransport, out: io.StringIO) -> None:
        self.console = console
        self.out = out
        self.said = ""

    async def type(self, line: str) -> str:
        start = len(self.out.getvalue())
        await self.console.send(line)
        self.said = self.out.getvalue()[start:]
        return self.said

    def number(self, label: str) -> str:
        """The number the latest list printed gives the button ``label``."""
        found = re.findall(rf"\[(\d+)\] {re.escape(label)}\n", self.out.getvalue())
        assert found, f"no numbered button {label!r} in:\n{self.out.getvalue()}"
        return found[-1]


def settings_for(tmp_path: Path):  # type: ignore[no-untyped-def]
    config = tmp_path / "config.toml"
    config.write_text(f'[storage]\nurl = "sqlite+aiosqlite:///{tmp_path}/console.db"\n')
    return load_settings(config, environ={})


@pytest.fixture
async def session(tmp_path: Path):  # type: ignore[no-untyped-def]
    app = console_app(settings_for(tmp_path), clock=FakeClock())  # Fri 2026-11-20 07:30 UTC
    await app.start()
    out = io.StringIO()
    console = ConsoleTransport(app, language_code="en", out=out, export_dir=tmp_path)
    await console.start()
    try:
        yield Session(console, out)
    finally:
        await console.stop()
        await app.stop()


#: How the parent answers each question of the intake (its wording, first match wins): a
#: button's label to press by its number, or a line to type. Keyed by the question, not by its
#: position, so the test follows the intake whatever order its steps come in.
ANSWERS: tuple[tuple[str, str, str], ...] = (
    ("Please check your claim", "press", "📨 Submit my claim"),
    ("Do you agree?", "press", "✅ I agree"),
    ("Which app or platform", "press", "Douyin (抖音)"),
    ("What happened?", "press", "I paid but the service never started"),
    ("Who is filling in", "press", "Parent"),
    ("account made the purchases", "type", "douyin_42"),
    ("How was it paid?", "press", "Alipay"),
    ("how much was charged", "type", "648 yuan"),
    ("where are you?", "press", "London"),  # a bare "en" client is asked once
    ("When did it happen", "type", "yesterday 8pm"),
    ("is that right?", "press", "✅ Yes, that's right"),
    ("order number", "type", "A1234567"),
    ("another purchase", "press", "That's all"),
    ("so far", "press", "✅ Done"),
    ("screenshots", "type", "{screenshot}"),
    ("In your own words", "type", "I paid for a VIP month and it never started."),
    ("another way to reach you", "press", "Skip"),
)


async def file_a_claim(chat: Session, screenshot: Path) -> str:
    """The parent's whole intake, answered question by question; the case reference."""
    await chat.type("/start")
    for _ in range(30):
        match = re.search(r"Your reference is ([A-Z0-9]{5,8})", chat.said)
        if match:
            return match.group(1)
        question = chat.said.rsplit("🤖", 1)[-1]
        how, answer = next((h, a) for q, h, a in ANSWERS if q in question)
        if how == "press":
            await chat.type(chat.number(answer))
        else:
            await chat.type(answer.format(screenshot=screenshot))
    raise AssertionError(f"the intake did not end:\n{chat.out.getvalue()}")


async def test_a_claim_through_both_sides_and_the_clock(session: Session, tmp_path: Path):
    chat = session
    screenshot = tmp_path / "wallet.png"
    screenshot.write_bytes(b"\x89PNG not really")
    reference = await file_a_claim(chat, screenshot)

    # The agents' group receives the topic, the card and the evidence, marked as such.
    said = chat.said
    assert f"New topic #1 in the agents' group: {reference} · Douyin" in said
    assert "In the agents' group, topic #1:" in said
    assert f"📋 Case {reference} — new" in said
    assert "📎 wallet.png" in said
    assert "[1] 🙋 Claim" not in said and "· 🙋 Claim" in said  # the parent can't press it
    assert chat.console.app.conversation.deps.desk.chat_id == CONSOLE_GROUP_ID

    said = await chat.type("/as agent")
    assert "You are now Alex, an agent in the agents' group" in said and "topic #1" in said
    said = await chat.type(chat.number("🙋 Claim"))
    assert "To the parent:" in said
    assert f"Support is now looking at your claim {reference}." in said
    assert "Edited in the agents' group, topic #1:" in said
    assert f"📋 Case {reference} — in review" in said and "Handled by: Alex" in said

    said = await chat.type("Could you send the VIP page too?")
    assert "To the parent:" in said
    assert f"Support about your claim {reference}: Could you send the VIP page too?" in said

    # The parent's side again: what they write reaches the topic.
    said = await chat.type("/as parent")
    assert "You are the parent again." in said
    said = await chat.type("Here it is: VIP page, nothing unlocked.")
    assert "In the agents' group, topic #1:" in said
    assert f"Parent ({reference}): Here it is: VIP page, nothing unlocked." in said

    await chat.type("/as agent")
    said = await chat.type(chat.number("✅ Approve"))
    assert "To the parent:" in said and f"your claim {reference} is approved in full" in said
    assert f"📋 Case {reference} — decided" in said
    said = await chat.type(chat.number("🗂 Close"))
    assert f"📋 Case {reference} — closed" in said

    # Nothing is due yet; three days later the satisfaction question comes, once.
    closing = f"Your claim {reference} is closed. How did we do?"
    assert closing not in chat.out.getvalue()
    said = await chat.type("/clock +3d")
    assert "The bot's clock: Mon, Nov 23, 2026" in said
    assert said.count(closing) == 1
    await chat.type("/clock +1d")
    await chat.console.scheduler.sweep()  # type: ignore[union-attr]
    assert chat.out.getvalue().count(closing) == 1


async def test_a_deadline_reaches_the_topic_and_the_card(session: Session, tmp_path: Path):
    chat = session
    screenshot = tmp_path / "wallet.png"
    screenshot.write_bytes(b"\x89PNG not really")
    reference = await file_a_claim(chat, screenshot)
    said = await chat.type("/clock +3h")
    assert "The bot's clock: Fri, Nov 20, 2026, 6:30 PM (Asia/Shanghai)" in said
    assert "has been waiting" not in said  # unclaimed after 4 hours, not 3
    said = await chat.type("/clock +1h")
    assert f"🙋 {reference} has been waiting 4 h without an agent." in said
    assert "In the agents' group, topic #1:" in said
    said = await chat.type("/clock +4d")  # the decision was due Tue 18:00 (Shanghai)
    assert f"📋 Case {reference} — new" in said and "Edited in the agents' group" in said
    assert said.count(f"⏳ {reference}: the decision is due") == 1


async def test_the_agent_side_needs_a_claim_and_a_known_role(session: Session):
    chat = session
    await chat.type("/start")
    assert "No claim has reached it yet" in await chat.type("/as agent")
    assert "No claim has reached the agents' group yet" in await chat.type("hello?")
    assert "Type /as agent or /as parent." in await chat.type("/as supervisor")
    said = await chat.type("/help")
    assert "/queue, /mine" in said and "/case K7QM4" in said
    said = await chat.type("/as parent")
    assert "[1] ✅ I agree" in said  # the parent's buttons are pressable again
    said = await chat.type("/help")
    assert "/start — start a claim" in said and "/as agent — become a support agent" in said
    assert "Move the clock forward with" in await chat.type("/clock tomorrow")


def test_clock_steps():
    assert parse_step("+1d") == timedelta(days=1)
    assert parse_step("+3h") == timedelta(hours=3)
    assert parse_step("+1d 12h") == timedelta(days=1, hours=12)
    assert parse_step("+30m") == timedelta(minutes=30)
    for wrong in ("1d", "-1d", "+0d", "+1w", "+１d", "+", "+99999d", "tomorrow"):
        assert parse_step(wrong) is None, wrong
    clock = ConsoleClock(FakeClock())
    start = clock.now()
    clock.advance(timedelta(hours=3))
    clock.catch_up(start)  # never back
    assert clock.now() == start + timedelta(hours=3)
    clock.catch_up(start + timedelta(days=2))
    assert clock.now() == start + timedelta(days=2)


def test_refund_desk_console_starts_on_its_embedded_defaults(tmp_path: Path):
    """For real: no config, no token, SQLite under ./data, typed lines piped in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFUND_DESK_")}
    env["PYTHONPATH"] = str(ROOT)
    lines = "/help\n/as agent\n/as parent\n1\n/clock +1d\n"
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "console", "--language-code", "en"],
        input=lines,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    said = done.stdout
    assert "/as agent — become a support agent" in said
    assert "No claim has reached it yet" in said
    assert "Which app or platform was the money spent on?" in said
    assert "The bot's clock:" in said
    assert (tmp_path / "data" / "refund-desk.db").exists()
