"""A case always reaches the agents, or someone is told: a refused hand-off is retried with
back-off; after repeated refusals the supervisors get one alert (through the outbox), the
operator a log line and a metric, and the retries go on slowly until the group accepts."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest

from bot.metrics import REGISTRY
from bot.telegram.errors import Permanent, Transient
from bot.telegram.handoff import Handoff
from bot.telegram.pacing import Pacer
from storage.models import Case
from storage.repositories import cases
from tests.bot.handoff_fakes import SUPERVISOR, FakeGroup, desk_policy, new_case
from tests.bot.pipeline import build_delivery, outbox_rows
from tests.handlers.desk_helpers import GROUP, reload, submitted_case

NO_RIGHTS = "Bad Request: not enough rights to send text messages to the chat"


def _handoff(group: FakeGroup, database, clock, localizer, **kw: Any) -> Handoff:
    return Handoff(
        transport=group,
        database=database,
        localizer=localizer,
        clock=clock,
        pacer=Pacer(per_group_minute=1000),
        desk=desk_policy(topics=kw.pop("topics", True)),
        topic_grace=timedelta(seconds=60),
        **kw,
    )


async def _refused(
    database, clock, localizer, error: Exception | None = None, method="sendMessage", **kw: Any
) -> tuple[FakeGroup, Handoff, Case]:
    """A group that refuses ``method`` (with ``error``, by default a 400 for lack of rights),
    the hand-off to it (``kw``: its settings) and a new case for it to hand off."""
    group = FakeGroup()
    group.refuse(Permanent(NO_RIGHTS) if error is None else error, method)
    handoff = _handoff(group, database, clock, localizer, **kw)
    return group, handoff, await new_case(database, clock)


def _count(name: str) -> float:
    return REGISTRY.get_sample_value(name) or 0.0


async def test_a_card_refused_with_a_400_is_retried_later_and_delivered(
    database, clock, localizer
):
    group, handoff, case = await _refused(database, clock, localizer)
    failures = _count("refund_desk_handoff_failures_total")

    assert await handoff.run() == 0
    stored = await reload(database, case)
    assert stored.handoff_attempts == 1
    assert stored.handoff_retry_at == clock.now() + timedelta(seconds=30)
    assert stored.topic_id == 101  # the topic is kept: only the card is tried again
    assert _count("refund_desk_handoff_failures_total") == failures + 1

    calls = len(group.calls)
    assert await handoff.run() == 0  # not due yet: nothing asked of Telegram
    assert len(group.calls) == calls

    group.accept()
    clock.advance(seconds=31)
    assert await handoff.run() == 1
    stored = await reload(database, case)
    assert stored.handoff_status == "done" and stored.card_message_id is not None
    assert stored.handoff_attempts == 0 and stored.handoff_retry_at is None
    cards = group.of("sendMessage")
    assert cards[-1]["message_thread_id"] == 101 and "K7QM4" in cards[-1]["text"]
    assert len(group.of("createForumTopic")) == 1  # never a second topic


async def test_the_back_off_doubles(database, clock, localizer):
    _, handoff, case = await _refused(database, clock, localizer, topics=False)
    waits = []
    for _ in range(4):
        await handoff.run()
        stored = await reload(database, case)
        assert stored.handoff_retry_at is not None
        waits.append((stored.handoff_retry_at - clock.now()).total_seconds())
        clock.current = stored.handoff_retry_at
    assert waits == [30, 60, 120, 240]


async def test_repeated_refusals_alert_the_supervisors_once_then_retry_slowly(
    database, clock, localizer, caplog
):
    group, handoff, case = await _refused(database, clock, localizer)
    alerts = _count("refund_desk_handoff_alerts_total")
    caplog.set_level(logging.INFO)

    for _ in range(5):
        assert await handoff.run() == 0
        stored = await reload(database, case)
        assert stored.handoff_retry_at is not None
        clock.current = stored.handoff_retry_at

    stored = await reload(database, case)
    assert stored.handoff_attempts == 5 and stored.handoff_alerted_at is not None
    rows = await outbox_rows(database)
    assert len(rows) == 1  # the alert, queued in the outbox so it is not lost
    alert = rows[0].payload
    assert rows[0].chat_id == GROUP and alert["chat_id"] == GROUP
    assert "message_thread_id" not in alert and "_case" not in alert  # the group itself
    assert "K7QM4" in alert["text"] and f"tg://user?id={SUPERVISOR}" in alert["text"]
    assert "not enough rights" in alert["text"]  # what Telegram said
    assert "mon fils" not in alert["text"]  # never the parent's words
    assert _count("refund_desk_handoff_alerts_total") == alerts + 1
    errors = [r for r in caplog.records if r.levelno == logging.ERROR and "K7QM4" in r.message]
    assert any("supervisors" in r.message for r in errors)

    # Slow retries continue, without a second alert.
    for _ in range(2):
        assert await handoff.run() == 0
        stored = await reload(database, case)
        assert stored.handoff_retry_at == clock.now() + timedelta(minutes=30)
        clock.current = stored.handoff_retry_at
    assert len(await outbox_rows(database)) == 1
    assert _count("refund_desk_handoff_alerts_total") == alerts + 1
    assert stored.handoff_attempts == 7

    # The group accepts again: the card goes out, and the supervisors hear it went through.
    group.accept()
    assert await handoff.run() == 1
    stored = await reload(database, case)
    assert stored.handoff_status == "done" and stored.handoff_alerted_at is None
    rows = await outbox_rows(database)
    assert len(rows) == 2
    assert "K7QM4" in rows[1].payload["text"] and "tg://user" not in rows[1].payload["text"]

    # Both notices are ordinary outbox rows: the sweeper sends them to the group.
    delivery = build_delivery(group, database, clock, pacer=Pacer(per_group_minute=1000))
    assert await delivery.sweep() == 2
    await delivery.close()
    assert [r.status for r in await outbox_rows(database)] == ["sent", "sent"]


async def test_an_unexpected_error_counts_as_a_refusal(database, clock, localizer, caplog):
    _, handoff, case = await _refused(
        database, clock, localizer, RuntimeError("boom"), topics=False, alert_after=2
    )
    for _ in range(2):
        assert await handoff.run() == 0
        stored = await reload(database, case)
        assert stored.handoff_retry_at is not None
        clock.current = stored.handoff_retry_at
    assert stored.handoff_attempts == 2
    (alert,) = await outbox_rows(database)
    assert "RuntimeError" in alert.payload["text"] and "boom" not in alert.payload["text"]


async def test_messages_for_the_case_wait_while_its_hand_off_is_retried(
    database, clock, localizer
):
    group, handoff, case = await _refused(database, clock, localizer)
    await handoff.run()
    assert (await reload(database, case)).handoff_status == "failed"
    assert await handoff.route(case.id) is None  # nothing overtakes the card
    group.accept()
    clock.advance(seconds=31)
    await handoff.run()
    assert await handoff.route(case.id) == {"chat_id": GROUP, "message_thread_id": 101}


async def test_an_unknown_topic_outcome_is_never_retried_blindly(database, clock, localizer):
    group, handoff, case = await _refused(
        database, clock, localizer, Transient("connection reset"), "createForumTopic"
    )
    await handoff.run()
    group.accept()
    clock.advance(seconds=31)  # due again, but Telegram may have made the topic
    await handoff.run()
    assert len(group.of("createForumTopic")) == 1
    clock.advance(seconds=60)  # no topic announced itself: the card goes to the group
    assert await handoff.run() == 1
    assert len(group.of("createForumTopic")) == 1
    assert "message_thread_id" not in group.of("sendMessage")[-1]
    assert (await reload(database, case)).handoff_status == "done"


async def test_a_hand_off_never_conflicts_with_a_change_to_the_case(database, clock, localizer):
    """Hand-off bookkeeping is written with plain UPDATEs: the case's version is untouched,
    so an agent's or a parent's change decided on an earlier read still commits."""
    group, handoff, case = await _refused(database, clock, localizer)
    async with database.unit_of_work() as session:
        stale = await session.get(Case, case.id)  # read by an event being handled
        assert stale is not None
        version = stale.version
    await handoff.run()  # refused
    group.accept()
    clock.advance(seconds=31)
    await handoff.run()  # delivered
    assert (await reload(database, case)).version == version
    async with database.unit_of_work() as session:
        session.add(stale)
        stale.status = "in_review"  # UPDATE ... WHERE version = the version it was read at
    stored = await reload(database, case)
    assert stored.status == "in_review" and stored.handoff_status == "done"


# -- against the Bot API emulator, through both frameworks -----------------------------------


@pytest.mark.parametrize("framework", ["python-telegram-bot", "aiogram"])
async def test_a_refused_card_reaches_a_real_group_after_an_alert(tmp_path, framework):
    from bot.app import build_app
    from bot.telegram.runner import TelegramRunner
    from bot.transports import make_transport
    from tests.bot.emulated_bot import polling_settings, running
    from tests.emulator import BotApiEmulator

    async with BotApiEmulator() as emulator:
        group = emulator.make_forum_group("Refund team")
        agents = {"chat_id": group.id, "supervisor_ids": [SUPERVISOR]}
        settings = polling_settings(
            emulator, tmp_path, framework, {"outbox_sweep_seconds": 0.2}, agents=agents
        )
        app = build_app(settings)
        await app.start()
        case = await new_case(app.database, app.clock)

        def to_group(params: dict[str, Any]) -> bool:
            return int(params["chat_id"]) == group.id

        emulator.fail_next("sendMessage", 400, description=NO_RIGHTS, count=2, predicate=to_group)
        runner = TelegramRunner(app, make_transport(settings))
        handoff = runner.handoff
        handoff.alert_after = 2
        handoff.retry_base = handoff.slow_retry = timedelta(seconds=0.3)
        async with running(app, runner):
            alert = await emulator.wait_for_call(
                "sendMessage", lambda c: "tg://user" in c.params["text"], timeout=15, ok_only=True
            )
            assert "K7QM4" in alert.params["text"]
            assert "not enough rights" in alert.params["text"].lower()
            assert "message_thread_id" not in alert.params
            card = await emulator.wait_for_call(
                "sendMessage",
                lambda c: c.params["text"].startswith("📋 Case <b>K7QM4</b>"),
                timeout=15,
                ok_only=True,
            )
            assert card.params.get("message_thread_id")
            await emulator.wait_for_call(
                "sendMessage", lambda c: "has now reached" in c.params["text"], timeout=15
            )
            stored = await reload(app.database, case)
            assert stored.handoff_status == "done" and stored.handoff_attempts == 0
            assert len(emulator.calls_of("createForumTopic")) == 1


async def test_a_deleted_topic_is_recreated_once_however_many_messages_hit_it(
    database, clock, localizer
):
    """Several queued messages of a case each get "thread not found" from the deleted topic:
    the first resets the hand-off; the others, reporting the same old topic after a new one
    was made, must not reset it again (a third topic, a third card)."""
    group = FakeGroup()
    handoff = _handoff(group, database, clock, localizer)
    case = await submitted_case(database, clock.now(), topic=77)
    await handoff.topic_gone(case.id, 77)
    assert (await reload(database, case)).topic_id is None
    async with database.unit_of_work() as session:  # the hand-off made a new topic
        await cases.set_handoff(session=session, case_id=case.id, topic_id=88)
    await handoff.topic_gone(case.id, 77)  # a late message about the old topic
    assert (await reload(database, case)).topic_id == 88


async def test_messages_go_once_the_card_is_posted_even_while_the_evidence_waits(
    database, clock, localizer
):
    """The card must come first; the evidence album (bulk lane) may wait for the group's pace
    without holding up what a parent and an agent say to each other."""
    handoff = _handoff(FakeGroup(), database, clock, localizer)
    case = await new_case(database, clock)
    assert await handoff.route(case.id) is None  # no card yet: the message waits
    async with database.unit_of_work() as session:
        await cases.set_handoff(session=session, case_id=case.id, topic_id=77)
    assert await handoff.route(case.id) is None  # a topic, still no card
    async with database.unit_of_work() as session:
        await cases.set_handoff(session=session, case_id=case.id, card_message_id=500)
    assert (await reload(database, case)).handoff_status == "pending"  # album not posted
    assert await handoff.route(case.id) == {"chat_id": GROUP, "message_thread_id": 77}
