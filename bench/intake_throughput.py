"""Intake throughput and latency on Telegram, against a bare echo bot of the same framework.

    python bench/intake_throughput.py [--parents 50] [--frameworks python-telegram-bot,aiogram]
                                      [--mode polling|webhook] [--think SECONDS] [--unpaced]

For each framework, in this process: the Bot API emulator (tests/emulator) and N simulated
parents; in a second process: the bot (``python -m bot.cli --config X run`` via
tests/e2e/harness.BotProcess, SQLite in a temp dir), then ``bench/echo_bot.py``.
See docs/performance.md for the figures and what they mean.

* intake: every parent completes the full intake of tests/e2e/intake.complete_intake
  (25 updates: a command, texts, button presses, a 3-photo album), French and Traditional
  Chinese alternately, all parents at once. Latency = injection of the update → the bot's
  first ``sendMessage`` to that chat (for a press: that message, not answerCallbackQuery;
  for the album: the one reply to its 3 updates), timed at the emulator when the request
  arrives.
* echo: the same parents replay the same sequence (texts as texts, presses as callback
  queries, the album as 3 texts), each waiting for the echo before sending the next.
* ``--paced-echo``: one more echo run, with the echo bot sending through the intake bot's
  Pacer (30 msg/s, as Telegram requires): the same-rules comparison, printed as an extra row
  and ratio. The headline intake/echo ratio stays against the bare (unpaced) echo.
* A warm-up of 2 parents precedes each measurement and is excluded from the figures.
* The bot's config is tests/e2e/harness.write_config's, except the outbox lease and sweep,
  which get their production defaults (30 s / 2 s; ``--harness-lease`` keeps 1 s / 0.2 s).
* ``--think S``: each parent pauses S seconds on average (uniform 0.5–1.5 × S) before each
  update, as a person reading the question would. 0 (default) is a closed loop: it measures
  capacity, and latency there is queueing (Little's law), not responsiveness.

Diagnostics (the bot then runs through bench/bot_wrapper.py; never for the headline figures):
``--unpaced`` (an extra intake run with the Pacer off), ``--skip-paced``, ``--no-echo``,
``--pool-size N``, ``--gc-freeze``, ``--gc-log DIR``, ``--count-sql DIR``, ``--cprofile DIR``,
``--wrapper-arg=--pin-aiogram-responses``, ``--profile DIR`` (py-spy on the bot during each
measured phase; summarise with bench/profile_summary.py), ``--dump-samples FILE``.

A fresh emulator serves each run, so every run starts with the same (empty) call log.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.i18n import Localizer  # noqa: E402
from tests.e2e.harness import WEBHOOK_SECRET, BotProcess, free_port, write_config  # noqa: E402
from tests.e2e.intake import FRENCH, TRADITIONAL, complete_intake  # noqa: E402
from tests.e2e.parent import TelegramParent  # noqa: E402
from tests.emulator import BotApiEmulator  # noqa: E402

FRAMEWORKS = ("python-telegram-bot", "aiogram")
WARMUP_PARENTS = 2
RUN_TIMEOUT = 150.0  # seconds for one measured phase, whatever N
TICKS = os.sysconf("SC_CLK_TCK")
SCRIPTS = (FRENCH, TRADITIONAL)
PACED_ECHO = "echo (paced)"


# -- simulated parents --------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str  # command, text, press, album
    updates: int
    latency: float  # seconds, injection → the bot's sendMessage reaching the emulator
    at: float = 0.0  # time.monotonic() of the injection
    chat: int = 0


@dataclass
class Action:
    kind: str
    payload: str


class BenchParent(TelegramParent):
    """A TelegramParent that times every reply and remembers what it sent (for the echo)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.samples: list[Sample] = []
        self.actions: list[Action] = []
        self._pending = Action("text", "")
        self.timeout = 30.0
        self.index = 0  # which script: SCRIPTS[index % 2]
        self.think = 0.0  # mean pause before each update (seconds), like a person reading

    async def _think(self) -> None:
        if self.think > 0:
            await asyncio.sleep(self.think * (0.5 + self._rng.random()))  # mean = think

    @property
    def _rng(self) -> random.Random:
        if not hasattr(self, "_random"):
            self._random = random.Random(self.index)
        return self._random

    async def _reply_after(self, since: int) -> dict[str, Any]:
        # Called right after the injection, with no await in between: now = injection time.
        injected = time.monotonic()
        call = await self.emulator.wait_for_call(
            "sendMessage", self._for_me, timeout=self.timeout, since=since, ok_only=True
        )
        kind = self._pending.kind
        updates = 3 if kind == "album" else 1
        self.samples.append(Sample(kind, updates, call.time - injected, injected, self.chat_id))
        self.last = call.result
        return self.last

    async def say(self, text: str) -> dict[str, Any]:
        await self._think()
        self._pending = Action("text", text)
        self.actions.append(self._pending)
        return await super().say(text)

    async def command(self, command: str, payload: str | None = None) -> dict[str, Any]:
        await self._think()
        text = f"/{command.lstrip('/')}" + (f" {payload}" if payload else "")
        self._pending = Action("command", text)
        self.actions.append(self._pending)
        return await super().command(command, payload)

    async def album(self, count: int, caption: str | None = None) -> dict[str, Any]:
        await self._think()
        self._pending = Action("album", caption or "photo")
        self.actions.append(self._pending)
        return await super().album(count, caption)

    async def press(self, key: str, **params: Any) -> dict[str, Any]:
        await self._think()
        label = self.label(key, **params)
        data = next((b["callback_data"] for b in self.buttons() if b["text"] == label), "?")
        self._pending = Action("press", data)
        self.actions.append(self._pending)
        return await super().press(key, **params)

    # -- echo replay --------------------------------------------------------------------------

    async def press_data(self, data: str) -> dict[str, Any]:
        await self._think()
        self._pending = Action("press", data)
        since = self.emulator.mark()
        update = self.emulator.inject_callback(self.user, self.last["message_id"], data)
        reply = await self._reply_after(since)
        await self.emulator.wait_for(lambda: self.emulator.callback_answer(update), self.timeout)
        return reply

    async def replay(self, actions: list[Action]) -> None:
        """The same updates as an intake, one at a time, each waiting for its echo."""
        for action in actions:
            if action.kind == "press":
                await self.press_data(action.payload)
            elif action.kind == "album":
                for _ in range(3):
                    await self._think()
                    self._pending = Action("text", action.payload)
                    await TelegramParent.say(self, action.payload)
            else:
                await self._think()
                self._pending = action
                await TelegramParent.say(self, action.payload)


