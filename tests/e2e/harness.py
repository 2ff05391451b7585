"""The bot as operators run it — `python -m bot.cli --config X run` in its own process — pointed
at the local Bot API emulator, so a test can kill it hard and start it again.

`write_config` writes the test configuration, `BotProcess` runs one process, and `BotUnderTest`
(what the `running_bot` fixture of tests/e2e/conftest.py hands out) puts the two together: an
async context manager that writes the config, starts the bot, waits until it takes updates and
always ends it, its log kept for the test's assertions."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import text

from storage.database import Database
from tests.conftest import TRUNCATE_ALL
from tests.emulator import BotApiEmulator

REPO = Path(__file__).resolve().parents[2]
WEBHOOK_SECRET = "e2e-secret_token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def toml_value(value: Any) -> str:
    """``value`` written as TOML: strings, numbers, booleans, lists and inline tables."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON's escapes are TOML's
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, Sequence):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML for {value!r}")


def _keys(settings: Mapping[str, Any] | None) -> str:
    return "".join(f"{key} = {toml_value(value)}\n" for key, value in (settings or {}).items())


def toml_sections(sections: Mapping[str, Mapping[str, Any] | Sequence[Mapping[str, Any]]]) -> str:
    """``{"agents": {...}, "agents.teams": [{...}, {...}]}`` as TOML tables (a list of tables
    is an array of tables, ``[[agents.teams]]``), in the order given."""
    out = []
    for name, body in sections.items():
        if isinstance(body, Mapping):
            out.append(f"[{name}]\n{_keys(body)}")
        else:
            out.extend(f"[[{name}]]\n{_keys(table)}" for table in body)
    return "".join(out)


def write_config(
    path: Path,
    emulator: BotApiEmulator,
    *,
    framework: str,
    mode: str,
    database_url: str,
    extra: str = "",
    ocr: bool = False,
    files: str | None = None,
    telegram: Mapping[str, Any] | None = None,
    limits: Mapping[str, Any] | None = None,
    port: int | None = None,
    public_url: str | None = None,
    log_level: str = "INFO",
) -> Path:
    """The test configuration: ``telegram`` and ``limits`` add (or override) keys of
    ``[telegram]`` and ``[telegram.limits]``; ``port`` and ``public_url`` are the webhook's (a
    free port, and that port on 127.0.0.1, unless given); ``extra`` is TOML of the test's own,
    written last (after ``[logging]``, so it may add a logging key before its own tables).
    ``files``: the lines of ``[files]`` choosing the store, tables after it included
    (default: a directory of the bot's own next to ``path``)."""
    port = free_port() if port is None else port
    public_url = f"http://127.0.0.1:{port}" if public_url is None else public_url
    files = files or f'directory = "{path.parent / "files"}"'
    path.write_text(
        f"""
[telegram]
token = "{emulator.token}"
framework = "{framework}"
mode = "{mode}"
api_base_url = "{emulator.base_url}"
poll_timeout = 1
album_wait_seconds = 0.2
outbox_lease_seconds = 1
outbox_sweep_seconds = 0.2
max_retry_wait_seconds = 30
topic_grace_seconds = 2
{_keys(telegram)}
[telegram.limits]
# Test parents answer faster than people type; the private-chat pace is tested on its own.
private_burst = 0
{_keys(limits)}
[telegram.webhook]
listen = "127.0.0.1"
port = {port}
path = "/tg/hook"
public_url = "{public_url}"
secret_token = "{WEBHOOK_SECRET}"

[storage]
url = "{database_url}"

[files]
# Each bot its own store; screenshots are read only where a test asks (#16).
ocr = {str(ocr).lower()}
{files}

# Last: a test's ``extra`` may add a logging setting (format = "json") or tables of its own.
[logging]
level = "{log_level}"
{extra}
""",
        encoding="utf-8",
    )
    return path


