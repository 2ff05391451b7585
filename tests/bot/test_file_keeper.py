"""Evidence files kept (#16): downloaded beside the conversation, retried, sniffed, stored by
content with the hash on the evidence row, refused with a reason the parent reads, and deleted
when erasure removes the last row naming them."""

from __future__ import annotations

import hashlib
import os
import time
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.files import FileTooLarge, local_file, ocr
from bot.files.keeper import FileKeeper
from bot.files.sniff import sniff
from bot.files.store import FileStore
from bot.telegram.errors import Permanent, Transient
from handlers.aftercare.erasure import erase_parent
from handlers.policy import DeskPolicy, IntakePolicy
from handlers.reading.extract import OcrLine
from handlers.replies import Outgoing, Reply
from storage.models import Evidence, User
from storage.repositories import drafts
from tests.case_rows import add_parent
from tests.receipts import blank

JPEG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + bytes(range(256)) * 4
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ZIP = b"PK\x03\x04" + b"\x00" * 64


def test_the_real_type_is_read_from_the_bytes():
    assert sniff(JPEG) == "image/jpeg"
    assert sniff(PNG) == "image/png"
    assert sniff(b"%PDF-1.7\n...") == "application/pdf"
    assert sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff(b"\x00\x00\x00\x18ftypheic\x00\x00") == "image/heic"
    assert sniff(ZIP) is None  # a zip named receipt.jpg is still a zip


def test_the_store_keeps_one_copy_per_content(tmp_path):
    store = FileStore(tmp_path)
    first = store.put(JPEG)
    assert first == hashlib.sha256(JPEG).hexdigest()
    assert store.put(JPEG) == first
    assert [digest for digest, _ in store.digests()] == [first]
    assert store.get(first) == JPEG
    assert store.delete(first) and not store.has(first) and store.get(first) is None
    with pytest.raises(ValueError):
        store.path_of("../../etc/passwd")