def make_parents(
    emu: BotApiEmulator, localizer: Localizer, count: int, tag: str, think: float = 0.0
) -> list[BenchParent]:
    parents = []
    for i in range(count):
        code = SCRIPTS[i % 2]["code"]
        parent = BenchParent(emu, localizer, language_code=code, name=f"{tag}{i}")
        parent.index, parent.think = i, think
        parents.append(parent)
    return parents


# -- processes ----------------------------------------------------------------------------------


def production_lease(config: Path) -> None:
    """write_config's outbox lease (1 s) and sweep (0.2 s) make crash tests fast; under load a
    reply can wait longer than 1 s between its outbox insert and the commit marking it sent, and
    the sweeper then sends it a second time (see docs/performance.md). Benchmark with the
    production defaults (30 s, 2 s) unless --harness-lease."""
    text = config.read_text(encoding="utf-8")
    text = text.replace("outbox_lease_seconds = 1\n", "outbox_lease_seconds = 30\n")
    text = text.replace("outbox_sweep_seconds = 0.2\n", "outbox_sweep_seconds = 2\n")
    config.write_text(text, encoding="utf-8")


def duplicate_sends(emu: BotApiEmulator, database: Path) -> int:
    """sendMessage calls Telegram accepted minus outbox rows that asked for one."""
    with contextlib.closing(sqlite3.connect(database)) as db:
        (rows,) = db.execute("SELECT count(*) FROM outbox WHERE method = 'sendMessage'").fetchone()
    return sum(1 for c in emu.calls_of("sendMessage") if c.ok) - int(rows)


