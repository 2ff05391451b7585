"""Screenshots read (#16): extraction accuracy, seconds per image and memory with 1 and 2 OCR
processes, and a parent's reply latency while OCR is busy.

    python bench/ocr_bench.py [--receipts 10] [--images 16] [--replies 200]

* accuracy: ``--receipts`` receipts per language (tests/receipts.py: Simplified Chinese WeChat
  Pay, Traditional Chinese NT$ with an Apple order id, English Apple, French Google Play),
  each clean (PNG) and degraded (60% size, blurred, JPEG quality 30), read by RapidOCR and
  handlers/reading/extract.py; a field counts as right when it is what the parent would be
  offered (the amount with its currency, the time to the minute, the order number exactly).
* throughput: ``--images`` receipts read through bot/files/ocr.OcrPool with 1, then 2 worker
  processes: seconds per image (wall time / images), and the workers' peak resident memory.
* latency: a parent answering the intake (the core on SQLite, in this process: the same
  event loop as the pool) ``--replies`` times, without OCR and while the pool reads images
  non-stop with 1 and 2 processes: p50 / p95 / max of the time to handle each answer.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.files import ocr  # noqa: E402
from bot.i18n import Localizer  # noqa: E402
from handlers.conversation import Conversation  # noqa: E402
from handlers.events import EventKind, Incoming, Sender  # noqa: E402
from handlers.policy import IntakePolicy  # noqa: E402
from handlers.reading.extract import extract  # noqa: E402
from storage.database import Database  # noqa: E402
from tests.core import core  # noqa: E402
from tests.receipts import LANGUAGES, ZONES, draw, receipt, score  # noqa: E402

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def accuracy(count: int) -> None:
    print(f"accuracy: {count} receipts per language and condition (fields right / total)")
    print(f"{'language':<10}{'clean':>10}{'degraded':>10}   amount/time/order misses")
    totals = {False: [0, 0], True: [0, 0]}
    for language in LANGUAGES:
        cells, misses = [], [0, 0, 0]
        for degraded in (False, True):
            right = 0
            for seed in range(count):
                item = receipt(language, seed)
                lines = ocr.read_lines(draw(item, degraded=degraded))
                got = extract(lines, language=language, timezone=ZONES[language], now=NOW)
                fields = score(item, got)
                right += sum(fields)
                for i, ok in enumerate(fields):
                    misses[i] += not ok
            totals[degraded][0] += right
            totals[degraded][1] += 3 * count
            cells.append(f"{right}/{3 * count}")
        print(f"{language:<10}{cells[0]:>10}{cells[1]:>10}   {misses}")
    clean, degraded = totals[False], totals[True]
    cells = [f"{t[0]}/{t[1]}" for t in (clean, degraded)]
    print(f"{'all':<10}{cells[0]:>10}{cells[1]:>10}")


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


async def throughput(images: list[bytes], processes: int) -> tuple[float, int]:
    pool = ocr.OcrPool(processes=processes, timeout=120)
    await pool.read(images[0])  # start the workers and load the models: not counted
    if processes > 1:
        await asyncio.gather(*(pool.read(images[0]) for _ in range(processes)))
    started = time.perf_counter()
    await asyncio.gather(*(pool.read(data) for data in images))
    elapsed = time.perf_counter() - started
    executor = pool._pool
    pids = list(getattr(executor, "_processes", {}) or {})
    peak = max((_rss_kb(pid) for pid in pids), default=0)
    pool.close()
    return elapsed / len(images), peak


async def _answers(conversation: Conversation, count: int) -> list[float]:
    """A parent going through the intake again and again: the time each answer takes."""
    sender = Sender(4242, "en", "Parent")
    timings: list[float] = []
    message = 0

    async def send(kind: EventKind, text: str = "", command: str | None = None,
                   payload: str | None = None) -> list:  # fmt: skip
        nonlocal message
        message += 1
        event = Incoming(sender=sender, chat_id=4242, kind=kind, text=text, command=command,
                         payload=payload, message_id=message)  # fmt: skip
        started = time.perf_counter()
        out = await conversation.handle(event)
        timings.append(time.perf_counter() - started)
        return out

    while len(timings) < count:
        await send(EventKind.COMMAND, command="start", payload="douyin")
        await send(EventKind.COMMAND, command="cancel")
        await send(EventKind.TEXT, text="hello")
        await asyncio.sleep(0.01)  # a person does not answer in zero time
    return timings


def _summary(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return (
        f"p50 {statistics.median(ordered) * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms  "
        f"max {ordered[-1] * 1000:6.1f} ms"
    )


async def latency(images: list[bytes], replies: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Database(f"sqlite+aiosqlite:///{folder}/bench.db")
        await database.upgrade()
        localizer = Localizer()
        conversation = core(database, _Clock(), localizer, policy=IntakePolicy())
        await _answers(conversation, 20)  # warm-up
        print(f"reply latency over {replies} answers (the core, SQLite):")
        print(f"  without OCR          {_summary(await _answers(conversation, replies))}")
        for processes in (1, 2):
            pool = ocr.OcrPool(processes=processes, timeout=120)
            await pool.read(images[0])
            stop = asyncio.Event()

            async def busy(p: ocr.OcrPool = pool, stop: asyncio.Event = stop) -> None:
                index = 0
                while not stop.is_set():
                    await p.read(images[index % len(images)])
                    index += 1

            readers = [asyncio.create_task(busy()) for _ in range(processes)]
            timings = await _answers(conversation, replies)
            stop.set()
            await asyncio.gather(*readers)
            pool.close()
            print(f"  OCR busy, {processes} process{'es' if processes > 1 else ''}  "
                  f"{_summary(timings)}")  # fmt: skip
        await database.dispose()


class _Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--receipts", type=int, default=10)
    parser.add_argument("--images", type=int, default=16)
    parser.add_argument("--replies", type=int, default=200)
    args = parser.parse_args()
    if not ocr.available():
        sys.exit('install the OCR extra first: pip install -e ".[ocr]"')
    accuracy(args.receipts)
    images = [draw(receipt(LANGUAGES[i % 4], i), degraded=bool(i % 2)) for i in range(args.images)]
    for processes in (1, 2):
        per_image, peak = await throughput(images, processes)
        print(
            f"throughput, {processes} process{'es' if processes > 1 else ''}: "
            f"{per_image:.2f} s per image, worker peak RSS {peak / 1024:.0f} MiB"
        )
    await latency(images, args.replies)


if __name__ == "__main__":
    asyncio.run(main())
