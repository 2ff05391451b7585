"""Screenshots read for real (#16): receipts drawn in the four languages, clean and degraded
(scaled down, blurred, JPEG at quality 30), read by RapidOCR and the extraction of
handlers/reading/. The figure over more receipts is bench/ocr_bench.py's (README)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.files import ocr
from handlers.reading.extract import extract
from tests.receipts import LANGUAGES, ZONES, blank, draw, font_path, receipt, score

pytestmark = [
    pytest.mark.skipif(not ocr.available(), reason='the OCR extra: pip install -e ".[ocr]"'),
    pytest.mark.skipif(font_path() is None, reason="a CJK font: apt-get install fonts-wqy-zenhei"),
]
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("degraded", [False, True], ids=["clean", "degraded"])
def test_receipts_in_the_four_languages_are_read(degraded):
    results = {}
    for language in LANGUAGES:
        item = receipt(language, seed=2)
        lines = ocr.read_lines(draw(item, degraded=degraded))
        reading = extract(lines, language=language, timezone=ZONES[language], now=NOW)
        results[language] = score(item, reading)
    right = sum(sum(fields) for fields in results.values())
    assert right >= 11, results  # of 12 fields: one miss allowed (bench: 95%+ over 240)
    assert all(amount for amount, _, _ in results.values()), results


async def test_the_pool_reads_off_the_event_loop_and_gives_up_on_time():
    item = receipt("zh-Hans", seed=5)
    pool = ocr.OcrPool(processes=1, timeout=60)
    try:
        ticks = 0

        async def ticking() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.05)
                ticks += 1

        ticker = asyncio.create_task(ticking())
        lines = await pool.read(draw(item))
        ticker.cancel()
        reading = extract(lines, language="zh-Hans", timezone=ZONES["zh-Hans"], now=NOW)
        assert score(item, reading) == (True, True, True)
        assert ticks >= 5  # the loop went on while the image was read
        pool.timeout = 0.01
        with pytest.raises(ocr.OcrFailed):
            await pool.read(draw(receipt("fr", seed=1)))
        pool.timeout = 60  # a new worker after the stuck one was stopped
        assert await pool.read(blank(64, 32)) == []
    finally:
        pool.close()


def test_a_file_that_is_not_an_image_costs_no_worker():
    assert not ocr.decodable(b"\xff\xd8\xff\xe0" + b"\x00" * 100)  # a JPEG header, no image
    assert ocr.decodable(draw(receipt("en", seed=0)))
