"""The bot as operators run it — `python -m bot.cli --config X run` in its own process — pointed
at the local Bot API emulator, so a test can kill it hard and start it again."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

from tests.emulator import BotApiEmulator

REPO = Path(__file__).resolve().parents[2]
WEBHOOK_SECRET = "e2e-secret_token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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
) -> Path:
    """``files``: the lines of ``[files]`` choosing the store, tables after it included
    (default: a directory of the bot's own next to ``path``)."""
    port = free_port()
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

[telegram.limits]
# Test parents answer faster than people type; the private-chat pace is tested on its own.
private_burst = 0

[telegram.webhook]
listen = "127.0.0.1"
port = {port}
path = "/tg/hook"
public_url = "http://127.0.0.1:{port}"
secret_token = "{WEBHOOK_SECRET}"

[storage]
url = "{database_url}"

[files]
# Each bot its own store; screenshots are read only where a test asks (#16).
ocr = {str(ocr).lower()}
{files}

# Last: a test's ``extra`` may add a logging setting (format = "json") or tables of its own.
[logging]
level = "INFO"
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
        self.process: asyncio.subprocess.Process | None = None

    async def start(self, timeout: float = 30.0) -> None:
        since = self.emulator.mark()
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
        ready = "getUpdates" if "polling" in self.config.read_text() else "setWebhook"
        try:
            await self.emulator.wait_for_call(ready, timeout=timeout, since=since)
        except Exception as exc:
            raise AssertionError(f"bot did not start:\n{self.log()}") from exc

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

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
