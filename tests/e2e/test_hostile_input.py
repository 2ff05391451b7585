"""Hostile input, end to end (issue #10): one bot lifetime of everything a careless client, a
forger, a race, Telegram and a flood can throw at a real `refund-desk run` process with the
agents' desk configured, while two honest parents complete their claims.

1. malformed updates injected raw: a message without chat, one without date, a press without
   ``from``, an update type nobody knows, a 5,000-character text, a NUL-laden caption alone;
2. forged button data, pressed by a parent and by an agent: another parent's intake button,
   ``d|²|approve|``, ``d|99999999999999999999|claim|``, ``pcase:１２``, ``rate:1:٥``,
   ``erase:²``, 70 bytes; and a card button pressed by someone who is not an agent;
3. the race: a parent answers the agent's question while the agent presses Approve, both in
   the same batch: the case is decided once, not put back "in review";
4. a card Telegram refuses once (400): it reaches the topic on the hand-off's retry;
5. a flood: 60 texts from a parent whose case is open, as fast as possible;
6. errors quoting the token (a 400's description, a proxy's 502 page).

At the end the bot still answers a new parent, every honest claim is in the database exactly
as typed, the unreadable updates are set aside with a reason and never replayed, the process
exits 0 on SIGTERM, and neither the log nor any column of any table holds the token.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import inspect, text
from sqlmodel import col, select

from handlers.replies import Msg
from storage.database import Database
from storage.models import Case, CaseEvent, FollowUp, InboxUpdate, OutboxMessage
from tests.conftest import POSTGRES_ENV
from tests.e2e.agent import TelegramAgent, buttons_of, in_topic
from tests.e2e.harness import BotProcess
from tests.e2e.intake import FRENCH, TRADITIONAL, check_claims, complete_intake
from tests.e2e.parent import TelegramParent
from tests.emulator import BotApiEmulator

#: (framework, mode, database): both frameworks polling on SQLite, and one in webhook mode on
#: PostgreSQL, where a NUL or a race fails differently.
COMBOS = [
    ("python-telegram-bot", "polling", "sqlite"),
    ("aiogram", "polling", "sqlite"),
    ("aiogram", "webhook", "postgresql"),
]
IDS = ["ptb-polling-sqlite", "aiogram-polling-sqlite", "aiogram-webhook-postgresql"]
#: What people wrote in the malformed updates: it must never reach the log.
WORDS = "Mallory's private words 7Q"
FLOOD = 60
FUTURE_TYPE = "chat_boost_of_the_future"
RELAY_PER_MINUTE = 3  # [agents] relay_per_minute, its default
#: Telegram's 20 messages a minute to a group, on a window ten times shorter: this scenario
#: posts more than 20 in its first minute (2 topics, a refused card, 2 cards, 6 album items,
#: agents' prompts and card edits, relays), and a turn that must wait for the group waits
#: for the whole window (see test_a_busy_group_does_not_hold_up_a_parents_chat).
GROUP_WINDOW = 6.0
Predicate = Callable[[dict[str, Any]], bool]


def _chat_is(chat_id: int) -> Predicate:
    return lambda params: str(params.get("chat_id")) == str(chat_id)


def _is_card(group_id: int) -> Predicate:
    return lambda params: _chat_is(group_id)(params) and "Case <b>" in str(params.get("text"))


def _malformed(mallory: TelegramParent) -> list[dict[str, Any]]:
    sender = mallory.user.to_api()
    chat = {"id": mallory.chat_id, "type": "private", "first_name": sender["first_name"]}
    now = int(time.time())
    return [
        {"message": {"message_id": 90001, "from": sender, "date": now, "text": WORDS}},
        {"message": {"message_id": 90002, "from": sender, "chat": chat, "text": WORDS}},
        {
            "callback_query": {
                "id": "4990001",
                "chat_instance": "1",
                "data": "erase:no",
                "message": dict(mallory.last),
            }
        },
        {FUTURE_TYPE: {"id": 1, "chat": chat, "words": WORDS}},
        # Readable, but more than Telegram ever sends, and a caption with nothing to caption.
        {
            "message": {
                "message_id": 90003,
                "from": sender,
                "chat": chat,
                "date": now,
                "text": "A" * 5000,
            }
        },
        {
            "message": {
                "message_id": 90004,
                "from": sender,
                "chat": chat,
                "date": now,
                "caption": f"\x00{WORDS}\x00\x00",
            }
        },
    ]


FORGED = [
    "d|²|approve|",
    "d|99999999999999999999|claim|",
    "pcase:１２",
    "rate:1:٥",
    "erase:²",
    "pcase:" + "9" * 64,  # 70 bytes: more than Telegram's 64
]


async def _rows(database: Database, model: type, *where: Any) -> list[Any]:
    async with database.unit_of_work() as session:
        return list((await session.exec(select(model).where(*where))).all())


async def _until(database: Database, check: Callable[[], Any], bot: BotProcess, what: str) -> Any:
    """Poll the database (the bot's commits are not emulator events) for up to 20 s."""
    for _ in range(400):
        result = await check()
        if result:
            return result
        await asyncio.sleep(0.05)
    raise AssertionError(f"never: {what}\n{bot.log()[-5000:]}")


async def _press(emulator: BotApiEmulator, user: Any, message: dict, data: str, **kw: Any) -> dict:
    update = emulator.inject_callback(user, message["message_id"], data, **kw)
    answer = await emulator.wait_for(lambda: emulator.callback_answer(update), timeout=10)
    return answer


def _card(emulator: BotApiEmulator, group_id: int, reference: str) -> dict[str, Any] | None:
    """The case's card as it is now (edits applied), wherever it is."""
    return next(
        (
            m
            for m in emulator.sent_messages(group_id)
            if f"Case <b>{reference}</b>" in m.get("text", "")
            or f"Case {reference}" in m.get("text", "")
        ),
        None,
    )


async def _scan_for(database: Database, needles: list[str]) -> list[str]:
    """Every value of every row of every table, as text: where any needle appears."""
    found: list[str] = []
    async with database.engine.connect() as conn:
        tables = await conn.run_sync(lambda c: inspect(c).get_table_names())
        for table in tables:
            result = await conn.execute(text(f'SELECT * FROM "{table}"'))
            for row in result.mappings():
                for column, value in row.items():
                    forms = [str(value)]
                    if isinstance(value, dict | list):
                        forms.append(json.dumps(value))
                    elif isinstance(value, bytes):
                        forms.append(value.decode("utf-8", "replace"))
                    if any(n in form for n in needles for form in forms):
                        found.append(f"{table}.{column}")
    return found


@pytest.mark.parametrize(("framework", "mode", "backend"), COMBOS, ids=IDS)
async def test_hostile_input_in_one_lifetime(
    emulator, localizer, running_bot, postgres_url, framework, mode, backend
):
    if backend == "postgresql" and not os.environ.get(POSTGRES_ENV):
        pytest.skip(f"needs {POSTGRES_ENV}")
    group = emulator.make_forum_group("Refund team")
    agent = TelegramAgent(emulator, group, greeting=None)  # an agent by agent_ids
    outsider = emulator.make_user("Eve", language_code="en")
    bot = running_bot(
        framework=framework,
        mode=mode,
        database=backend,
        agents={
            "chat_id": group.id,
            "language": "en",
            "agent_ids": [agent.user.id],
            "handoff_retry_seconds": 1,
        },
        limits={"per_group": 20, "group_window_seconds": GROUP_WINDOW},
    )
    limiter = emulator.enable_rate_limits(per_group=20, group_window=GROUP_WINDOW, overall=30)
    # 4. The first card Telegram is asked for is refused once: the hand-off tries again.
    emulator.fail_next(
        "sendMessage",
        status=400,
        description="Bad Request: something",
        predicate=_is_card(group.id),
    )
    token = emulator.token
    async with bot:
        database = bot.database
        french = TelegramParent(emulator, localizer, language_code="fr", name="Léa")
        chinese = TelegramParent(emulator, localizer, language_code="zh-hant", name="美玲")
        mallory = TelegramParent(emulator, localizer, language_code="en", name="Mallory")
        honest = asyncio.gather(
            complete_intake(french, FRENCH), complete_intake(chinese, TRADITIONAL)
        )

        # 1. Malformed updates, while the honest parents answer.
        await mallory.command("start")
        since = emulator.mark()
        # A newer Bot API server sends an update type neither framework knows yet.
        emulator.allowed_updates = emulator.allowed_updates | {FUTURE_TYPE}
        bad = [emulator.inject_raw(update)["update_id"] for update in _malformed(mallory)]
        unreadable, unknown, long_text, caption = bad[:3], bad[3], bad[4], bad[5]
        # The readable two are answered (in the order sent).
        first = await emulator.wait_for_call(
            "sendMessage", mallory._for_me, since=since, timeout=20, ok_only=True
        )
        second = await emulator.wait_for_call(
            "sendMessage", mallory._for_me, since=first.seq, timeout=20, ok_only=True
        )
        assert first.result["text"] and second.result["text"]

        # 2. Forged button data from a parent: another parent's intake button first.
        def french_draft_button() -> str | None:
            for message in emulator.sent_messages(french.chat_id):
                for data in buttons_of(message).values():
                    if re.fullmatch(r"\d+\|[a-z_]+\|.*", data):
                        return data
            return None

        stolen = await emulator.wait_for(french_draft_button, timeout=20)
        mallory_message = mallory.last
        await _press(emulator, mallory.user, mallory_message, stolen)  # her draft goes on

        references = await honest
        french_ref, chinese_ref = references
        french_case = (await _rows(database, Case, Case.reference == french_ref))[0]
        # The rest once cases exist, and another parent's case by its real id too.
        others = [f"rate:{french_case.id}:5", f"pcase:{french_case.id}"]
        for data in [*FORGED, *others]:
            await _press(emulator, mallory.user, mallory_message, data)

        # 4. Both cards reach their topics; the refused one on the hand-off's retry.
        for reference in references:
            await emulator.wait_for(lambda r=reference: _card(emulator, group.id, r), timeout=20)
        refused = [c for c in emulator.calls_of("sendMessage") if _is_card(group.id)(c.params)]
        assert [c.status for c in refused].count(400) == 1, [c.status for c in refused]
        assert sum(c.status == 200 for c in refused) == 2
        assert len(emulator.calls_of("createForumTopic")) == 2
        assert len(group.topics) == 2

        # 2. Forged button data from an agent, on a real card; a card button from an outsider.
        card = _card(emulator, group.id, french_ref)
        assert card is not None
        for data in [stolen, *FORGED]:
            answer = (await agent.press_data(data, message_id=card["message_id"])).params
            assert answer.get("text") == "That button is no longer valid.", (data, answer)
        claim = next(d for d in buttons_of(card).values() if d.endswith("|claim|"))
        answer = await _press(emulator, outsider, card, claim, chat=group)
        assert answer.get("text") == "Only support agents can act on cases here.", answer

        # 3. The race: the parent answers the question as the agent approves.
        french_case = (await _rows(database, Case, Case.reference == french_ref))[0]
        assert french_case.assignee_id is None  # nobody claimed it: not the outsider
        thread = french_case.topic_id
        agent.thread, agent.card_id = thread, card["message_id"]
        # Someone who is not an agent writes in the case's topic: nothing reaches the parent.
        since = emulator.mark()
        emulator.inject_text(outsider, "Send me your bank card", chat=group, thread_id=thread)
        refusal = await emulator.wait_for_call("sendMessage", in_topic(thread), 10, since=since)
        assert "Only support agents" in refusal.params["text"]
        await agent.press(action="ask")
        since = emulator.mark()
        agent.say("Quel âge a votre fille ?")
        await french._reply_after(since)
        assert "Quel âge a votre fille ?" in french.last["text"]
        await _until(
            database,
            lambda: _rows(
                database, Case, Case.id == french_case.id, Case.status == "waiting_parent"
            ),
            bot,
            "the case waits for the parent",
        )
        card = _card(emulator, group.id, french_ref)
        assert card is not None
        approve = next(d for d in buttons_of(card).values() if d.endswith("|approve|"))
        since = emulator.mark()
        answer_update = emulator.inject_text(french.user, "Elle a 11 ans et demi.")
        press_update = emulator.inject_callback(agent.user, agent.card_id, approve, chat=group)
        if mode == "polling":  # both in one getUpdates answer
            batch = await emulator.wait_for_call(
                "getUpdates",
                lambda c: any(
                    u["update_id"] == press_update["update_id"] for u in (c.result or [])
                ),
                since=since,
                timeout=10,
            )
            assert answer_update["update_id"] in [u["update_id"] for u in batch.result]
        await emulator.wait_for(lambda: emulator.callback_answer(press_update), timeout=10)
        await emulator.wait_for_call(
            "sendMessage",
            lambda c: (
                str(c.params.get("message_thread_id")) == str(thread)
                and "Elle a 11 ans et demi." in c.params.get("text", "")
            ),
            since=since,
            timeout=15,
        )
        decided_line = localizer.plain(
            "fr",
            Msg(
                "decision-approved",
                {"reference": french_ref, "total": "49,90\u00a0€ + 648,00\u00a0CNY"},
            ),
        ).split("\n")[0]
        await emulator.wait_for(
            lambda: any(
                decided_line in m.get("text", "") for m in emulator.sent_messages(french.chat_id)
            ),
            timeout=15,
        )

        # 5. A flood: 60 texts from a parent whose case is open.
        chinese_case = (await _rows(database, Case, Case.reference == chinese_ref))[0]
        flood_since = emulator.mark()
        flood = [
            emulator.inject_text(chinese.user, f"第{i}則訊息")["update_id"] for i in range(FLOOD)
        ]
        handled = InboxUpdate.processed_at != None  # noqa: E711
        await _until(
            database,
            lambda: _count_true(
                database, InboxUpdate, col(InboxUpdate.update_id).in_(flood), handled, n=FLOOD
            ),
            bot,
            "the flood is handled",
        )

        # 6. Errors quoting the token: a 400 that fails the message, a 502 page it outlives.
        quoted = f"https://api.telegram.org/bot{token}/sendMessage"
        since = emulator.mark()
        emulator.fail_next(
            "sendMessage",
            status=400,
            description=f"Bad Request: see {quoted}",
            predicate=_chat_is(mallory.chat_id),
        )
        emulator.inject_command(mallory.user, "/help")
        await emulator.wait_for_call("sendMessage", mallory._for_me, since=since, timeout=10)
        emulator.raw_next(
            "sendMessage",
            f"<html><body>502 Bad Gateway: {quoted}</body></html>",
            status=502,
            predicate=_chat_is(mallory.chat_id),
        )
        if mode == "polling":  # and a proxy's page quoting it instead of updates
            emulator.raw_next("getUpdates", f"<html>502 Bad Gateway: {quoted}</html>", status=502)
        await mallory.command("status")
        failed = await _until(
            database,
            lambda: _rows(database, OutboxMessage, OutboxMessage.status == "failed"),
            bot,
            "the refused message is failed",
        )
        assert len(failed) == 1 and failed[0].chat_id == mallory.chat_id, failed
        assert "<token>" in (failed[0].last_error or ""), failed[0].last_error

        # The end: the bot still answers a new parent.
        newcomer = TelegramParent(emulator, localizer, language_code="fr", name="Noé")
        await newcomer.command("start")
        newcomer.language = "fr"
        assert newcomer.expects("ask-consent"), newcomer.last["text"]

        # --- what the database says ---------------------------------------------------------
        await check_claims(database, references)  # every honest claim, exactly as typed
        await _check_malformed(database, emulator, mode, unreadable, unknown, long_text, caption)
        await _check_race(database, emulator, french, french_case.id, decided_line)
        assert not await _rows(database, CaseEvent, CaseEvent.action == "rated")  # by Mallory
        flood_report = await _check_flood(
            database, emulator, group.id, chinese, chinese_case, flood, flood_since
        )
        # Nothing else was set aside, nor failed even once; every other update was handled.
        others = await _rows(
            database, InboxUpdate, col(InboxUpdate.update_id).not_in([*unreadable])
        )
        assert all(r.processed_at is not None and r.attempts == 0 for r in others), [
            (r.update_id, r.error) for r in others if r.processed_at is None or r.attempts
        ]
        # Nor does any message wait forever: all sent, but the one Telegram refused.
        unsent = OutboxMessage.status != "sent"
        await _until(
            database,
            lambda: _count_true(database, OutboxMessage, unsent, n=1, exact=True),
            bot,
            "every message sent",
        )

        # The group's limit kept throughout. (Telegram's 30 a second overall is approximate:
        # the bot paces it in its own process, and the jitter of a local network may let the
        # emulator count 31 in a second now and then; a 429 there is retried.)
        assert [v for v in limiter.violations if v.scope == "chat"] == []
        assert bot.process is not None and bot.process.returncode is None
        assert await bot.stop() == 0

    # --- the token and people's words stay out of the log and the database ----------------
    database = Database(bot.database_url)
    try:
        assert await _scan_for(database, [token, token.split(":")[1]]) == []
    finally:
        await database.dispose()
    log = bot.log()
    assert token not in log and token.split(":")[1] not in log
    assert "Traceback" not in log, log
    for words in (WORDS, FRENCH["description"], TRADITIONAL["description"], "第1則訊息"):
        assert words not in log, words
    for update_id in unreadable:
        assert log.count(f"update {update_id} set aside: unreadable") == 1, log
    print(f"\nflood: {flood_report}")


async def _count_true(
    database: Database, model: type, *where: Any, n: int, exact: bool = False
) -> bool:
    rows = await _rows(database, model, *where)
    return len(rows) == n if exact else len(rows) >= n


async def _check_malformed(
    database: Database,
    emulator: BotApiEmulator,
    mode: str,
    unreadable: list[int],
    unknown: int,
    long_text: int,
    caption: int,
) -> None:
    """Unreadable updates set aside with a reason, kept, never replayed; the others handled."""
    rows = {
        r.update_id: r
        for r in await _rows(
            database,
            InboxUpdate,
            col(InboxUpdate.update_id).in_([*unreadable, unknown, long_text, caption]),
        )
    }
    for update_id in unreadable:
        row = rows[update_id]
        assert row.failed_at is not None and row.processed_at is None, row
        assert (row.error or "").startswith("unreadable: "), row.error
        assert WORDS not in (row.error or "")
    for update_id in (unknown, long_text, caption):
        assert rows[update_id].processed_at is not None and rows[update_id].failed_at is None
    # Confirmed to Telegram: never delivered again.
    if mode == "polling":
        assert any(
            (c.params.get("offset") or 0) > max(unreadable)
            for c in emulator.calls_of("getUpdates")
        )
    else:
        for update_id in [*unreadable, unknown]:
            attempts = [a.status for a in emulator.webhook_responses if a.update_id == update_id]
            assert attempts == [200], attempts


async def _check_race(
    database: Database,
    emulator: BotApiEmulator,
    french: TelegramParent,
    case_id: int,
    decided_line: str,
) -> None:
    case = (await _rows(database, Case, Case.id == case_id))[0]
    assert case.status == "decided" and case.decision == "approved", case.status
    events = await _rows(database, CaseEvent, CaseEvent.case_id == case_id)
    assert [e.action for e in events].count("decided") == 1, [e.action for e in events]
    assert [e.action for e in events].count("parent_message") == 1
    texts = [m.get("text", "") for m in emulator.sent_messages(french.chat_id)]
    assert not any("bank card" in t for t in texts)  # the outsider's words never reached her
    told = [t for t in texts if decided_line in t]
    assert len(told) == 1, told


async def _check_flood(
    database: Database,
    emulator: BotApiEmulator,
    group_id: int,
    chinese: TelegramParent,
    case: Case,
    flood: list[int],
    since: int,
) -> str:
    """The group does not get 60 messages: a few relayed at once, the rest of what was read
    gathered for one digest (kept, with their words, in order); what the flood limit did not
    read got one notice, and no message at all went missing between the two."""
    events = await _rows(
        database, CaseEvent, CaseEvent.case_id == case.id, CaseEvent.action == "parent_message"
    )
    events.sort(key=lambda e: e.id)
    texts = [e.details.get("text") for e in events]
    read = len(texts)
    # Read or not read, never changed: each as typed, in the order sent. (Those over the
    # flood limit are not read; once the budget is back, later ones are.)
    sent_order = [f"第{i}則訊息" for i in range(len(flood))]
    assert read >= 1 and texts == [t for t in sent_order if t in texts], texts
    now = [e for e in events if e.details.get("relay", "now") == "now"]
    gathered = [e for e in events if e.details.get("relay") == "gathered"]
    assert len(now) <= RELAY_PER_MINUTE and len(now) + len(gathered) == read
    digest_line = "sent in quick succession"
    relayed = [
        c
        for c in emulator.calls_of("sendMessage")
        if c.seq > since
        and _chat_is(group_id)(c.params)
        and "則訊息" in c.params.get("text", "")
        and digest_line not in c.params.get("text", "")  # due after a minute: a slow machine
    ]
    assert len(relayed) <= RELAY_PER_MINUTE, [c.params["text"] for c in relayed]
    if gathered:
        digests = await _rows(
            database,
            FollowUp,
            FollowUp.case_id == case.id,
            FollowUp.kind == "relay_digest",
            FollowUp.status == "pending",
        )
        assert len(digests) == 1, digests
        assert sorted(digests[0].details["events"]) == sorted(e.id for e in gathered)
    dropped = len(flood) - read
    notice = localizer_line(chinese, "flood-notice")
    notices = [
        c
        for c in emulator.calls_of("sendMessage")
        if c.seq > since and chinese._for_me(c) and notice in c.params.get("text", "")
    ]
    # One notice per flood (a second only if the whole budget came back in between).
    assert (1 <= len(notices) <= 2) if dropped else not notices, len(notices)
    return (
        f"{read} read ({len(now)} relayed at once, {len(gathered)} gathered), "
        f"{dropped} over the flood limit"
    )


def localizer_line(parent: TelegramParent, key: str) -> str:
    return parent.localizer.plain("zh-Hant", Msg(key)).split("\n")[0]


async def test_a_busy_group_does_not_hold_up_a_parents_chat(emulator, localizer, running_bot):
    """The pacer promises "a busy group waits on its own window without holding up private
    chats". A parent whose message must wait for the agents' group (20 a minute, here 6, all
    spent) is still told at once that it was received, and their next message is answered."""
    group = emulator.make_forum_group("Refund team")
    # At the end the bot is killed: SIGTERM would wait for the turn held by the group's window
    # too, which is not tested here.
    async with running_bot(
        framework="aiogram",
        agents={"chat_id": group.id, "language": "en"},
        limits={"per_group": 6, "group_window_seconds": 60.0},
    ):
        parent = TelegramParent(emulator, localizer, language_code="fr", name="Léa")
        reference = await complete_intake(parent, FRENCH)
        # The hand-off: the topic, the card and 3 album items are 5 of the group's 6.
        await emulator.wait_for_call(
            "sendMediaGroup", lambda c: _chat_is(group.id)(c.params), timeout=15
        )
        parent.timeout = 5.0
        await parent.say("Premier message.")  # the group's 6th: relayed at once
        assert parent.expects("parent-relayed", reference=reference), parent.last["text"]
        # The 7th waits for the group's window; the parent need not wait with it.
        await parent.say("Deuxième message.")
        assert parent.expects("parent-relayed", reference=reference), parent.last["text"]
        await parent.command("status")
        assert reference in parent.last["text"]
