"""OCR off the event loop: RapidOCR on ONNX Runtime in a pool of processes, with a time limit.

The engine and its models come with the optional ``ocr`` extra (``pip install -e ".[ocr]"``:
``rapidocr_onnxruntime`` ships its detection, direction and recognition models inside the
package, so nothing is fetched at run time). Without it :func:`available` is False and files
are kept but not read. Each worker process loads the engine once and reads one image at a
time; an image that takes longer than the limit has its worker killed and the pool started
again, so one bad file never holds the others up.
"""

from __future__ import annotations

import asyncio
import importlib.util
import io
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from handlers.reading.extract import OcrLine

log = logging.getLogger(__name__)
#: Larger screenshots are scaled down to this longest side first: phone screenshots are
#: about 2400 px tall, and the detector gains nothing beyond.
MAX_SIDE = 2000
_ENGINE: Any = None


class OcrFailed(Exception):
    """The image could not be read (not an image, the engine failed, or it took too long).

    ``again``: not the image's fault (its worker was killed for another image): read it later.
    """

    def __init__(self, reason: str, *, again: bool = False) -> None:
        super().__init__(reason)
        self.again = again


def available() -> bool:
    """Whether the optional OCR engine is installed."""
    return all(importlib.util.find_spec(name) for name in ("rapidocr_onnxruntime", "PIL"))


def decodable(data: bytes) -> bool:
    """A cheap check, in this process, that the bytes are an image Pillow can open (so a
    broken file never costs a worker)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:
        return False
    return True


def _start_worker() -> None:
    global _ENGINE
    from rapidocr_onnxruntime import RapidOCR

    # One thread per process: the pool's size is the number of cores OCR may take.
    _ENGINE = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


def read_lines(data: bytes) -> list[OcrLine]:
    """Runs in a worker: the image's lines of text, top to bottom."""
    import numpy as np
    from PIL import Image

    if _ENGINE is None:
        _start_worker()
    with Image.open(io.BytesIO(data)) as image:
        image.seek(0)
        rgb = image.convert("RGB")
    if max(rgb.size) > MAX_SIDE:
        rgb.thumbnail((MAX_SIDE, MAX_SIDE))
    array = np.asarray(rgb)[:, :, ::-1].copy()  # RapidOCR takes OpenCV's BGR
    result, _ = _ENGINE(array, use_cls=False)  # screenshots are upright
    lines = []
    for box, text, score in result or []:
        ys = [point[1] for point in box]
        xs = [point[0] for point in box]
        lines.append(
            OcrLine(
                text=str(text),
                confidence=float(score),
                top=float(min(ys)),
                left=float(min(xs)),
                height=float(max(ys) - min(ys)),
            )
        )
    lines.sort(key=lambda line: (round(line.top / 8), line.left))
    return lines


class OcrPool:
    """``processes`` workers (spawned lazily, at the first image), ``timeout`` seconds each."""

    def __init__(self, *, processes: int, timeout: float) -> None:
        self.processes = processes
        self.timeout = timeout
        self._pool: ProcessPoolExecutor | None = None
        self._slots = asyncio.Semaphore(processes)

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
            )
        return self._pool

    async def read(self, data: bytes) -> list[OcrLine]:
        """The image's lines; :class:`OcrFailed` when it cannot be read in time."""
        async with self._slots:
            loop = asyncio.get_running_loop()
            future = loop.run_in_executor(self._executor(), read_lines, data)
            try:
                return await asyncio.wait_for(future, self.timeout)
            except TimeoutError as exc:
                self._restart()
                raise OcrFailed("timeout") from exc
            except BrokenProcessPool as exc:
                self._restart()
                raise OcrFailed("worker died", again=True) from exc
            except Exception as exc:
                raise OcrFailed(type(exc).__name__) from exc

    def _restart(self) -> None:
        """Kill the workers (one is stuck on an image) and start afresh at the next image."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the workers without waiting for an image in hand (a shutdown never waits a
        minute on OCR): its row's lease runs out and it is read again after the restart."""
        self._restart()
