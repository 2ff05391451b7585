"""Several workers behind a load balancer, timed: the scenario of
tests/e2e/test_several_workers.py (tests/e2e/workers.py) with 1 worker and with 3, side by
side in one run, on PostgreSQL, webhook mode, Telegram's real limits (20 a minute per group,
30 a second overall) enforced by the emulator.

    python bench/several_workers.py [--parents 30] [--think 1.0] [--frameworks aiogram]
                                    [--workers 1,3] [--kill] [--repeat 1]

Each parent (French) completes a claim at human pace (``--think`` seconds on average before
each answer; odd parents send the amount and its time without waiting), with a 2-photo album.
Printed per run: wall time until every claim was submitted, the parents' reply latency
(each message → the bot's answer to it) p50/p95/max, the time until every case was in the
agents' group (topic, card, album: paced at 20 a minute, whatever the number of workers), the
most group messages in any 60 s and overall in any 1 s as Telegram saw them, 429s, messages
repeated after a kill, and the CPU seconds the workers used together.

Needs REFUND_DESK_TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/test); it
creates and drops a database of its own next to it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from throwaway_database import POSTGRES_ENV, throwaway_database  # noqa: E402

from bot.i18n import Localizer  # noqa: E402
from tests.e2e.proxy import RoundRobinProxy  # noqa: E402
from tests.e2e.workers import (  # noqa: E402
    Parent,
    claim,
    group_sends,
    most_in_window,
    repeats,
    script,
    worker_configs,
)
from tests.emulator import BotApiEmulator  # noqa: E402

FRAMEWORKS = ("python-telegram-bot", "aiogram")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a live process (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def run_once(args: argparse.Namespace, framework: str, workers: int) -> dict[str, float]:
    localizer = Localizer()
    tmp = Path(tempfile.mkdtemp(prefix="several-workers-"))
    async with throwaway_database(args.postgres) as url, BotApiEmulator() as emulator:
        group = emulator.make_forum_group("Refund team")
        limiter = emulator.enable_rate_limits(per_group=20, group_window=60, overall=30)
        extra = f'[agents]\nchat_id = {group.id}\nlanguage = "en"\n'
        ports, bots = worker_configs(
            tmp,
            emulator,
            framework=framework,
            database_url=url,
            public_url="",
            count=workers,
            extra=extra,
            chat_lease=5.0,
            warm=False,  # no process importing in the background while the workers are timed
        )
        async with RoundRobinProxy([f"http://127.0.0.1:{p}" for p in ports]) as proxy:
            for bot in bots:
                bot.config.write_text(
                    bot.config.read_text().replace(
                        'public_url = ""', f'public_url = "{proxy.url}"'
                    )
                )
                await bot.start(timeout=60)
            try:
                cpu_before = {b.process.pid: _cpu_seconds(b.process.pid) for b in bots}
                parents = [
                    Parent(emulator, localizer, i, think=args.think) for i in range(args.parents)
                ]
                for parent in parents:
                    parent.timeout = 300.0
                started = time.monotonic()
                tasks = [asyncio.create_task(claim(p, script(i))) for i, p in enumerate(parents)]
                killed = False
                if args.kill and workers > 1:
                    await asyncio.sleep(args.think * 8 + 2)
                    cpu_before.pop(bots[-1].process.pid, None)
                    await bots[-1].kill()
                    killed = True
                await asyncio.gather(*tasks)
                submitted = time.monotonic() - started
                await emulator.wait_for(
                    lambda: (
                        len([c for c in emulator.calls_of("sendMediaGroup") if c.status == 200])
                        >= args.parents
                    ),
                    timeout=600,
                )
                in_group = time.monotonic() - started
                cpu = sum(
                    _cpu_seconds(b.process.pid) - cpu_before[b.process.pid]
                    for b in bots
                    if b.process.pid in cpu_before and b.process.returncode is None
                )
                latencies = [x for p in parents for x in p.latencies]
                sends = group_sends(emulator, group.id)
                overall = group_sends(emulator)
                return {
                    "workers": workers,
                    "killed": float(killed),
                    "submitted_s": submitted,
                    "p50_ms": statistics.median(latencies) * 1000,
                    "p95_ms": _pct(latencies, 0.95) * 1000,
                    "max_ms": max(latencies) * 1000,
                    "in_group_s": in_group,
                    "group_peak_60s": most_in_window(sends, 60.0),
                    "overall_peak_1s": most_in_window(overall, 1.0),
                    "429s": len(limiter.violations),
                    "repeats": repeats(emulator, parents),
                    "cpu_s": cpu,
                }
            finally:
                for bot in bots:
                    if bot.process and bot.process.returncode is None:
                        await bot.stop()


def _print(framework: str, rows: list[dict[str, float]]) -> None:
    print(f"\n{framework}")
    header = (
        f"{'workers':>7} {'kill':>4} {'submitted':>9} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'max ms':>7} {'in group':>8} {'grp/60s':>7} {'all/1s':>6} {'429':>4} "
        f"{'repeat':>6} {'cpu s':>6}"
    )
    print(header)
    for r in rows:
        print(
            f"{int(r['workers']):>7} {'yes' if r['killed'] else 'no':>4} "
            f"{r['submitted_s']:>8.1f}s {r['p50_ms']:>7.0f} {r['p95_ms']:>7.0f} "
            f"{r['max_ms']:>7.0f} {r['in_group_s']:>7.1f}s {int(r['group_peak_60s']):>7} "
            f"{int(r['overall_peak_1s']):>6} {int(r['429s']):>4} {int(r['repeats']):>6} "
            f"{r['cpu_s']:>6.1f}"
        )


async def main_async(args: argparse.Namespace) -> int:
    for framework in args.frameworks.split(","):
        rows = []
        for _ in range(args.repeat):
            for workers in (int(w) for w in args.workers.split(",")):
                rows.append(await run_once(args, framework, workers))
        _print(framework, rows)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--parents", type=int, default=30)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds per answer")
    parser.add_argument("--frameworks", default=",".join(FRAMEWORKS))
    parser.add_argument("--workers", default="1,3", help="worker counts to compare")
    parser.add_argument("--kill", action="store_true", help="kill one worker mid-run (N>1)")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    args.postgres = os.environ.get(POSTGRES_ENV)
    if not args.postgres:
        print("set REFUND_DESK_TEST_POSTGRES_URL (several workers need PostgreSQL)")
        return 2
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
