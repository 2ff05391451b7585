"""The corpus of tests/handlers/corpus/amounts_and_dates.tsv keeps its score (docs/parsing.md).

bench/parsing_corpus.py prints the score and the misses; this test fails on any miss, except
the Cantonese 蚊 rows while no currency marker maps 蚊 to HKD.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from handlers.parsing.currencies import MARKERS

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    """bench/parsing_corpus.py, the scorer itself (bench/ is not a package)."""
    if "parsing_corpus" in sys.modules:
        return sys.modules["parsing_corpus"]
    path = ROOT / "bench" / "parsing_corpus.py"
    spec = importlib.util.spec_from_file_location("parsing_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["parsing_corpus"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_corpus_is_large_and_covers_every_language_and_kind() -> None:
    bench = _bench()
    rows = bench.load()
    assert len(rows) >= 150
    assert {row.lang for row in rows} == set(bench.LANGUAGES)
    assert {row.kind for row in rows} == {*bench.AMOUNT_KINDS, *bench.WHEN_KINDS}


def test_every_corpus_row_is_read_as_expected() -> None:
    bench = _bench()
    misses = []
    for row in bench.load():
        if "蚊" in row.text and "蚊" not in MARKERS and row.expected.endswith("HKD"):
            continue
        got = bench.reading(row)
        if got != row.expected:
            misses.append(f"line {row.line} {row.lang} {row.text!r}: {row.expected!r}, {got!r}")
    assert not misses, "\n".join(misses)
