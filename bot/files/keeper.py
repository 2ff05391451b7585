"""Keeps and reads evidence files, beside the conversation, never in its way (#16).

Two loops, each taking rows by a lease like the outbox's sweeper:

- **download**: a file a parent sent is fetched through the Bot API (``getFile``, or the
  local path of a self-hosted Bot API server), checked (size, its real type sniffed from the
  bytes), stored by content (:class:`bot.files.store.ContentStore`: a directory or an
  S3-compatible bucket) and its SHA-256 written on the evidence row. A failed download is
  retried with back-off (5 s doubling, at most 10 min, 10 attempts); a store that failed (the
  bucket unreachable) every minute, never given up; a refused file is recorded and the parent
  told why, in their language.
- **reading**: a kept image goes to the OCR pool (:mod:`bot.files.ocr`), one at a time per
  worker process; what it says (:mod:`handlers.reading.extract`) is written on the row, and
  the core decides whether to offer it to the parent now (:mod:`handlers.reading.offer`).

Erasure and retention delete evidence rows; after their commit :meth:`release` deletes the
files that no row names any more.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.files import FileTooLarge
from bot.files.ocr import OcrFailed, OcrPool, decodable
from bot.files.sniff import KEPT_TYPES, READABLE_TYPES, sniff
from bot.files.store import ContentStore
from bot.telegram.errors import Permanent
from handlers.clock import Clock
from handlers.policy import DeskPolicy, IntakePolicy
from handlers.reading import notices, offer
from handlers.reading.extract import OcrLine, Reading, extract
from handlers.replies import Outgoing
from storage.database import Database
from storage.models import Evidence
from storage.repositories import evidence_files as files

log = logging.getLogger(__name__)

Download = Callable[[str, int], Awaitable[bytes]]
#: Writes the replies into the outbox in the caller's transaction; returns what to send after.
Queue = Callable[[AsyncSession, list[Outgoing]], Awaitable[Callable[[], None]]]
MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(seconds=5)
LONGEST_RETRY = timedelta(minutes=10)
#: When the store failed: the download is tried again after this, however long the outage.
STORE_RETRY = timedelta(minutes=1)
#: Stored files no row names are deleted once this old (see :meth:`FileKeeper.sweep_leftovers`).
LEFTOVER_AGE = timedelta(hours=1)


@dataclass(kw_only=True, eq=False)
class FileKeeper:
    database: Database
    clock: Clock
    store: ContentStore
    download: Download
    policy: IntakePolicy
    queue: Queue
    ocr: OcrPool | None
    lease: timedelta
    interval: float = 2.0
    #: The agents' side, to edit a case's card when one of its files is read (a file sent
    #: after submitting, or with an appeal); set by the runtime that has a desk.
    desk: DeskPolicy | None = field(default=None, init=False)
    wake: asyncio.Event = field(default_factory=asyncio.Event, init=False)
    _next_sweep: datetime | None = field(default=None, init=False)

    async def run(self, stop: asyncio.Event) -> None:
        """Both loops until ``stop``; the pool is closed after."""
        try:
            await asyncio.gather(self._loop(stop, self.fetch_due), self._loop(stop, self.read_due))
        finally:
            if self.ocr is not None:
                self.ocr.close()

    async def _loop(self, stop: asyncio.Event, work: Callable[[], Awaitable[int]]) -> None:
        while not stop.is_set():
            try:
                busy = await work()
            except Exception:
                log.exception("evidence files: %s failed", work.__name__)
                busy = 0
            if busy:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(_either(stop, self.wake), self.interval)
            self.wake.clear()

    # -- download -------------------------------------------------------------------------

    async def fetch_due(self) -> int:
        """Download the files due now; returns how many were tried. Once an hour, first, the
        leftovers' sweep."""
        now = self.clock.now()
        if self._next_sweep is None or now >= self._next_sweep:
            self._next_sweep = now + LEFTOVER_AGE
            try:
                await self.sweep_leftovers()
            except Exception as exc:  # the store unreachable: downloads go on (and retry)
                log.warning("evidence files: the leftovers' sweep failed (%s): again later", exc)
        async with self.database.unit_of_work() as session:
            rows = await files.claim_downloads(
                session=session, now=now, lease_until=now + self.lease
            )
        for row in rows:
            await self._fetch(row)
        return len(rows)

    async def _fetch(self, row: Evidence) -> None:
        assert row.id is not None and row.telegram_file_id is not None
        try:
            data = await self.download(row.telegram_file_id, self.policy.max_file_bytes)
        except FileTooLarge as exc:
            await self._refuse(row, "size", exc.size)
            return
        except Permanent as exc:  # Telegram will not give it (file too big for getFile, gone)
            log.warning("evidence %s: Telegram refused the file: %s", row.id, exc)
            await self._refuse(row, "gone", 0)
            return
        except Exception as exc:
            await self._later(row, type(exc).__name__)
            return
        if len(data) > self.policy.max_file_bytes:
            await self._refuse(row, "size", len(data))
            return
        kind = sniff(data)
        if kind not in KEPT_TYPES:
            await self._refuse(row, "type", len(data))
            return
        try:
            digest = await asyncio.to_thread(self.store.put, data)
        except Exception as exc:  # the file is fine: never given up for the store's sake
            log.warning("evidence %s: store failed (%s), again in %s", row.id, exc, STORE_RETRY)
            await self._store_later(row)
            return
        readable = self.ocr is not None and kind in READABLE_TYPES
        async with self.database.unit_of_work() as session:
            await files.record(
                session=session,
                evidence_id=row.id,
                file_status=files.KEPT,
                sha256=digest,
                content_type=kind,
                size=len(data),
                file_retry_at=None,
                read_status=files.PENDING if readable else None,
            )
        log.info("evidence %s kept (%s, %d bytes)", row.id, kind, len(data))
        if readable:
            self.wake.set()

    async def _later(self, row: Evidence, reason: str) -> None:
        assert row.id is not None
        attempts = row.file_attempts + 1
        if attempts >= MAX_ATTEMPTS:
            log.error(
                "evidence %s: download failed %d times (%s): given up", row.id, attempts, reason
            )
            values: dict[str, object] = {"file_status": files.FAILED, "file_retry_at": None}
        else:
            wait = min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)
            log.info("evidence %s: download failed (%s), again in %s", row.id, reason, wait)
            values = {"file_status": files.WAITING, "file_retry_at": self.clock.now() + wait}
        async with self.database.unit_of_work() as session:
            await files.record(
                session=session, evidence_id=row.id, file_attempts=attempts, **values
            )

    async def _store_later(self, row: Evidence) -> None:
        """The store failed (the bucket unreachable, the disk full): again in a minute, not
        counted as an attempt, so an outage of the store never makes the bot give a file up."""
        assert row.id is not None
        async with self.database.unit_of_work() as session:
            await files.record(
                session=session,
                evidence_id=row.id,
                file_status=files.WAITING,
                file_retry_at=self.clock.now() + STORE_RETRY,
            )

    async def _refuse(self, row: Evidence, reason: str, size: int) -> None:
        assert row.id is not None
        log.info("evidence %s refused (%s)", row.id, reason)
        async with self.database.unit_of_work() as session:
            await files.record(
                session=session, evidence_id=row.id, file_status=files.REFUSED, file_retry_at=None
            )
            out = await notices.file_refused(
                session=session, evidence_id=row.id, reason=reason, size=size, policy=self.policy
            )
            send = await self.queue(session, out)
        send()

    # -- reading --------------------------------------------------------------------------

    async def read_due(self) -> int:
        """Read the kept images due now, as many at once as the pool has workers."""
        if self.ocr is None:
            return 0
        now = self.clock.now()
        async with self.database.unit_of_work() as session:
            rows = await files.claim_readings(
                session=session,
                now=now,
                lease_until=now + self.lease + timedelta(seconds=self.ocr.timeout),
                limit=self.ocr.processes,
            )
        await asyncio.gather(*(self._read(row) for row in rows))
        return len(rows)

    async def _read(self, row: Evidence) -> None:
        assert row.id is not None and self.ocr is not None
        data = await asyncio.to_thread(self.store.get, row.sha256) if row.sha256 else None
        status = files.FAILED
        reading: Reading | None = None
        if data is not None and await asyncio.to_thread(decodable, data):
            try:
                lines = await self.ocr.read(data)
            except OcrFailed as exc:
                if exc.again:
                    async with self.database.unit_of_work() as session:
                        await files.record(
                            session=session, evidence_id=row.id, read_status=files.PENDING
                        )
                    return
                log.info("evidence %s: not read (%s)", row.id, exc)
            else:
                reading = await self._extract(row, lines)
                status = files.NOTHING if reading is None or reading.empty else files.READ
        async with self.database.unit_of_work() as session:
            await files.record(
                session=session,
                evidence_id=row.id,
                read_status=status,
                reading=reading.to_json() if reading is not None else {},
                file_retry_at=None,
            )
            out: list[Outgoing] = []
            if status == files.READ:
                out = await offer.reading_ready(
                    session=session,
                    evidence_id=row.id,
                    policy=self.policy,
                    now=self.clock.now(),
                    desk=self.desk,
                )
            send = await self.queue(session, out)
        send()
        log.info("evidence %s read: %s", row.id, status)

    async def _extract(self, row: Evidence, lines: list[OcrLine]) -> Reading:
        """Read in the sender's language and time zone, as their typed answers are."""
        async with self.database.unit_of_work() as session:
            language, timezone = await notices.reader_of(
                session=session, evidence=row, policy=self.policy
            )
        return extract(lines, language=language, timezone=timezone, now=self.clock.now())

    # -- erasure --------------------------------------------------------------------------

    async def sweep_leftovers(self, *, older_than: timedelta = LEFTOVER_AGE) -> int:
        """Delete stored files no evidence row names, older than ``older_than``: what a crash
        between storing a file and recording its hash (or between an erasure's commit and its
        files' deletion) left behind. Younger files may be a download being recorded now."""
        cutoff = time.time() - older_than.total_seconds()  # file times are the system's
        old = {digest for digest, mtime in await asyncio.to_thread(_listing, self.store)
               if mtime < cutoff}  # fmt: skip
        if not old:
            return 0
        async with self.database.unit_of_work() as session:
            still = await files.referenced(session=session, digests=old)
        deleted = await self._delete(old - still)
        if deleted:
            log.info("evidence files: %d left over by a crash deleted", deleted)
        return deleted

    async def release(self, digests: set[str]) -> None:
        """Delete the files whose last evidence row an erasure just deleted. Never raises:
        the erasure is committed; a file the store fails to delete now is the sweep's."""
        async with self.database.unit_of_work() as session:
            still = await files.referenced(session=session, digests=digests)
        deleted = await self._delete(digests - still)
        log.info("evidence files: %d deleted after an erasure", deleted)

    async def _delete(self, digests: set[str]) -> int:
        deleted = 0
        for digest in digests:
            try:
                await asyncio.to_thread(self.store.delete, digest)
            except Exception as exc:
                log.warning(
                    "evidence file %s not deleted (%s): the leftovers' sweep will try again",
                    digest,
                    exc,
                )
            else:
                deleted += 1
        return deleted

    async def check_store(self) -> None:
        """At start: the store can be written, read and deleted from, or
        :class:`bot.files.store.StoreProblem` says which setting to fix."""
        await asyncio.to_thread(self.store.check)
        log.info("evidence files kept in the %s", self.store.describe())


def _listing(store: ContentStore) -> list[tuple[str, float]]:
    return list(store.digests())


async def _either(*events: asyncio.Event) -> None:
    waiters = [asyncio.create_task(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
