"""What an operator asks a running worker: ``GET /healthz`` (is it well, what does it hold) and
``GET /metrics`` (Prometheus). Served by the webhook server, and in polling mode by a small
server of its own when ``[telegram] metrics_port`` is set.

``/healthz`` answers 503 when the database does not answer within two seconds: a load
balancer then stops sending updates to this worker, whose webhook could not store them.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, Gauge, generate_latest

from bot.metrics import REGISTRY
from bot.web_server import start_server
from handlers.clock import Clock
from storage.database import Database
from storage.repositories import backlog

log = logging.getLogger(__name__)
DATABASE_TIMEOUT = 2.0

_GAUGES = {
    "outbox_waiting": Gauge(
        "refund_desk_outbox_waiting", "Bot API calls waiting to be sent.", registry=REGISTRY
    ),
    "outbox_oldest_seconds": Gauge(
        "refund_desk_outbox_oldest_seconds",
        "Age of the oldest call waiting to be sent.",
        registry=REGISTRY,
    ),
    "outbox_failed": Gauge(
        "refund_desk_outbox_failed_rows",
        "Calls given up (see `refund-desk outbox`).",
        registry=REGISTRY,
    ),
    "handoffs_waiting": Gauge(
        "refund_desk_handoffs_waiting",
        "Submitted cases not yet in the agents' group.",
        registry=REGISTRY,
    ),
    "follow_ups_due": Gauge(
        "refund_desk_follow_ups_due", "Follow-ups due and not sent yet.", registry=REGISTRY
    ),
    "follow_ups_late": Gauge(
        "refund_desk_follow_ups_late",
        "Follow-ups more than two sweeps past due.",
        registry=REGISTRY,
    ),
    "updates_waiting": Gauge(
        "refund_desk_updates_waiting", "Stored updates not handled yet.", registry=REGISTRY
    ),
    "updates_set_aside": Gauge(
        "refund_desk_updates_set_aside_rows",
        "Updates set aside (unreadable, or failed every attempt).",
        registry=REGISTRY,
    ),
    "chat_leases": Gauge(
        "refund_desk_chat_leases", "Chats being handled by a worker now.", registry=REGISTRY
    ),
}


def worker_name(mode: str, port: int) -> str:
    """This worker, as named in leases and logs: unique among the workers running at the same
    time (one port per webhook worker on a host; one poller per bot), and the same when it
    restarts, so that a restarted worker takes back at once what it held before it died
    instead of waiting for its own leases to run out."""
    where = f"port {port}" if mode == "webhook" else "polling"
    return f"{socket.gethostname()[:50]} {where}"


@dataclass(kw_only=True, eq=False)
class Operations:
    """The worker's own state, and the routes that report it."""

    database: Database
    clock: Clock
    worker: str
    mode: str
    in_hand: Callable[[], int]
    late_after: timedelta
    started: float = field(default_factory=time.monotonic, init=False)
    state: str = field(default="starting", init=False)  # starting → running → stopping
    #: More pages served next to these (the supervisors' web page, #17).
    more_routes: list[Callable[[web.Application], None]] = field(default_factory=list, init=False)

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get("/healthz", self.health)
        app.router.add_get("/metrics", self.metrics)
        for add in self.more_routes:
            add(app)

    async def health(self, request: web.Request) -> web.Response:
        body: dict[str, object] = {
            "worker": self.worker,
            "mode": self.mode,
            "state": self.state,
            "uptime_seconds": round(time.monotonic() - self.started, 1),
            "in_hand": self.in_hand(),
        }
        try:
            figures = await asyncio.wait_for(self._backlog(), DATABASE_TIMEOUT)
        except Exception as exc:  # the kind only: a driver's message may quote a URL
            body.update(status="unavailable", database=type(exc).__name__)
            return web.json_response(body, status=503)
        body.update(status="ok" if self.state == "running" else self.state, database="ok")
        body.update(vars(figures))
        return web.json_response(body, status=200 if self.state != "stopping" else 503)

    async def metrics(self, request: web.Request) -> web.Response:
        try:
            figures = await asyncio.wait_for(self._backlog(), DATABASE_TIMEOUT)
        except Exception as exc:
            log.warning("metrics: database figures unavailable (%s)", type(exc).__name__)
        else:
            for name, gauge in _GAUGES.items():
                gauge.set(getattr(figures, name))
        return web.Response(
            body=generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )

    async def _backlog(self) -> backlog.Backlog:
        async with self.database.unit_of_work() as session:
            return await backlog.backlog(
                session=session, now=self.clock.now(), late_after=self.late_after
            )

    async def serve(self, listen: str, port: int) -> web.AppRunner:
        """A server of its own (polling mode): ``/healthz`` and ``/metrics`` only."""
        app = web.Application()
        self.add_routes(app)
        runner, _ = await start_server(app, listen, port)
        log.info("health and metrics on %s:%s", listen, port)
        return runner
