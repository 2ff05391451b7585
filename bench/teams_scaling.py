"""A busy desk scales by adding groups (issue #12, several agents' groups), timed.

    python bench/teams_scaling.py [--frameworks aiogram] [--repeat 1] [--new-cases 24]
                                  [--burst-window 40] [--parent-think 0.3] [--duration 420]

Telegram lets a bot send about 20 messages a minute to one group; every new case costs its
group a card and its album (2 photos here: 3 messages, plus the topic). A burst of
``--new-cases`` claims (24, in en, fr, zh-Hans, zh-Hant in turn, each with one purchase and a
2-photo album, started over ``--burst-window`` seconds) is handed off, in the same run:

* **1 group**: ``[agents] chat_id`` only, as before teams;
* **2 teams**: the same main group plus ``[[agents.teams]]`` taking the French and
  Traditional Chinese parents (``route = { languages = ["fr", "zh-Hant"] }``), so half the
  cases go to a second group with its own 20 a minute.

Nobody works the cases: what is measured is how long a parent's submitted claim takes to be
in front of agents — submitted → card in its topic (the parent's Submit press injected → the
card's accepted ``sendMessage``), p50 / p95 / max — and the last card's arrival, with the peak
per group in any 60 s and the emulator's 429s (Telegram's real limits enforced, as in
bench/desk_bench.py, whose scenario pieces this reuses: the intake, samples, percentiles).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
for folder in (str(BENCH.parent), str(BENCH)):
    if folder not in sys.path:
        sys.path.insert(0, folder)

from desk_bench import (  # noqa: E402
    CARD,
    SCRIPTS,
    Desk,
    Parent,
    Sample,
    _commit,
    _same,
    percentile,
    seconds,
    summary,
    table,
)

from bot.i18n import Localizer  # noqa: E402
from tests.e2e.harness import BotProcess, write_config  # noqa: E402
from tests.e2e.parent import TelegramParent  # noqa: E402
from tests.e2e.workers import most_in_window  # noqa: E402
from tests.emulator import BotApiEmulator  # noqa: E402

#: Languages the second team takes (half the scripts, in turn).
SECOND_TEAM = ("fr", "zh-Hant")


class Groups(Desk):
    """The desk bench's scenario pieces over several groups (cards in any of them)."""

    def __init__(self, emulator, localizer, args, groups: list[Any]) -> None:
        super().__init__(emulator, localizer, args, groups[0])
        self.groups = groups

    def in_group(self, call: Any) -> bool:
        return any(_same(call.params.get("chat_id"), g.id) for g in self.groups)


@dataclass
class Result:
    layout: str
    framework: str
    samples: list[Sample] = field(default_factory=list)
    last_card: float = math.nan
    peaks: list[int] = field(default_factory=list)
    rate_limited: int = 0
    cards: int = 0
    error: str | None = None


def _config(tmp: Path, emulator, framework: str, groups: list[Any]) -> Path:
    extra = f'[agents]\nchat_id = {groups[0].id}\nlanguage = "en"\n'
    if len(groups) > 1:
        languages = ", ".join(f'"{lang}"' for lang in SECOND_TEAM)
        extra += (
            f'[[agents.teams]]\nkey = "second"\nchat_id = {groups[1].id}\nlanguage = "en"\n'
            f"route = {{ languages = [{languages}] }}\n"
        )
    config = write_config(
        tmp / "config.toml",
        emulator,
        framework=framework,
        mode="polling",
        database_url=f"sqlite+aiosqlite:///{tmp}/bot.db",
        extra=extra,
    )
    text = config.read_text(encoding="utf-8")  # production outbox defaults, as desk_bench
    text = text.replace("outbox_lease_seconds = 1\n", "outbox_lease_seconds = 30\n")
    text = text.replace("outbox_sweep_seconds = 0.2\n", "outbox_sweep_seconds = 2\n")
    config.write_text(text, encoding="utf-8")
    return config