class BotProcess:
    """One `refund-desk run` process; ``start`` returns once it is taking updates."""

    def __init__(self, config: Path, emulator: BotApiEmulator, log_path: Path) -> None:
        self.config = config
        self.emulator = emulator
        self.log_path = log_path
        self.process: asyncio.subprocess.Process | _Started | None = None

    async def start(self, timeout: float = 30.0) -> None:
        since = self.emulator.mark()
        await self._launch()
        await self._until_ready(since, timeout)

    async def _launch(self) -> None:
        log = self.log_path.open("ab")
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "--config",
            str(self.config),
            "run",
            cwd=REPO,
            stdout=log,
            stderr=log,
            env=env,
        )
        log.close()

    async def _until_ready(self, since: int, timeout: float) -> None:
        """Until the bot's first poll (polling) or its setWebhook (webhook), since ``since``."""
        ready = "getUpdates" if "polling" in self.config.read_text() else "setWebhook"
        try:
            await self.emulator.wait_for_call(ready, timeout=timeout, since=since)
        except Exception as exc:
            raise AssertionError(f"bot did not start:\n{self.log()}") from exc

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as in a crash or an OOM kill."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM and wait for the graceful exit."""
        if self.process is None or self.process.returncode is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), timeout)


class _Started:
    """A warm process once it runs the bot, seen as the harness sees asyncio's processes."""

    def __init__(self, popen: subprocess.Popen[bytes]) -> None:
        self._popen = popen

    @property
    def pid(self) -> int:
        return self._popen.pid

    @property
    def returncode(self) -> int | None:
        return self._popen.poll()

    def send_signal(self, sig: int) -> None:
        self._popen.send_signal(sig)

    async def wait(self) -> int:
        while (code := self._popen.poll()) is None:
            await asyncio.sleep(0.01)
        return code