class WrappedBotProcess(BotProcess):
    """BotProcess, started through bench/bot_wrapper.py (diagnostic switches)."""

    def __init__(self, *args: Any, wrapper_args: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wrapper_args = wrapper_args

    async def start(self, timeout: float = 30.0) -> None:
        since = self.emulator.mark()
        with self.log_path.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, str(BENCH / "bot_wrapper.py"), *self.wrapper_args, "--",
                "--config", str(self.config), "run",
                cwd=REPO, stdout=log, stderr=log, env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )  # fmt: skip
        ready = "getUpdates" if "polling" in self.config.read_text() else "setWebhook"
        try:
            await self.emulator.wait_for_call(ready, timeout=timeout, since=since)
        except Exception as exc:
            raise AssertionError(f"bot did not start:\n{self.log()}") from exc


class EchoProcess:
    def __init__(
        self, emu: BotApiEmulator, framework: str, mode: str, log_path: Path, paced: bool = False
    ) -> None:
        self.emu, self.framework, self.mode, self.log_path = emu, framework, mode, log_path
        self.paced = paced
        self.process: asyncio.subprocess.Process | None = None

    async def start(self, timeout: float = 30.0) -> None:
        since = self.emu.mark()
        with self.log_path.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, str(BENCH / "echo_bot.py"), "--framework", self.framework,
                "--base-url", self.emu.base_url, "--token", self.emu.token, "--mode", self.mode,
                "--webhook-port", str(free_port()), "--secret", WEBHOOK_SECRET,
                *(["--paced"] if self.paced else []),
                cwd=REPO, stdout=log, stderr=log,
            )  # fmt: skip
        try:
            if self.mode == "polling":
                await self.emu.wait_for(lambda: self.emu.updates.polling > 0, timeout)
            else:
                await self.emu.wait_for_call("setWebhook", timeout=timeout, since=since)
        except Exception as exc:
            raise AssertionError(f"echo bot did not start:\n{self.log_path.read_text()}") from exc

    async def stop(self, timeout: float = 20.0) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), timeout)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()


def cpu_seconds(pid: int, tid: int | None = None) -> float:
    """utime + stime of a process (all its threads, dead ones included), or of one thread."""
    path = f"/proc/{pid}/stat" if tid is None else f"/proc/{pid}/task/{tid}/stat"
    fields = Path(path).read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Sampler:
    """py-spy on the bot process during the measured phase (only with --profile)."""

    def __init__(self, out: Path | None, pid: int) -> None:
        self.out, self.pid = out, pid
        self.process: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> Sampler:
        if self.out is not None:
            self.process = await asyncio.create_subprocess_exec(
                "py-spy", "record", "--pid", str(self.pid), "--rate", "200",
                "--format", "raw", "--threads", "-o", str(self.out),
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
            )  # fmt: skip
            await asyncio.sleep(1.0)  # attach before the load starts
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGINT)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.process.wait(), 30)


# -- runs ---------------------------------------------------------------------------------------


@dataclass
class Result:
    framework: str
    bot: str
    parents: int
    updates: int = 0
    wall: float = 0.0
    samples: list[Sample] = field(default_factory=list)
    bot_cpu: float = 0.0
    bot_main_cpu: float = 0.0  # the event loop's thread; the rest is aiosqlite's threads
    bench_cpu: float = 0.0
    rss_mb: float = 0.0
    start: float = 0.0  # time.monotonic() when the measured phase began
    duplicates: int | None = None  # intake only: messages Telegram got twice
    error: str | None = None

    @property
    def throughput(self) -> float:
        return self.updates / self.wall if self.wall else 0.0

    def latency_ms(self, q: float, kinds: tuple[str, ...] | None = None) -> float:
        values = sorted(s.latency for s in self.samples if kinds is None or s.kind in kinds)
        if not values:
            return float("nan")
        rank = max(0, min(len(values) - 1, round(q * len(values) + 0.5) - 1))
        return values[rank] * 1000  # nearest rank