async def run_once(args, framework: str, teams: int, localizer: Localizer) -> Result:
    result = Result("1 group" if teams == 1 else f"{teams} teams", framework)
    tmp = Path(tempfile.mkdtemp(prefix="teams-bench-"))
    async with BotApiEmulator() as emulator:
        groups = [emulator.make_forum_group(f"Team {i + 1}") for i in range(teams)]
        limiter = emulator.enable_rate_limits(per_group=20, group_window=60, overall=30)
        bot = BotProcess(_config(tmp, emulator, framework, groups), emulator, tmp / "bot.log")
        await bot.start(timeout=60)
        desk = Groups(emulator, localizer, args, groups)
        desk.deadline = time.monotonic() + args.duration
        started = time.monotonic()
        try:

            async def one(i: int) -> None:
                await asyncio.sleep(i * args.burst_window / max(args.new_cases, 1))
                script = SCRIPTS[i % len(SCRIPTS)]
                chat = TelegramParent(
                    emulator, localizer, language_code=script["code"], name=f"P{i}"
                )
                chat.timeout = 120.0
                await desk.intake(Parent(chat, script), args.parent_think, random.Random(i))

            await asyncio.gather(*(one(i) for i in range(args.new_cases)))
            await emulator.wait_for(desk.all_arrived, timeout=max(desk.left(), 1))
        except Exception as exc:  # the figures say what arrived; the error says why not all
            result.error = f"{type(exc).__name__}: {exc}"[:200]
        finally:
            if bot.process is not None and bot.process.returncode is None:
                try:
                    await bot.stop(timeout=15)
                except TimeoutError:
                    await bot.kill()
        desk.resolve(time.monotonic())
        result.samples = [s for s in desk.samples if s.metric == CARD]
        arrived = [s.at + s.latency for s in result.samples if s.latency is not None]
        result.cards = len(arrived)
        result.last_card = max(arrived) - started if arrived else math.nan
        for group in groups:
            sends = sorted(
                (c.time, len(c.params.get("media") or [None]))
                for m in ("sendMessage", "sendMediaGroup")
                for c in emulator.calls_of(m)
                if c.ok and _same(c.params.get("chat_id"), group.id)
            )
            result.peaks.append(most_in_window(sends, 60.0))
        result.rate_limited = len(limiter.violations)
    shutil.rmtree(tmp, ignore_errors=True)
    return result


def report(results: list[Result]) -> str:
    names = [f"{r.layout} ({'PTB' if r.framework[0] == 'p' else 'aiogram'})" for r in results]
    rows = [
        [CARD + " (s: p50 / p95 / max)", *(summary(r.samples) for r in results)],
        [
            "p95 alone",
            *(seconds(percentile(r.samples, 0.95)[0]) if r.samples else "-" for r in results),
        ],
        ["last card, after the first parent's /start", *(f"{r.last_card:.0f} s" for r in results)],
        ["cards arrived", *(f"{r.cards} of {len(r.samples)}" for r in results)],
        ["peak sends / 60 s, per group", *(" + ".join(map(str, r.peaks)) for r in results)],
        ["429 from the emulator", *(str(r.rate_limited) for r in results)],
        ["error", *((r.error or "-") for r in results)],
    ]
    return table(rows, ["figure", *names])


async def main_async(args) -> int:
    localizer = Localizer()
    results: list[Result] = []
    started, load = time.monotonic(), os.getloadavg()
    for framework in args.frameworks:
        for i in range(args.repeat):
            for teams in (1, 2):
                print(f"== {framework} run {i + 1}, {teams} group(s)", file=sys.stderr)
                results.append(await run_once(args, framework, teams, localizer))
                print(report(results[-1:]), file=sys.stderr)
    print(
        f"\nteams scaling: {args.new_cases} new cases over {args.burst_window:g} s, parents "
        f"think {args.parent_think:g} s, one purchase and a 2-photo album each; second team: "
        f"{', '.join(SECOND_TEAM)} parents; emulator limits 20/60 s per group, 30/s overall; "
        f"tree {_commit()}; cores={os.cpu_count()} load={load[0]:.1f}"
    )
    print(report(results))
    print(f"\ntotal benchmark time {time.monotonic() - started:.0f} s")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--frameworks", default="aiogram", type=lambda s: s.split(","))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--new-cases", type=int, default=24)
    parser.add_argument("--burst-window", type=float, default=40.0)
    parser.add_argument("--parent-think", type=float, default=0.3)
    parser.add_argument("--duration", type=float, default=420.0)
    return asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