class WarmBots:
    """Bot processes started ahead of their tests (tests/e2e/warm.py), one waiting per
    framework: `run` hands the bot's command line to the waiting one (or to a new one, which
    then imports first, as a cold start does), and `prepare` starts the next, to import while
    the test runs. A waiting process is used only if the environment is still the one it was
    started with (a test may set variables for its bot, e.g. a bucket's credentials). Plain
    `subprocess` processes: they outlive a test's event loop; at exit (`close`) those still
    waiting are ended."""

    def __init__(self) -> None:
        self._waiting: dict[str, tuple[subprocess.Popen[bytes], dict[str, str]]] = {}
        atexit.register(self.close)

    @staticmethod
    def _environment() -> dict[str, str]:
        """The bot's environment; not pytest's name of the test, which changes every test."""
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("PYTEST_CURRENT_TEST", None)
        return env

    def _spawn(self, framework: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
        fd, prelog = tempfile.mkstemp(prefix="refund-desk-warm-", suffix=".log")
        try:
            return subprocess.Popen(
                [sys.executable, "-m", "tests.e2e.warm", framework, prelog],
                cwd=REPO,
                stdin=subprocess.PIPE,
                stdout=fd,
                stderr=fd,
                env=env,
            )
        finally:
            os.close(fd)

    @staticmethod
    def _end(popen: subprocess.Popen[bytes]) -> None:
        popen.kill()
        popen.wait()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(str(popen.args[-1]))  # type: ignore[index]

    def prepare(self, framework: str) -> None:
        env = self._environment()
        waiting = self._waiting.get(framework)
        if waiting is not None and waiting[0].poll() is None and waiting[1] == env:
            return
        if waiting is not None:
            self._end(waiting[0])
        self._waiting[framework] = (self._spawn(framework, env), env)

    def run(self, framework: str, argv: list[str], log: Path) -> _Started:
        env = self._environment()
        waiting = self._waiting.pop(framework, None)
        if waiting is not None and waiting[0].poll() is None and waiting[1] == env:
            popen = waiting[0]
        else:
            if waiting is not None:
                self._end(waiting[0])
            popen = self._spawn(framework, env)
        assert popen.stdin is not None
        with contextlib.suppress(OSError):  # the priority of the harness, as a cold start has
            os.setpriority(os.PRIO_PROCESS, popen.pid, os.getpriority(os.PRIO_PROCESS, 0))
        popen.stdin.write(json.dumps({"argv": argv, "log": str(log)}).encode() + b"\n")
        popen.stdin.close()
        return _Started(popen)

    def close(self) -> None:
        """End the processes no test took (importing is all they did), and their files."""
        for popen, _ in self._waiting.values():
            self._end(popen)
        self._waiting.clear()


#: ``REFUND_DESK_E2E_COLD=1``: every bot imports in its own time, as `BotProcess` does.
WARM_BOTS = None if os.environ.get("REFUND_DESK_E2E_COLD") else WarmBots()


async def fresh_postgres(url: str) -> None:
    """Bring the shared test database's schema up to date and empty every table."""
    database = Database(url)
    try:
        await database.upgrade()
        async with database.engine.begin() as conn:
            await conn.execute(text(TRUNCATE_ALL))
    finally:
        await database.dispose()


class BotUnderTest(BotProcess):
    """A bot with its own configuration (see `write_config` for the options) in ``directory``:
    ``async with`` starts it and waits until it takes updates, and at the end kills it if the
    test has not stopped it (a test asserts a graceful exit with ``await bot.stop() == 0``).
    ``database`` opens the bot's database for the test's own queries (closed at the end);
    ``log()`` is what the process wrote, kept after it ends. ``warm``: started by one of
    `WARM_BOTS`, its imports done ahead (False: as `BotProcess` starts it, e.g. where a
    benchmark counts the CPU of the machine)."""

    def __init__(
        self,
        emulator: BotApiEmulator,
        directory: Path,
        *,
        framework: str = "aiogram",
        mode: str = "polling",
        database_url: str | None = None,
        fresh_database: bool = False,
        agents: Mapping[str, Any] | None = None,
        teams: Sequence[Mapping[str, Any]] = (),
        sections: Mapping[str, Mapping[str, Any] | Sequence[Mapping[str, Any]]] | None = None,
        extra: str = "",
        name: str = "bot",
        warm: bool = True,
        **options: Any,
    ) -> None:
        self.framework = framework
        self.warm = warm and WARM_BOTS is not None
        config_name = "config.toml" if name == "bot" else f"{name}.toml"
        self.database_url = database_url or f"sqlite+aiosqlite:///{directory}/{name}.db"
        self.fresh_database = fresh_database
        tables: dict[str, Any] = {}
        if agents is not None:
            tables["agents"] = agents
        if teams:
            tables["agents.teams"] = list(teams)
        tables.update(sections or {})
        config = write_config(
            directory / config_name,
            emulator,
            framework=framework,
            mode=mode,
            database_url=self.database_url,
            extra=toml_sections(tables) + extra,
            **options,
        )
        super().__init__(config, emulator, directory / f"{name}.log")
        self._database: Database | None = None

    @property
    def database(self) -> Database:
        if self._database is None:
            self._database = Database(self.database_url)
        return self._database

    async def start(self, timeout: float = 30.0) -> None:
        if self.fresh_database:
            self.fresh_database = False
            await fresh_postgres(self.database_url)
        await super().start(timeout)
        if self.warm and WARM_BOTS is not None:
            WARM_BOTS.prepare(self.framework)  # the next bot imports while this test runs

    async def _launch(self) -> None:
        if not self.warm or WARM_BOTS is None:
            await super()._launch()
            return
        argv = ["--config", str(self.config), "run"]
        self.process = WARM_BOTS.run(self.framework, argv, self.log_path)

    async def close(self) -> None:
        """Kill the process if it still runs, and close the test's database connections."""
        try:
            if self.running:
                await self.kill()
        finally:
            if self._database is not None:
                await self._database.dispose()
                self._database = None

    async def __aenter__(self) -> BotUnderTest:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
