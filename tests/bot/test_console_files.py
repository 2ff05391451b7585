"""The console keeps the files a parent types the paths of, as the bot keeps Telegram's: the
bytes sniffed and stored by their SHA-256, the hash on the evidence row, a file that is not
really a picture refused in the parent's language — and reads them, so a parent trying the
console is offered what their screenshot says, as on Telegram (#16)."""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
from pathlib import Path

import pytest
from sqlmodel import select

from bot.config import load_settings
from bot.console import ConsoleTransport, console_app
from bot.files import ocr
from handlers.reading.extract import OcrLine
from storage.models import Evidence
from tests.conftest import FakeClock
from tests.receipts import blank

RECEIPT = [
    OcrLine("支付时间 2025年3月14日 21:07:33", 0.98),
    OcrLine("-648.00", 0.99, height=60),
    OcrLine("交易单号 4200001234202503141234567890", 0.99),
]


class Engine:
    """The OCR pool's interface, reading a WeChat Pay receipt from every picture (the real
    engine reads drawn receipts in tests/bot/test_ocr_receipts.py)."""

    processes = 1
    timeout = 5.0

    async def read(self, data: bytes) -> list[OcrLine]:
        return RECEIPT

    def close(self) -> None:
        pass


class Console:
    def __init__(self, console: ConsoleTransport, out: io.StringIO) -> None:
        self.console = console
        self.out = out

    async def type(self, line: str) -> str:
        start = len(self.out.getvalue())
        await self.console.send(line)
        return self.out.getvalue()[start:]

    async def press(self, label: str) -> str:
        found = re.findall(rf"\[(\d+)\] {re.escape(label)}\n", self.out.getvalue())
        assert found, f"no button {label!r} in:\n{self.out.getvalue()}"
        return await self.type(found[-1])

    async def printed(self, text: str, seconds: float = 10.0) -> str:
        """Wait until the console printed ``text`` (the keeper works beside the chat)."""
        for _ in range(int(seconds * 20)):
            if text in self.out.getvalue():
                return self.out.getvalue()
            await asyncio.sleep(0.05)
        raise AssertionError(f"{text!r} never printed:\n{self.out.getvalue()}")


@pytest.fixture
async def chat(tmp_path: Path):  # type: ignore[no-untyped-def]
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\nurl = "sqlite+aiosqlite:///{tmp_path}/console.db"\n'
        f'[files]\ndirectory = "{tmp_path}/files"\n'
    )
    settings = load_settings(config, environ={})
    app = console_app(settings, clock=FakeClock())
    await app.start()
    out = io.StringIO()
    console = ConsoleTransport(app, language_code="en", out=out, export_dir=tmp_path)
    await console.start()
    assert console.files is not None
    console.files.ocr = Engine()  # type: ignore[assignment]
    console.files.interval = 0.05
    try:
        yield Console(console, out)
    finally:
        await console.stop()
        await app.stop()


async def _to_the_amount_question(chat: Console) -> None:
    await chat.type("/start")
    await chat.press("✅ I agree")
    await chat.press("Douyin (抖音)")
    await chat.press("I paid but the service never started")
    await chat.press("Parent")
    await chat.type("douyin_42")
    said = await chat.press("WeChat Pay")
    assert "how much was charged" in said


async def _rows(chat: Console) -> list[Evidence]:
    async with chat.console.app.database.unit_of_work() as session:
        return list((await session.exec(select(Evidence))).all())


@pytest.mark.skipif(not ocr.available(), reason='the OCR extra: pip install -e ".[ocr]"')
async def test_a_screenshot_typed_at_the_amount_question_is_kept_read_and_offered(
    chat: Console, tmp_path: Path
):
    await _to_the_amount_question(chat)
    receipt = tmp_path / "receipt.png"
    receipt.write_bytes(blank(60, 30))
    await chat.type(str(receipt))
    said = await chat.printed("Use these for purchase 1?")
    offer = said.rsplit("📷 On your screenshot I read:", 1)[-1]
    assert "CN¥648.00" in offer and "Fri, Mar 14, 2025" in offer and "4200…7890" in offer
    assert "✅ Use these" in offer

    [row] = await _rows(chat)
    digest = hashlib.sha256(receipt.read_bytes()).hexdigest()
    assert (row.sha256, row.content_type, row.file_status) == (digest, "image/png", "kept")
    assert chat.console.files is not None and chat.console.files.store.has(digest)
    assert row.read_status == "offered" and row.reading["amount"] == "648.00"

    said = await chat.press("✅ Use these")
    assert "Taken from your screenshot." in said


async def test_a_file_that_is_not_really_a_picture_is_refused_in_the_parents_language(
    chat: Console, tmp_path: Path
):
    await chat.type("/start")
    await chat.press("✅ I agree")
    await chat.press("Douyin (抖音)")  # "What happened?", with its buttons
    fake = tmp_path / "receipt.jpg"
    fake.write_bytes(b"PK\x03\x04" + b"\x00" * 64)  # a zip named like a photo
    await chat.type(str(fake))  # kept aside for the claim, and the question asked again
    said = await chat.printed('I can\'t keep "receipt.jpg"')
    assert "not really a picture or a PDF" in said
    [row] = await _rows(chat)
    assert row.file_status == "refused" and row.sha256 is None
    # The refusal came between two questions: the question's buttons still work.
    said = await chat.press("I paid but the service never started")
    assert "Who is filling in" in said
