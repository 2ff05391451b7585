"""Operating several workers: ``GET /healthz`` asks the database and reports the worker's
state, ``GET /metrics`` counts the flow of updates and messages (webhook server, and in
polling mode a small server of its own), and log lines can be JSON, token masked."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.app import build_app
from bot.config import Settings
from bot.logs import log_handler
from bot.metrics import REGISTRY, limit_kind
from bot.telegram import operations as operations_module
from bot.telegram.delivery import Delivery
from bot.telegram.errors import RetryLater
from bot.telegram.handoff import Handoff
from bot.telegram.operations import Operations
from bot.telegram.pacing import Pacer
from bot.telegram.runner import TelegramRunner
from bot.transports import make_transport
from storage.database import Database
from storage.repositories import outbox
from tests.bot.handoff_fakes import FakeGroup, desk_policy, new_case
from tests.e2e.harness import WEBHOOK_SECRET, BotUnderTest, free_port
from tests.emulator import BotApiEmulator

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
GROUP_ID = -1001234567890

#: Every metric the operator is promised (README, docs/deploy.md), as exported.
METRIC_NAMES = [
    "refund_desk_updates_received_total",
    "refund_desk_updates_handled_total",
    "refund_desk_update_failures_total",
    "refund_desk_updates_set_aside_total",
    "refund_desk_updates_set_aside_rows",
    "refund_desk_update_latency_seconds_bucket",
    "refund_desk_handling_seconds_bucket",
    "refund_desk_telegram_sends_total",
    "refund_desk_telegram_429_total",
    "refund_desk_outbox_waiting",
    "refund_desk_outbox_oldest_seconds",
    "refund_desk_outbox_failed_rows",
    "refund_desk_handoffs_waiting",
    "refund_desk_follow_ups_due",
    "refund_desk_follow_ups_late",
    "refund_desk_updates_waiting",
    "refund_desk_chat_leases",
    "refund_desk_chat_leases_held",
]


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _operations(database: Database, clock: Any, **kw: Any) -> Operations:
    return Operations(
        database=database,
        clock=clock,
        worker="test-host port 8001",
        mode="webhook",
        in_hand=kw.pop("in_hand", lambda: 0),
        late_after=timedelta(seconds=60),
        **kw,
    )


@contextlib.asynccontextmanager
async def _client(operations: Operations) -> AsyncIterator[TestClient]:
    app = web.Application()
    operations.add_routes(app)
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        yield client
    finally:
        await client.close()


@contextlib.asynccontextmanager
async def _running_over(url: str, clock: Any) -> AsyncIterator[tuple[Operations, TestClient]]:
    """A running worker's operations server over the database at ``url``, disposed after."""
    database = Database(url)
    operations = _operations(database, clock)
    operations.state = "running"
    try:
        async with _client(operations) as client:
            yield operations, client
    finally:
        await database.dispose()


# -- /healthz ---------------------------------------------------------------------------------


async def test_healthz_answers_with_the_figures_of_a_live_database(database, clock):
    async with database.unit_of_work() as session:
        await outbox.add_calls(
            session=session,
            calls=[(7, "sendMessage", {"chat_id": 7, "text": "hi"})],
            now=clock.now(),
            lease=timedelta(seconds=30),
        )
    clock.advance(seconds=5)
    operations = _operations(database, clock, in_hand=lambda: 2)
    async with _client(operations) as client:
        response = await client.get("/healthz")
        body = await response.json()
        assert response.status == 200, body
        assert body["status"] == "starting"  # answers, but not taking updates yet
        operations.state = "running"
        response = await client.get("/healthz")
        body = await response.json()
    assert response.status == 200
    assert body["status"] == "ok" and body["database"] == "ok" and body["state"] == "running"
    assert body["worker"] == "test-host port 8001" and body["mode"] == "webhook"
    assert body["in_hand"] == 2
    assert body["outbox_waiting"] == 1 and body["outbox_oldest_seconds"] == 5.0
    assert body["handoffs_waiting"] == 0 and body["follow_ups_late"] == 0