async def measure(
    result: Result, pid: int, parents: list[BenchParent], body: Any, profile: Path | None
) -> None:
    async with Sampler(profile, pid):
        cpu0, main0, own0 = cpu_seconds(pid), cpu_seconds(pid, pid), own_cpu_seconds()
        start = result.start = time.monotonic()
        await asyncio.wait_for(asyncio.gather(*(body(p) for p in parents)), RUN_TIMEOUT)
        result.wall = time.monotonic() - start
        result.bot_cpu = cpu_seconds(pid) - cpu0
        result.bot_main_cpu = cpu_seconds(pid, pid) - main0
        result.bench_cpu = own_cpu_seconds() - own0
    result.samples = [s for p in parents for s in p.samples]
    result.updates = sum(s.updates for s in result.samples)
    result.rss_mb = peak_rss_mb(pid)


async def intake_run(
    framework: str, mode: str, n: int, localizer: Localizer, work: Path, *,
    unpaced: bool, profile: Path | None, harness_lease: bool, cprofile: Path | None = None,
    count_sql: Path | None = None, think: float = 0.0, pool_size: int | None = None,
    gc_log: Path | None = None, gc_freeze: bool = False, extra_args: list[str] | None = None,
    album_wait: float | None = None,
) -> tuple[Result, list[list[Action]]]:  # fmt: skip
    label = "intake (no pacer)" if unpaced else "intake"
    result = Result(framework, label, n)
    scripts: list[list[Action]] = []
    async with BotApiEmulator() as emu:
        tmp = Path(tempfile.mkdtemp(dir=work))
        config = write_config(tmp / "config.toml", emu, framework=framework, mode=mode,
                              database_url=f"sqlite+aiosqlite:///{tmp}/bot.db")  # fmt: skip
        if not harness_lease:
            production_lease(config)
        if album_wait is not None:
            text = config.read_text(encoding="utf-8")
            config.write_text(text.replace("album_wait_seconds = 0.2\n",
                                           f"album_wait_seconds = {album_wait}\n"))  # fmt: skip
            label += f" (album wait {album_wait:g} s)"
            result.bot = label
        wrapper_args = ["--unpaced"] if unpaced else []
        if cprofile is not None:
            wrapper_args += ["--cprofile", str(cprofile)]
        if count_sql is not None:
            wrapper_args += ["--count-sql", str(count_sql)]
        if gc_log is not None:
            wrapper_args += ["--gc-log", str(gc_log)]
        if gc_freeze:
            wrapper_args += ["--gc-freeze"]
            label += " (gc.freeze)"
            result.bot = label
        if extra_args:
            wrapper_args += extra_args
            label += " (" + " ".join(a.lstrip("-") for a in extra_args) + ")"
            result.bot = label
        if pool_size is not None:
            wrapper_args += ["--pool-size", str(pool_size)]
            label += f" (pool {pool_size})"
            result.bot = label
        if wrapper_args:
            bot: BotProcess = WrappedBotProcess(config, emu, tmp / "bot.log",
                                                wrapper_args=wrapper_args)  # fmt: skip
        else:
            bot = BotProcess(config, emu, tmp / "bot.log")
        await bot.start()
        assert bot.process is not None
        try:
            warm = make_parents(emu, localizer, WARMUP_PARENTS, "warm")
            await asyncio.wait_for(
                asyncio.gather(*(complete_intake(p, SCRIPTS[i % 2]) for i, p in enumerate(warm))),
                60,
            )
            scripts = [p.actions for p in warm]
            parents = make_parents(emu, localizer, n, "p", think)

            async def body(p: BenchParent) -> None:
                await complete_intake(p, SCRIPTS[p.index % 2])

            await measure(result, bot.process.pid, parents, body, profile)
        except Exception as exc:  # report and go on with the next run
            result.error = f"{type(exc).__name__}: {exc}"[:300]
            print(f"  !! {framework} {label}: {result.error}\n  log: {tmp / 'bot.log'}",
                  file=sys.stderr)  # fmt: skip
        finally:
            if bot.process.returncode is None:
                try:
                    await bot.stop()
                except TimeoutError:
                    await bot.kill()
        if "Traceback" in bot.log():
            print(f"  !! tracebacks in {tmp / 'bot.log'}", file=sys.stderr)
        result.duplicates = duplicate_sends(emu, tmp / "bot.db")
    return result, scripts


