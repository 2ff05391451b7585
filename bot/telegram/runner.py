"""Running the bot on Telegram with either framework: start-up recovery, polling or webhook,
the outbox sweeper, and a graceful stop on SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.app import App
from bot.files.setup import build_keeper
from bot.orders.jobs import OrderJobs
from bot.reports.cli import digest_jobs, pages_of
from bot.scheduler import FollowUpScheduler, sweeping
from bot.telegram.calls import UPLOAD, Call, render_calls
from bot.telegram.chat_leases import LeasedChats
from bot.telegram.delivery import Delivery, in_lane
from bot.telegram.desk_check import check_teams
from bot.telegram.handoff import Handoff
from bot.telegram.intake import Inbox, poll, webhook_app
from bot.telegram.operations import Operations, worker_name
from bot.telegram.ordering import ChatQueues
from bot.telegram.pacing import BULK, Pacer, SharedPacer
from bot.telegram.processing import UpdateProcessor
from bot.telegram.transport import TelegramTransport
from bot.web_server import start_server
from handlers.aftercare import retention
from handlers.commands import MENU
from handlers.followups import firing
from handlers.languages import SUPPORTED
from handlers.replies import Msg, Outgoing
from storage.models import FollowUp, OutboxMessage
from storage.repositories import erasure, outbox

log = logging.getLogger(__name__)
#: setMyCommands takes two-letter codes: "zh" gets Simplified; Traditional clients see it too.
MENU_LANGUAGES = {"en": None, "fr": "fr", "zh-Hans": "zh"}
#: Raw updates and sent calls (people's names and words) are emptied this long after.
RAW_TRAFFIC_KEPT = timedelta(days=1)
#: Updates set aside are kept this long for the operator to look into (`refund-desk updates`).
SET_ASIDE_KEPT = timedelta(days=7)


class TelegramRunner:
    def __init__(self, app: App, transport: TelegramTransport) -> None:
        settings = app.settings.telegram
        self.app = app
        self.transport = transport
        self.lease = timedelta(seconds=settings.outbox_lease_seconds)
        #: Several workers on one PostgreSQL coordinate through it: chat leases, a shared send
        #: log for Telegram's limits. SQLite is one process: in-memory queues and pacing.
        self.shared = not app.database.is_sqlite
        self.worker = worker_name(settings.mode, settings.webhook.port)
        pacer_of = partial(SharedPacer, app.database) if self.shared else Pacer
        pacer = pacer_of(**settings.limits.pacing())
        self.delivery = Delivery(
            transport=transport,
            database=app.database,
            clock=app.clock,
            pacer=pacer,
            lease=self.lease,
            max_retry_wait=settings.max_retry_wait_seconds,
            # Several workers: "sent" is written as soon as Telegram accepts a message (one
            # short commit per burst), so a worker killed right after sending leaves as few
            # messages as possible to be sent again by another (README, "Reliability").
            sent_flush_delay=0.0 if self.shared else 0.1,
        )
        self.processor = UpdateProcessor(
            transport=transport,
            conversation=app.conversation,
            localizer=app.localizer,
            database=app.database,
            delivery=self.delivery,
            clock=app.clock,
            lease=self.lease,
        )
        self.handoff = Handoff(
            transport=transport,
            database=app.database,
            localizer=app.localizer,
            clock=app.clock,
            pacer=self.delivery.pacer,
            desk=app.conversation.deps.desk,
            topic_grace=timedelta(seconds=settings.topic_grace_seconds),
            retry_base=timedelta(seconds=app.settings.agents.handoff_retry_seconds),
            owner=self.worker,
        )
        self.delivery.router = self.handoff
        self.processor.after_batch = self.handoff.wake.set
        self.queues: ChatQueues | LeasedChats
        if self.shared:
            self.queues = LeasedChats(
                self.processor.handle,
                database=app.database,
                clock=app.clock,
                owner=self.worker,
                lease=timedelta(seconds=settings.chat_lease_seconds),
                album_wait=settings.album_wait_seconds,
            )
            # A chat is let go once this worker's replies to it are sent (order across workers).
            self.queues.settled = self.delivery.settled
        else:
            self.queues = ChatQueues(self.processor.handle, album_wait=settings.album_wait_seconds)
        self.inbox = Inbox(database=app.database, clock=app.clock, queues=self.queues)
        followup_settings = app.settings.followups
        self.order_jobs = OrderJobs(app)
        self.scheduler = FollowUpScheduler(
            database=app.database,
            clock=app.clock,
            fire=self._fire,
            after_commit=self._queue_follow_ups,
            **sweeping(followup_settings),
            lease=self.lease,
            # Follow-up messages are queued, not awaited (the delivery holds their leases while
            # they wait for the group's pace, in the bulk lane): the scheduler's loop never
            # waits on Telegram's limits.
            batch_size=20,
            purge=self._purge,
            orders=self.order_jobs.check,  # bills matched to claims (#15)
            orders_prepare=self.order_jobs.sweep,
            orders_interval=self.order_jobs.interval,
            jobs=digest_jobs(app.settings, app.database, app.clock, app.localizer),  # #17
        )
        self.operations = Operations(
            database=app.database,
            clock=app.clock,
            worker=self.worker,
            mode=settings.mode,
            in_hand=lambda: self.queues.in_hand,
            late_after=timedelta(seconds=2 * followup_settings.sweep_seconds),
        )
        if app.settings.dashboard.public_url:  # the supervisors' web page (#17)
            pages = pages_of(app.settings, app.database, app.clock, app.localizer)
            self.operations.more_routes.append(pages.add_routes)
        self.webhook_port: int | None = None
        self.started = asyncio.Event()
        self.files = build_keeper(  # evidence files downloaded, kept and read (#16)
            app, transport=transport, queue=self._queue_replies, lease=self.lease
        )
        if self.files is not None:
            self.delivery.read_file = self.files.store.get  # /mydata's archive (#16)

    async def run(self, stop: asyncio.Event) -> None:
        settings = self.app.settings.telegram
        if self.files is not None:  # the directory or bucket writable (StoreProblem if not)
            await self.files.check_store()
        identity = await self.transport.open()
        self.inbox.bot_id = identity.id
        if isinstance(self.queues, LeasedChats):
            self.queues.bot_id = identity.id
        log.info(
            "connected as @%s (%s, %s, worker %s)",
            identity.username,
            settings.framework,
            settings.mode,
            self.worker,
        )
        await self._set_commands()
        desk = self.app.conversation.deps.desk
        if desk.enabled:
            self.handoff.use_topics = await check_teams(self.transport, desk, identity.id)
        if isinstance(self.queues, LeasedChats):
            # Only chats nobody holds: a live worker's are left to it (several workers).
            recovered = await self.queues.sweep()
            if recovered:
                log.info("taking over %d chat(s) with updates nobody is handling", recovered)
        else:
            recovered = await self.inbox.recover()
            if recovered:
                log.info("processing %d update(s) stored before the last stop", recovered)
        await self.scheduler.start()
        sweeper = asyncio.create_task(self._sweep(stop, settings.outbox_sweep_seconds))
        handing_off = asyncio.create_task(self._hand_off(stop, settings.outbox_sweep_seconds))
        keeping = asyncio.create_task(self.files.run(stop) if self.files else asyncio.sleep(0))
        operations_server = None
        try:
            if settings.mode == "polling":
                if settings.metrics_port is not None:
                    operations_server = await self.operations.serve(
                        settings.metrics_listen, settings.metrics_port
                    )
                await self.transport.delete_webhook()
                self.started.set()
                self.operations.state = "running"
                await poll(self.transport, self.inbox, stop, timeout=settings.poll_timeout)
            else:
                await self._serve_webhook(stop)
        finally:
            # Stop taking updates (done above), finish the ones in hand, deliver, exit.
            self.operations.state = "stopping"
            await self.queues.drain()
            if operations_server is not None:
                await operations_server.cleanup()
            await self.scheduler.shutdown()
            # The loops end at their next turn once stopped; a cancel in the middle of a
            # transaction would leave its connection to be reset from a cancelled task.
            stop.set()
            self.handoff.wake.set()
            _, late = await asyncio.wait({sweeper, handing_off, keeping}, timeout=10)
            for task in late:
                task.cancel()
            await asyncio.gather(sweeper, handing_off, keeping, return_exceptions=True)
            await self.delivery.close()  # pending callback answers, "sent" marks not yet written
            await self.transport.close()

    async def _serve_webhook(self, stop: asyncio.Event) -> None:
        hook = self.app.settings.telegram.webhook
        secret = hook.secret_token.get_secret_value() if hook.secret_token else ""
        web_app = webhook_app(self.inbox, self.operations, path=hook.path, secret=secret)
        runner, site = await start_server(web_app, hook.listen, hook.port)
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        self.webhook_port = sockets[0].getsockname()[1] if sockets else hook.port
        public = (hook.public_url or "").rstrip("/") + hook.path
        await self.transport.set_webhook(public, secret)
        log.info("webhook listening on %s:%s%s", hook.listen, self.webhook_port, hook.path)
        self.started.set()
        self.operations.state = "running"
        try:
            await stop.wait()
        finally:
            self.operations.state = "stopping"
            await site.stop()  # no new requests; the ones in hand finish below
            await runner.cleanup()

    async def _sweep(self, stop: asyncio.Event, interval: float) -> None:
        turns = 0
        while not stop.is_set():
            try:  # queued, not awaited: a group's pace never holds up the sweeps
                await self.delivery.sweep(wait=False)
            except Exception:
                log.exception("outbox sweep failed")
            if isinstance(self.queues, LeasedChats):
                try:  # a dead worker's chats, once their lease has run out
                    await self.queues.sweep()
                    turns += 1
                    pacer = self.delivery.pacer
                    if isinstance(pacer, SharedPacer) and turns % 100 == 0:
                        await pacer.forget_old()
                except Exception:
                    log.exception("chat sweep failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval)

    async def _queue_replies(
        self, session: AsyncSession, out: list[Outgoing]
    ) -> Callable[[], None]:
        """Replies made outside an update (a file refused, a screenshot read) into the outbox
        in the caller's transaction; the returned function queues them once it committed."""
        rows = await outbox.add_calls(
            session=session,
            calls=render_calls(self.app.localizer, out),
            now=self.app.clock.now(),
            lease=self.lease,
        )
        return lambda: self.delivery.enqueue(rows)

    async def _queue_follow_ups(self, rows: list[OutboxMessage]) -> None:
        self.delivery.enqueue(rows)

    async def _fire(self, session: AsyncSession, row: FollowUp) -> list[Call]:
        """A follow-up's messages, as Bot API calls, inside the transaction that claimed it."""
        out = await firing.fire(session, row, self.app.clock.now(), self.app.deps)
        return in_lane(render_calls(self.app.localizer, out), BULK)  # reminders, digests

    async def _purge(self, session: AsyncSession, limit: int) -> tuple[int, list[Call]]:
        """One retention batch; then delivered data exports, and the raw updates and sent
        calls older than ``RAW_TRAFFIC_KEPT``, emptied."""
        conversation = self.app.conversation
        purged = await retention.purge_expired(
            session,
            now=self.app.clock.now(),
            aftercare=conversation.deps.aftercare,
            desk=conversation.deps.desk,
            limit=limit,
        )
        await erasure.clear_delivered_uploads(
            session=session, method="sendDocument", marker=UPLOAD
        )
        await erasure.forget_old_traffic(
            session=session,
            before=self.app.clock.now() - RAW_TRAFFIC_KEPT,
            set_aside_before=self.app.clock.now() - SET_ASIDE_KEPT,
        )
        calls = in_lane(render_calls(self.app.localizer, purged.out), BULK)
        return max(purged.cases, purged.drafts), calls

    async def _hand_off(self, stop: asyncio.Event, interval: float) -> None:
        if not self.app.conversation.deps.desk.enabled:
            return
        while not stop.is_set():
            self.handoff.wake.clear()
            try:
                await self.handoff.run()
            except Exception:
                log.exception("hand-off failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.handoff.wake.wait(), interval)

    async def _set_commands(self) -> None:
        plain = self.app.localizer.plain
        for language, code in MENU_LANGUAGES.items():
            assert language in SUPPORTED
            commands = [(name, plain(language, Msg(f"command-{name}"))) for name in MENU]
            try:
                await self.transport.set_commands(commands, code)
            except Exception as exc:  # the menu is a convenience: never a reason not to start
                log.warning("setMyCommands (%s) failed: %s", code or "default", exc)


def install_signal_handlers(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