async def test_healthz_is_503_when_the_database_is_unreachable(clock):
    # PostgreSQL on a port where nothing listens: refused at once, as when it is down.
    gone = f"postgresql://postgres@127.0.0.1:{free_port()}/nowhere"
    async with _running_over(gone, clock) as (_, client):
        started = time.monotonic()
        response = await client.get("/healthz")
        body = await response.json()
        assert time.monotonic() - started < operations_module.DATABASE_TIMEOUT
        assert response.status == 503
        assert body["status"] == "unavailable" and body["state"] == "running"
        assert body["database"]  # the kind of error, never its text (it may quote a URL)
        assert "postgres@" not in json.dumps(body)
        # The metrics still answer: the counters are in memory.
        metrics = await client.get("/metrics")
        assert metrics.status == 200
        assert "refund_desk_updates_received_total" in await metrics.text()


async def test_healthz_is_503_when_the_database_does_not_answer_in_time(clock, monkeypatch):
    """A database that accepts the connection and then says nothing (a network partition):
    the check gives up after ``DATABASE_TIMEOUT``."""
    accepted: list[asyncio.StreamWriter] = []

    async def silent(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(writer)

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    monkeypatch.setattr(operations_module, "DATABASE_TIMEOUT", 0.5)
    silent_db = f"postgresql://postgres@127.0.0.1:{port}/nowhere"
    try:
        async with _running_over(silent_db, clock) as (_, client):
            started = time.monotonic()
            response = await client.get("/healthz")
            assert time.monotonic() - started < 2.0
            assert response.status == 503
            assert (await response.json())["database"] == "TimeoutError"
    finally:
        for writer in accepted:
            writer.close()
        server.close()
        await server.wait_closed()


async def test_healthz_is_503_while_the_worker_stops(database, clock):
    operations = _operations(database, clock)
    operations.state = "stopping"
    async with _client(operations) as client:
        response = await client.get("/healthz")
        body = await response.json()
    assert response.status == 503  # the proxy sends the next update elsewhere
    assert body["status"] == "stopping" and body["database"] == "ok"


# -- /metrics ---------------------------------------------------------------------------------


def test_limit_kinds_are_kinds_never_chats():
    assert limit_kind(GROUP_ID) == "group"
    assert limit_kind(42) == "private"
    assert limit_kind(0) == "other" and limit_kind("@channel") == "other"
    assert limit_kind(True) == "other"


class ScriptedTransport:
    def __init__(self, *script: Exception) -> None:
        self.script = list(script)

    async def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if self.script:
            raise self.script.pop(0)
        return {"message_id": 1}


async def test_sends_and_429s_are_counted_by_limit(database, clock, localizer):
    sends = {k: _sample("refund_desk_telegram_sends_total", limit=k) for k in ("group", "private")}
    refused = {k: _sample("refund_desk_telegram_429_total", limit=k) for k in ("group", "other")}
    delivery = Delivery(
        transport=ScriptedTransport(RetryLater(0.01)),
        database=database,
        clock=clock,
        pacer=Pacer(),
        lease=timedelta(seconds=30),
    )
    album = [{"type": "photo", "media": f"file{i}"} for i in range(3)]
    async with database.unit_of_work() as session:
        rows = await outbox.add_calls(
            session=session,
            calls=[
                (GROUP_ID, "sendMessage", {"chat_id": GROUP_ID, "text": "card"}),
                (GROUP_ID, "sendMediaGroup", {"chat_id": GROUP_ID, "media": album}),
            ],
            now=clock.now(),
            lease=timedelta(seconds=30),
        )
    await delivery.deliver(rows)
    await delivery.answer([(0, "answerCallbackQuery", {"callback_query_id": "1"})])
    await delivery.close()
    # An album's items each count against the group's 20 a minute, as Telegram counts them.
    assert _sample("refund_desk_telegram_sends_total", limit="group") == sends["group"] + 4
    assert _sample("refund_desk_telegram_429_total", limit="group") == refused["group"] + 1
    assert _sample("refund_desk_telegram_sends_total", limit="other") >= 1
    assert _sample("refund_desk_telegram_sends_total", limit="private") == sends["private"]

    # The hand-off's own calls: the topic and the card, and a 429 waited out.
    group = FakeGroup()
    handoff = Handoff(
        transport=group,
        database=database,
        localizer=localizer,
        clock=clock,
        pacer=Pacer(per_group_minute=1000),
        desk=desk_policy(),
        topic_grace=timedelta(seconds=60),
    )
    await new_case(database, clock)
    group.refuse(RetryLater(3), "sendMessage")
    before = _sample("refund_desk_telegram_sends_total", limit="group")
    assert await handoff.run() == 0
    assert _sample("refund_desk_telegram_429_total", limit="group") == refused["group"] + 2
    assert _sample("refund_desk_telegram_sends_total", limit="group") == before + 1  # topic
    group.accept()
    clock.advance(seconds=4)
    assert await handoff.run() == 1
    assert _sample("refund_desk_telegram_sends_total", limit="group") >= before + 2  # card


async def test_a_webhook_worker_serves_health_and_metrics_on_its_own_port(database):
    """A real runner in webhook mode: ``/healthz`` and ``/metrics`` next to the webhook path,
    counting what a parent's ``/start`` (and its redelivery, and a 429) caused."""
    port = free_port()
    url = database.engine.url.render_as_string(hide_password=False)
    async with BotApiEmulator() as emulator:
        settings = Settings.model_validate(
            {
                "telegram": {
                    "token": emulator.token,
                    "framework": "aiogram",
                    "mode": "webhook",
                    "api_base_url": emulator.base_url,
                    "outbox_sweep_seconds": 0.2,
                    "webhook": {
                        "listen": "127.0.0.1",
                        "port": port,
                        "path": "/tg/hook",
                        "public_url": f"http://127.0.0.1:{port}",
                        "secret_token": WEBHOOK_SECRET,
                    },
                },
                "storage": {"url": url},
            }
        )
        app = build_app(settings)
        await app.start()
        runner = TelegramRunner(app, make_transport(settings))
        stop = asyncio.Event()
        task = asyncio.create_task(runner.run(stop))
        before = {
            "new": _sample("refund_desk_updates_received_total", kind="new"),
            "again": _sample("refund_desk_updates_received_total", kind="redelivered"),
            "handled": _sample("refund_desk_updates_handled_total"),
            "latency": _sample("refund_desk_update_latency_seconds_count"),
            "handling": _sample("refund_desk_handling_seconds_count"),
            "private": _sample("refund_desk_telegram_sends_total", limit="private"),
            "429": _sample("refund_desk_telegram_429_total", limit="private"),
        }
        try:
            await asyncio.wait_for(runner.started.wait(), 15)
            base = f"http://127.0.0.1:{runner.webhook_port}"
            user = emulator.make_user("Zoé", language_code="fr")
            emulator.fail_next("sendMessage", status=429, retry_after=1)
            update = emulator.inject_command(user, "/start")
            await emulator.wait_for_call(
                "sendMessage",
                lambda c: c.params.get("chat_id") == user.id,
                timeout=15,
                ok_only=True,
            )
            emulator.redeliver(update)
            async with aiohttp.ClientSession() as http:
                for _ in range(50):  # the redelivery is stored (ignored) by the webhook
                    async with http.get(base + "/metrics") as response:
                        assert response.status == 200
                        assert response.content_type == "text/plain"
                        metrics = await response.text()
                    again = _sample("refund_desk_updates_received_total", kind="redelivered")
                    if again > before["again"]:
                        break
                    await asyncio.sleep(0.1)
                async with http.get(base + "/healthz") as response:
                    health = await response.json()
                    assert response.status == 200, health
        finally:
            stop.set()
            await asyncio.wait_for(task, 30)
            await app.stop()

    for name in METRIC_NAMES:
        assert f"\n{name}" in metrics, name
    assert health["status"] == "ok" and health["state"] == "running"
    assert health["mode"] == "webhook" and health["database"] == "ok"
    assert str(runner.webhook_port) in health["worker"]
    assert _sample("refund_desk_updates_received_total", kind="new") == before["new"] + 1
    assert _sample("refund_desk_updates_received_total", kind="redelivered") == (
        before["again"] + 1
    )
    assert _sample("refund_desk_updates_handled_total") == before["handled"] + 1
    assert _sample("refund_desk_update_latency_seconds_count") == before["latency"] + 1
    assert _sample("refund_desk_handling_seconds_count") == before["handling"] + 1
    assert _sample("refund_desk_telegram_sends_total", limit="private") > before["private"]
    assert _sample("refund_desk_telegram_429_total", limit="private") == before["429"] + 1
    if not database.is_sqlite:  # several workers: this one let go of its chat once stopped
        assert _sample("refund_desk_chat_leases_held") == 0


async def test_a_polling_worker_serves_health_and_metrics_when_asked(tmp_path, localizer):
    """A real `refund-desk run` in polling mode with ``metrics_port`` set and JSON logs."""
    from tests.e2e.parent import TelegramParent

    metrics_port = free_port()
    async with BotApiEmulator() as emulator:
        bot = BotUnderTest(
            emulator,
            tmp_path,
            framework="python-telegram-bot",
            telegram={"metrics_port": metrics_port},
            extra='format = "json"',
        )
        async with bot:
            base = f"http://127.0.0.1:{metrics_port}"
            parent = TelegramParent(emulator, localizer, language_code="en", name="Ann")
            await parent.command("start")
            async with aiohttp.ClientSession() as http:
                async with http.get(base + "/healthz") as response:
                    health = await response.json()
                    assert response.status == 200, health
                async with http.get(base + "/metrics") as response:
                    assert response.status == 200
                    metrics = await response.text()
                async with http.get(base + "/tg/hook") as response:
                    assert response.status == 404  # only the operator's routes here
            assert await bot.stop() == 0
    assert health["status"] == "ok" and health["mode"] == "polling"
    assert health["worker"].endswith(" polling") and health["database"] == "ok"
    samples = {
        line.split(" ")[0]: float(line.split(" ")[1])
        for line in metrics.splitlines()
        if line and not line.startswith("#")
    }
    assert samples['refund_desk_updates_received_total{kind="new"}'] >= 1
    assert samples["refund_desk_updates_handled_total"] >= 1
    assert samples['refund_desk_telegram_sends_total{limit="private"}'] >= 1
    assert samples["refund_desk_update_latency_seconds_count"] >= 1
    for name in METRIC_NAMES:
        assert f"\n{name}" in metrics, name
    # Every line the bot wrote is one JSON object, with the token masked.
    log = bot.log()
    lines = [json.loads(line) for line in log.splitlines() if line.strip()]
    assert lines and all({"time", "level", "logger", "message"} <= set(line) for line in lines)
    assert any("connected as" in line["message"] for line in lines)
    assert emulator.token not in log and emulator.token.split(":")[1] not in log


# -- JSON logs --------------------------------------------------------------------------------


def test_json_log_lines_parse_and_mask_the_token():
    buffer = io.StringIO()
    logger = logging.getLogger("refund_desk.test_json")
    logger.propagate = False
    handler = log_handler(buffer, json_format=True)
    logger.addHandler(handler)
    try:
        logger.warning("calling https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise OSError(f"Cannot connect to https://api.telegram.org/bot{TOKEN}/sendMessage")
        except OSError:
            logger.exception('sending failed, 中文 "quoted"\nsecond line')
        logger.error("database postgresql://refund:s3cret@db/refund is down", stack_info=True)
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    output = buffer.getvalue()
    assert TOKEN not in output and TOKEN.split(":")[1] not in output
    assert "s3cret" not in output
    lines = [json.loads(line) for line in output.splitlines()]
    assert len(lines) == 3  # one object per line, newlines inside are escaped
    first, second, third = lines
    assert first["level"] == "WARNING" and first["logger"] == "refund_desk.test_json"
    assert first["message"] == "calling https://api.telegram.org/bot<token>/getMe"
    assert first["time"].endswith("Z") and "T" in first["time"]
    assert "exception" not in first
    assert second["message"] == 'sending failed, 中文 "quoted"\nsecond line'
    assert "OSError: Cannot connect" in second["exception"]
    assert "bot<token>/sendMessage" in second["exception"]
    assert "postgresql://refund:***@db/refund" in third["message"]
    assert "stack" in third


@pytest.mark.parametrize("json_format", [False, True])
def test_configure_logging_chooses_the_format(json_format):
    from bot.logs import configure_logging

    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        configure_logging("INFO", json_format=json_format)
        (handler,) = root.handlers
        assert isinstance(handler, logging.StreamHandler)
        buffer = io.StringIO()
        handler.setStream(buffer)
        logging.getLogger("refund_desk.test").info("token %s", TOKEN)
        line = buffer.getvalue().strip()
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    assert TOKEN not in line
    if json_format:
        assert json.loads(line)["message"] == "token <token>"
    else:
        assert line.endswith("refund_desk.test: token <token>")