async def echo_run(
    framework: str, mode: str, n: int, localizer: Localizer, work: Path,
    scripts: list[list[Action]], profile: Path | None, think: float = 0.0, paced: bool = False,
) -> Result:  # fmt: skip
    result = Result(framework, PACED_ECHO if paced else "echo", n)
    async with BotApiEmulator() as emu:
        log = Path(tempfile.mkdtemp(dir=work)) / "echo.log"
        echo = EchoProcess(emu, framework, mode, log, paced=paced)
        await echo.start()
        assert echo.process is not None
        try:
            warm = make_parents(emu, localizer, WARMUP_PARENTS, "warm")
            await asyncio.wait_for(
                asyncio.gather(*(p.replay(scripts[i % 2]) for i, p in enumerate(warm))), 60
            )
            parents = make_parents(emu, localizer, n, "p", think)

            async def body(p: BenchParent) -> None:
                await p.replay(scripts[p.index % 2])

            await measure(result, echo.process.pid, parents, body, profile)
        except Exception as exc:
            result.error = f"{type(exc).__name__}: {exc}"[:300]
            print(f"  !! {framework} {result.bot}: {result.error}\n  log: {echo.log_path}",
                  file=sys.stderr)  # fmt: skip
        finally:
            await echo.stop()
    return result


# -- report -------------------------------------------------------------------------------------