class Telegram:
    """getFile and the download, scripted per file id."""

    def __init__(self, answers: dict[str, list[object]]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    async def download(self, file_id: str, max_bytes: int) -> bytes:
        self.calls.append(file_id)
        answer = self.answers[file_id].pop(0)
        if isinstance(answer, Exception):
            raise answer
        assert isinstance(answer, bytes)
        return answer


class Sent:
    def __init__(self) -> None:
        self.out: list[Outgoing] = []

    async def queue(self, session, out):  # the runner's outbox writer, recorded
        self.out.extend(out)
        return lambda: None


async def _draft_with(database, clock, *file_ids: str, user_id: int = 7, name: str = "r.jpg"):
    async with database.unit_of_work() as session:
        await add_parent(session, user_id, now=clock.now(), language="fr")
        draft = await drafts.create_draft(
            session=session,
            user_id=user_id,
            chat_id=user_id,
            step="tx_amount",
            answers={},
            now=clock.now(),
        )
        for file_id in file_ids:
            session.add(
                Evidence(
                    draft_id=draft.id,
                    kind="photo",
                    telegram_file_id=file_id,
                    file_name=name,
                    created_at=clock.now(),
                )
            )
        return draft.id


async def _rows(database) -> dict[str, Evidence]:
    async with database.unit_of_work() as session:
        rows = (await session.exec(select(Evidence))).all()
        return {row.telegram_file_id or "": row for row in rows}


def _keeper(database, clock, tmp_path, telegram, sent, max_mb: int = 20) -> FileKeeper:
    return FileKeeper(
        database=database,
        clock=clock,
        store=FileStore(tmp_path / "files"),
        download=telegram.download,
        policy=IntakePolicy(max_file_bytes=max_mb * 1024 * 1024),
        queue=sent.queue,
        ocr=None,
        lease=timedelta(seconds=30),
    )


async def test_a_file_is_kept_under_its_hash_and_the_hash_is_on_its_row(database, clock, tmp_path):
    await _draft_with(database, clock, "A", "B")
    telegram = Telegram({"A": [JPEG], "B": [JPEG]})  # the same picture sent twice
    keeper = _keeper(database, clock, tmp_path, telegram, Sent())
    assert await keeper.fetch_due() == 2
    assert await keeper.fetch_due() == 0  # nothing fetched twice
    rows = await _rows(database)
    digest = hashlib.sha256(JPEG).hexdigest()
    for row in rows.values():
        assert (row.file_status, row.sha256, row.content_type) == ("kept", digest, "image/jpeg")
        assert row.size == len(JPEG)
        assert row.read_status is None  # no OCR engine given: kept, not read
    assert [d for d, _ in keeper.store.digests()] == [digest]  # one copy


async def test_a_failed_download_is_retried_later_and_never_twice_at_once(
    database, clock, tmp_path
):
    await _draft_with(database, clock, "A")
    telegram = Telegram({"A": [Transient("502"), Transient("timeout"), JPEG]})
    keeper = _keeper(database, clock, tmp_path, telegram, Sent())
    await keeper.fetch_due()
    row = (await _rows(database))["A"]
    assert (row.file_status, row.file_attempts) == ("waiting", 1)
    assert await keeper.fetch_due() == 0  # not before its time
    clock.advance(seconds=5)
    await keeper.fetch_due()
    assert (await _rows(database))["A"].file_attempts == 2
    clock.advance(seconds=10)
    await keeper.fetch_due()
    assert (await _rows(database))["A"].file_status == "kept"
    assert telegram.calls == ["A", "A", "A"]


async def test_what_is_not_kept_is_said_to_the_parent_in_their_language(
    database, clock, tmp_path, localizer
):
    await _draft_with(database, clock, "zip", "big", "gone")
    telegram = Telegram(
        {"zip": [ZIP], "big": [FileTooLarge(30 * 1024 * 1024)], "gone": [Permanent("bad file")]}
    )
    sent = Sent()
    keeper = _keeper(database, clock, tmp_path, telegram, sent)
    await keeper.fetch_due()
    rows = await _rows(database)
    assert {row.file_status for row in rows.values()} == {"refused"}
    assert all(row.sha256 is None for row in rows.values())
    texts = [localizer.plain(r.language, r.parts[0]) for r in sent.out if isinstance(r, Reply)]
    assert len(texts) == 3 and all(r.chat_id == 7 for r in sent.out if isinstance(r, Reply))
    assert "pas vraiment une image" in texts[0]
    assert "30\u00a0Mo" in texts[1] and "20\u00a0Mo" in texts[1]
    assert "Telegram" in texts[2]
    assert not list(keeper.store.digests())


async def test_erasure_deletes_the_files_no_row_names_any_more(database, clock, tmp_path):
    await _draft_with(database, clock, "A", user_id=7)
    await _draft_with(database, clock, "B", "C", user_id=8)
    other = b"\x89PNG\r\n\x1a\n" + b"\x01" * 64
    telegram = Telegram({"A": [JPEG], "B": [JPEG], "C": [other]})
    keeper = _keeper(database, clock, tmp_path, telegram, Sent())
    database.on_files_released = keeper.release
    await keeper.fetch_due()
    async with database.unit_of_work() as session:
        user = await session.get(User, 8)
        assert user is not None
        await erase_parent(session, user, clock.now(), DeskPolicy())
    kept = {digest for digest, _ in keeper.store.digests()}
    # C's picture was only theirs: gone. B's is also parent 7's (A): kept for them.
    assert kept == {hashlib.sha256(JPEG).hexdigest()}
    assert set(await _rows(database)) == {"A"}


class Engine:
    """The OCR pool's interface, answering fixed lines (the real engine: test_ocr_receipts)."""

    processes = 1
    timeout = 5.0

    def __init__(self, lines: list[OcrLine]) -> None:
        self.lines = lines
        self.read_count = 0

    async def read(self, data: bytes) -> list[OcrLine]:
        self.read_count += 1
        return self.lines

    def close(self) -> None:
        pass


@pytest.mark.skipif(not ocr.available(), reason='the OCR extra: pip install -e ".[ocr]"')
async def test_a_kept_screenshot_is_read_and_offered_at_the_amount_question(
    database, clock, tmp_path, localizer
):
    await _draft_with(database, clock, "A")
    lines = [
        OcrLine("支付时间 2025年3月14日 21:07:33", 0.98),
        OcrLine("-648.00", 0.99, height=60),
        OcrLine("交易单号 4200001234202503141234567890", 0.99),
    ]
    engine = Engine(lines)
    sent = Sent()
    keeper = _keeper(database, clock, tmp_path, Telegram({"A": [blank(40, 20)]}), sent)
    keeper.ocr = engine  # type: ignore[assignment]
    await keeper.fetch_due()
    assert (await _rows(database))["A"].read_status == "pending"
    assert await keeper.read_due() == 1
    row = (await _rows(database))["A"]
    assert row.read_status == "offered"
    assert row.reading["amount"] == "648.00" and row.reading["order"].startswith("42000")
    [offer] = [r for r in sent.out if isinstance(r, Reply)]
    text = "\n".join(localizer.plain("fr", part) for part in offer.parts)
    assert "648,00" in text and "4200…7890" in text
    assert await keeper.read_due() == 0  # read once


async def test_files_a_crash_left_unnamed_are_swept_once_old(database, clock, tmp_path):
    await _draft_with(database, clock, "A")
    keeper = _keeper(database, clock, tmp_path, Telegram({"A": [JPEG]}), Sent())
    await keeper.fetch_due()
    named = hashlib.sha256(JPEG).hexdigest()
    leftover = keeper.store.put(PNG)  # stored, then the process died before recording it
    assert await keeper.sweep_leftovers() == 0  # young: maybe being recorded right now
    two_hours_ago = time.time() - 7200
    for digest in (named, leftover):
        os.utime(keeper.store.path_of(digest), (two_hours_ago, two_hours_ago))
    assert await keeper.sweep_leftovers() == 1
    assert keeper.store.has(named) and not keeper.store.has(leftover)


def test_a_local_bot_api_servers_path_is_read_from_disk(tmp_path):
    # A self-hosted Bot API server started with --local answers getFile with its own path.
    path = tmp_path / "photos" / "file_7.jpg"
    path.parent.mkdir()
    path.write_bytes(JPEG)
    assert local_file(str(path)) == JPEG
    assert local_file("photos/file_7.jpg") is None  # the cloud's: a download path
    assert local_file(str(tmp_path / "gone.jpg")) is None