def table(rows: list[list[str]], header: list[str]) -> str:
    """A Markdown table; the first two columns left-aligned, the figures right-aligned."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [
            str(c).rjust(w) if i > 1 else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "| " + " | ".join(cells) + " |"

    rule = [("-" * (w + 1)) + (":" if i > 1 else "-") for i, w in enumerate(widths)]
    return "\n".join([line(header), "|" + "|".join(rule) + "|", *(line(r) for r in rows)])


def report(results: list[Result]) -> str:
    echo = {r.framework: r for r in results if r.bot == "echo" and not r.error}
    header = [
        "framework", "bot", "parents", "updates", "wall s", "upd/s", "p50 ms", "p99 ms",
        "p99 ex-album ms", "max ms", "bot CPU %", "bot CPU ms/upd (loop+threads)",
        "bench CPU %", "peak RSS MB", "dup sends", "intake/echo",
    ]  # fmt: skip
    rows = []
    for r in results:
        if r.error:
            rows.append([r.framework, r.bot, str(r.parents), "-", "-", "-", "-", "-", "-", "-",
                         "-", "-", "-", "-", str(r.duplicates if r.duplicates is not None
                                                   else "-"), "FAILED"])  # fmt: skip
            continue
        base = echo.get(r.framework)
        is_echo = r.bot.startswith("echo")
        ratio = f"{r.throughput / base.throughput:.0%}" if base and not is_echo else ""
        rows.append([
            r.framework, r.bot, str(r.parents), str(r.updates), f"{r.wall:.1f}",
            f"{r.throughput:.1f}", f"{r.latency_ms(0.50):.0f}", f"{r.latency_ms(0.99):.0f}",
            f"{r.latency_ms(0.99, ('command', 'text', 'press')):.0f}",
            f"{max(s.latency for s in r.samples) * 1000:.0f}",
            f"{100 * r.bot_cpu / r.wall:.0f}",
            f"{1000 * r.bot_cpu / r.updates:.1f} ({1000 * r.bot_main_cpu / r.updates:.1f}+"
            f"{1000 * (r.bot_cpu - r.bot_main_cpu) / r.updates:.1f})",
            f"{100 * r.bench_cpu / r.wall:.0f}", f"{r.rss_mb:.0f}",
            "-" if r.duplicates is None else str(r.duplicates), ratio,
        ])  # fmt: skip
    out = [table(rows, header), ""]
    kinds = ("command", "text", "press", "album")
    rows = []
    for r in results:
        if r.error:
            continue
        row = [r.framework, r.bot]
        for kind in kinds:
            n = sum(1 for s in r.samples if s.kind == kind)
            row.append(f"{r.latency_ms(0.5, (kind,)):.0f} / {r.latency_ms(0.99, (kind,)):.0f}"
                       f" (n={n})" if n else "-")  # fmt: skip
        rows.append(row)
    out.append("Latency by update kind, p50 / p99 ms (echo: album = 3 texts, counted as text):")
    out.append(table(rows, ["framework", "bot", *kinds]))
    paced_echo = {r.framework: r for r in results if r.bot == PACED_ECHO and not r.error}
    same_rules = [
        f"  {r.framework}: intake {r.throughput:.1f} upd/s, paced echo "
        f"{paced_echo[r.framework].throughput:.1f} upd/s = "
        f"{r.throughput / paced_echo[r.framework].throughput:.0%}"
        for r in results
        if r.bot == "intake" and not r.error and r.framework in paced_echo
    ]
    if same_rules:
        out.append("")
        out.append("Under the same rules (both paced at 30 msg/s; the intake/echo column above")
        out.append("compares with the bare, unpaced echo):")
        out.extend(same_rules)
    return "\n".join(out)


async def main_async(args: argparse.Namespace) -> int:
    localizer = Localizer()
    results: list[Result] = []
    started = time.monotonic()
    profile_dir: Path | None = args.profile
    if profile_dir:
        profile_dir.mkdir(parents=True, exist_ok=True)

    def prof(name: str) -> Path | None:
        return profile_dir / f"{name}.txt" if profile_dir else None

    cprofile_dir: Path | None = args.cprofile
    if cprofile_dir:
        cprofile_dir.mkdir(parents=True, exist_ok=True)

    def cprof(name: str) -> Path | None:
        return (cprofile_dir / f"{name}.prof").resolve() if cprofile_dir else None

    def gclog(name: str) -> Path | None:
        return (args.gc_log / f"{name}.json").resolve() if args.gc_log else None

    if args.gc_log:
        args.gc_log.mkdir(parents=True, exist_ok=True)

    def sqlcount(name: str) -> Path | None:
        return (args.count_sql / f"{name}.json").resolve() if args.count_sql else None

    if args.count_sql:
        args.count_sql.mkdir(parents=True, exist_ok=True)

    work = Path(tempfile.mkdtemp(prefix="refund-bench-"))
    try:
        for framework in args.frameworks:
            short = "ptb" if framework.startswith("python") else "aiogram"
            print(f"== {framework} ({args.mode}, {args.parents} parents)", file=sys.stderr)
            scripts: list[list[Action]] = []
            variants = [False, True] if args.unpaced else [False]
            if args.unpaced and args.skip_paced:
                variants = [True]
            for unpaced in variants:
                name = f"{short}-intake" + ("-unpaced" if unpaced else "")
                result, recorded = await intake_run(
                    framework, args.mode, args.parents, localizer, work,
                    unpaced=unpaced, profile=prof(name), harness_lease=args.harness_lease,
                    cprofile=cprof(name), count_sql=sqlcount(name), think=args.think,
                    pool_size=args.pool_size, gc_log=gclog(name), gc_freeze=args.gc_freeze,
                    extra_args=args.wrapper_arg, album_wait=args.album_wait,
                )  # fmt: skip
                scripts = scripts or recorded
                results.append(result)
                print(f"   {result.bot}: {result.throughput:.1f} upd/s", file=sys.stderr)
            if not scripts or args.no_echo:
                continue
            echo = await echo_run(framework, args.mode, args.parents, localizer, work, scripts,
                                  prof(f"{short}-echo"), think=args.think)  # fmt: skip
            results.append(echo)
            print(f"   echo: {echo.throughput:.1f} upd/s", file=sys.stderr)
            if args.paced_echo:
                echo = await echo_run(framework, args.mode, args.parents, localizer, work,
                                      scripts, prof(f"{short}-echo-paced"), think=args.think,
                                      paced=True)  # fmt: skip
                results.append(echo)
                print(f"   {PACED_ECHO}: {echo.throughput:.1f} upd/s", file=sys.stderr)
    finally:
        if any(r.error for r in results):
            print(f"(logs and databases kept in {work})", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print()
    lease = "1 s/0.2 s (write_config)" if args.harness_lease else "30 s/2 s (defaults)"
    print(
        f"mode={args.mode} parents={args.parents} think={args.think:g}s "
        f"warm-up={WARMUP_PARENTS} parents/run (excluded) cores={os.cpu_count()} "
        f"python={sys.version.split()[0]} outbox lease/sweep={lease}"
        + (" PROFILED" if profile_dir or cprofile_dir or args.count_sql else "")
    )
    print(report(results))
    if args.dump_samples:
        args.dump_samples.write_text(json.dumps([
            {"framework": r.framework, "bot": r.bot, "start": r.start,
             "samples": [dataclasses.asdict(s) for s in r.samples]}
            for r in results
        ]))  # fmt: skip
    print(f"\ntotal benchmark time {time.monotonic() - started:.0f} s")
    print("targets (50 parents, SQLite): intake >= 50% of echo throughput, p99 <= 100 ms")
    return 1 if any(r.error for r in results) else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--parents", type=int, default=50,
                        help="simulated parents running at once (default 50)")  # fmt: skip
    parser.add_argument("--frameworks", default=",".join(FRAMEWORKS),
                        type=lambda s: [f.strip() for f in s.split(",") if f.strip()],
                        help="comma-separated (default: both)")  # fmt: skip
    parser.add_argument("--mode", choices=["polling", "webhook"], default="polling")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="mean pause of each parent before each update (default 0: "
        "closed loop, measures capacity; with a pause: latency at that load)",
    )
    parser.add_argument("--unpaced", action="store_true",
                        help="also run the intake with the Pacer off (diagnostic)")  # fmt: skip
    parser.add_argument(
        "--pool-size",
        type=int,
        metavar="N",
        help="diagnostic: the intake bot's SQLite pool fixed at N connections (bot_wrapper)",
    )
    parser.add_argument(
        "--gc-log",
        type=Path,
        metavar="DIR",
        help="log every garbage collection of the intake bot into DIR/<run>.json",
    )
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="diagnostic: gc.freeze() in the intake bot once started (bot_wrapper)",
    )
    parser.add_argument(
        "--dump-samples", type=Path, metavar="FILE", help="every latency sample, as JSON"
    )
    parser.add_argument(
        "--wrapper-arg",
        action="append",
        metavar="ARG",
        help="diagnostic: pass ARG to bench/bot_wrapper.py for the intake runs (repeatable), "
        "e.g. --wrapper-arg=--pin-aiogram-responses",
    )
    parser.add_argument("--skip-paced", action="store_true",
                        help="with --unpaced: only the unpaced intake run")  # fmt: skip
    parser.add_argument("--no-echo", action="store_true", help="skip the echo runs")
    parser.add_argument(
        "--paced-echo",
        action="store_true",
        help="also run the echo bot paced like the intake (30 msg/s): an extra row, the "
        "same-rules comparison; the headline ratio stays against the bare echo",
    )
    parser.add_argument(
        "--album-wait",
        type=float,
        metavar="SECONDS",
        help="override write_config's album_wait_seconds (0.2) for the intake bot",
    )
    parser.add_argument(
        "--harness-lease",
        action="store_true",
        help="keep write_config's 1 s outbox lease / 0.2 s sweep (see docs)",
    )
    parser.add_argument(
        "--cprofile",
        type=Path,
        metavar="DIR",
        help="run the intake bot under cProfile (whole run, warm-up included)",
    )
    parser.add_argument(
        "--count-sql",
        type=Path,
        metavar="DIR",
        help="count the intake bot's SQL statements/commits/connections "
        "(whole run, warm-up included) into DIR/<run>.json",
    )
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="py-spy the bot during each measured phase into DIR")  # fmt: skip
    args = parser.parse_args()
    unknown = [f for f in args.frameworks if f not in FRAMEWORKS]
    if unknown:
        parser.error(f"unknown framework(s) {unknown}; known: {', '.join(FRAMEWORKS)}")
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
