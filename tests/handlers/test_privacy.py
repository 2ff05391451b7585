"""The parent's data under their control, in the core: consent recorded with the notice's
version and nothing personal kept before it, /mydata, /delete (then nothing personal left in
any table), the retention purge, muted check-ins, and logs that never quote a parent.

Personal data is typed as marker strings; "nothing left" is checked by scanning every row of
every table for them.
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from decimal import Decimal
from itertools import count
from typing import Any

import pytest
from sqlmodel import SQLModel, select

from bot import logs
from bot.telegram.calls import render_calls
from handlers.aftercare import retention
from handlers.conversation import Conversation
from handlers.events import EventKind, Incoming, Media, MediaKind
from handlers.followups import firing
from handlers.followups.kinds import Kind
from handlers.policy import AftercarePolicy, DeskPolicy
from handlers.replies import EditMessage, Outgoing, Reply, SendDocument
from storage.models import Case, CaseEvent, Draft, FollowUp, OutboxStatus, User
from storage.repositories import cases, drafts, followups, inbox, outbox
from tests.chat import ParentChat
from tests.core import core
from tests.handlers.desk_helpers import GROUP, TOPIC, Agent, reload

AGENT_ID = 9001
BOT_ID = 1
_updates = count(500)


class Marks:
    """What one parent types: each string appears nowhere else."""

    def __init__(self, tag: str) -> None:
        self.name = f"{tag}name"
        self.account = f"{tag}_acct_2015"
        self.order = f"{tag.upper()}ORD4471"
        self.description = f"My son {tag}-desc bought gems with my card."
        self.contact = f"{tag}-contact@example.org"
        # The platform and the payment method typed as "other".
        self.platform_other, self.payment_other = f"{tag}Plat", f"{tag}Pay"
        self.file_name, self.file_id = f"{tag}-receipt.pdf", f"{tag}-file-id"
        # After submission: the parent's later message, the agent's question.
        self.later, self.question = f"{tag}-later-message", f"{tag}-agent-question"
        self.draft_account = f"{tag}_draft_acct"

    def all(self) -> list[str]:
        return [v for k, v in vars(self).items()]


class Runtime:
    """The core driven as the Telegram runtime drives it: each event's raw update stored in
    the inbox first, its replies rendered into the outbox (and marked sent, with Telegram's
    answer) in the event's own transaction."""

    def __init__(self, conversation: Conversation, localizer, clock) -> None:
        self.conversation = conversation
        self.localizer = localizer
        self.clock = clock
        self.database = conversation.database

    async def _raw(self, event: Incoming) -> dict[str, Any]:
        message: dict[str, Any] = {
            "chat": {"id": event.chat_id},
            "from": {"id": event.sender.user_id, "first_name": event.sender.display_name},
            "text": event.text or event.payload or "",
            "document": [m.file_name for m in event.media],
        }
        if event.thread_id is not None:  # a topic message quotes the topic's creation
            async with self.database.unit_of_work() as session:
                case = await cases.case_by_topic(session=session, topic_id=event.thread_id)
            name = f"{case.reference} · Douyin" if case else "?"
            message["reply_to_message"] = {"forum_topic_created": {"name": name}}
        return {"update_id": next(_updates), "message": message}

    async def handle(self, event: Incoming, *, finish=None) -> list[Outgoing]:
        async with self.database.unit_of_work() as session:
            rows = await inbox.store_updates(
                session=session,
                bot_id=BOT_ID,
                updates=[await self._raw(event)],
                now=self.clock.now(),
            )

        async def queue(session, out: list[Outgoing]) -> None:
            await inbox.mark_processed(
                session=session, ids=[r.id for r in rows], now=self.clock.now()
            )
            calls = render_calls(self.localizer, out)
            queued = await outbox.add_calls(
                session=session, calls=calls, now=self.clock.now(), lease=timedelta(seconds=5)
            )
            for row, (_, _, params) in zip(queued, calls, strict=True):
                row.status, row.result = OutboxStatus.SENT, {"message": params}

        return await self.conversation.handle(event, finish=queue)


@pytest.fixture
def desk() -> DeskPolicy:
    return DeskPolicy(chat_id=GROUP, language="en", use_topics=True)


@pytest.fixture
def aftercare() -> AftercarePolicy:
    return AftercarePolicy(notice_version="2026-11-test", retention_days=30)


@pytest.fixture
def conversation(database, policy, clock, localizer, desk, deps, aftercare) -> Conversation:
    return core(database, clock, localizer, policy=policy, desk=desk, aftercare=aftercare)


@pytest.fixture
def runtime(conversation, localizer, clock) -> Runtime:
    return Runtime(conversation, localizer, clock)


def parent(handler, localizer, marks: Marks, user_id: int, language_code: str = "en"):
    chat = ParentChat(handler, localizer, user_id=user_id, language_code=language_code)
    chat.sender = type(chat.sender)(user_id, language_code, marks.name)
    return chat


def document(marks: Marks) -> Media:
    return Media(
        MediaKind.DOCUMENT,
        file_id=marks.file_id,
        file_unique_id=f"u-{marks.file_id}",
        file_name=marks.file_name,
        mime_type="application/pdf",
        size=81_234,
    )


async def submit_claim(chat: ParentChat, marks: Marks, *, others: bool = False) -> str:
    """A complete intake carrying every marker; returns the case reference."""
    await chat.command("start")
    if "ask-consent" in chat.keys:
        await chat.press("button-consent-yes")
    if others:
        await chat.say(marks.platform_other)  # a typed name is the "other" platform
    else:
        await chat.press("platform-douyin")
    await chat.press("problem-minor-purchase")
    await chat.press("writer-parent")
    await chat.say("12")
    await chat.say(marks.account)
    if others:
        await chat.press("payment-other")
        await chat.say(marks.payment_other)
    else:
        await chat.press("payment-alipay")
    await chat.say("¥ 648")
    if chat.keys == ["ask-zone"]:  # a bare "en" parent says where they are, once
        await chat.press("zone-city-london")
    await chat.say("yesterday at 9pm")
    await chat.press("button-tx-correct")
    await chat.say(marks.order)
    await chat.press("button-tx-done")
    await chat.upload(document(marks))
    await chat.press("button-evidence-done")
    await chat.say(marks.description)
    await chat.say(marks.contact)
    assert chat.keys[0] == "review-header", chat.keys
    await chat.press("button-submit")
    assert chat.keys[0] == "submitted", chat.keys
    return str(chat.last.parts[0].params["reference"])


async def case_of(database, reference: str) -> Case:
    async with database.unit_of_work() as session:
        case = await cases.case_by_reference(session=session, reference=reference)
        assert case is not None
        return case


async def put_in_topic(database, reference: str) -> Case:
    """What the hand-off would have done: a topic and a card for the case."""
    async with database.unit_of_work() as session:
        case = await cases.case_by_reference(session=session, reference=reference)
        assert case is not None
        case.topic_id, case.card_message_id, case.handoff_status = TOPIC, 500, "done"
    return await case_of(database, reference)


async def scan(database, markers: list[str]) -> dict[str, list[str]]:
    """Every marker found anywhere: {table: [marker, ...]}."""
    found: dict[str, list[str]] = {}
    async with database.unit_of_work() as session:
        for table in SQLModel.metadata.sorted_tables:
            connection = await session.connection()
            rows = (await connection.execute(select(table))).all()
            text = "\n".join(repr(tuple(row)) for row in rows)
            hits = [m for m in markers if m in text]
            if hits:
                found[table.name] = hits
    return found


async def user_row(database, user_id: int) -> User | None:
    async with database.unit_of_work() as session:
        return await session.get(User, user_id)


def sent_to(out: list[Outgoing], chat_id: int) -> list[str]:
    return [p.key for o in out if isinstance(o, Reply) and o.chat_id == chat_id for p in o.parts]


# -- consent ----------------------------------------------------------------------------------


async def test_nothing_personal_is_kept_before_consent(database, conversation, localizer, clock):
    marks = Marks("qvw")
    chat = parent(conversation, localizer, marks, 1001, "fr")
    await chat.command("start", "douyin")
    assert chat.keys == ["welcome", "ask-consent"]
    await chat.say(f"{marks.account} {marks.description}")
    assert chat.keys[0] == "error-use-buttons"
    await chat.upload(document(marks))  # a file before consent is refused, not kept
    assert chat.keys[0] == "error-media-here"
    assert await scan(database, marks.all()) == {}
    user = await user_row(database, 1001)
    assert user is not None
    assert (user.language, user.timezone, user.display_name) == ("fr", "Europe/Paris", "")
    assert user.consented_at is None and user.consent_version is None

    clock.advance(minutes=3)
    await chat.press("button-consent-yes")
    user = await user_row(database, 1001)
    assert user.consented_at == clock.now()
    assert user.consent_version == "2026-11-test"
    assert user.display_name == ""  # never needed, so never stored


async def test_a_new_notice_version_asks_for_consent_again(
    database, conversation, localizer, clock, policy, desk, deps
):
    chat = ParentChat(conversation, localizer)
    await chat.command("start")
    await chat.press("button-consent-yes")
    await chat.command("cancel")
    await chat.command("start")
    assert chat.keys == ["welcome", "ask-platform"]  # same notice: not asked twice
    await chat.command("cancel")

    newer = core(
        database,
        clock,
        localizer,
        policy=policy,
        desk=desk,
        aftercare=AftercarePolicy(notice_version="2027-01"),
    )
    chat = ParentChat(newer, localizer)
    clock.advance(days=1)
    await chat.command("start")
    assert chat.keys == ["welcome", "ask-consent"]
    await chat.press("button-consent-yes")
    user = await user_row(database, 1001)
    assert (user.consent_version, user.consented_at) == ("2027-01", clock.now())


# -- /mydata ------------------------------------------------------------------------------------


async def test_mydata_exports_everything_about_the_parent_and_nobody_else(
    database, conversation, localizer, clock
):
    mine, theirs = Marks("qvw"), Marks("jkz")
    chat = parent(conversation, localizer, mine, 1001, "zh-hans")
    other = parent(conversation, localizer, theirs, 1002)
    reference = await submit_claim(chat, mine, others=True)
    await submit_claim(other, theirs)
    case = await put_in_topic(database, reference)
    agent = Agent(conversation, AGENT_ID, "Alice")
    await agent.press(case, "claim")
    await agent.write(f"#note {mine.question}")  # internal: stays in the group
    clock.advance(hours=1)
    await chat.say(mine.later)
    await chat.command("start")  # a new draft, half-way
    await chat.press("platform-douyin")

    out = await conversation.handle(
        Incoming(sender=chat.sender, chat_id=1001, kind=EventKind.COMMAND, command="mydata")
    )
    documents = [o for o in out if isinstance(o, SendDocument)]
    assert len(documents) == 1
    sent = documents[0]
    assert (sent.chat_id, sent.language) == (1001, "zh-Hans")
    assert sent.file_name == "refund-desk-2026-11-20.json"
    assert sent.caption is not None and sent.caption.key == "mydata-caption"
    assert sent.content.startswith("{\n  ")  # indented for reading
    assert localizer.plain("zh-Hans", sent.caption)
    assert sent_to(out, 1001) == ["ask-problem"]  # then the open intake goes on
    data = json.loads(sent.content)

    assert data["user"]["telegram_user_id"] == 1001
    assert data["user"]["consent_version"] == "2026-11-test"
    assert data["timezone"] == "Asia/Shanghai"
    (exported,) = data["cases"]
    assert exported["reference"] == reference
    assert exported["account"] == mine.account
    assert exported["description"] == mine.description
    assert exported["contact"] == mine.contact
    assert (exported["platform_other"], exported["payment_other"]) == (
        mine.platform_other,
        mine.payment_other,
    )
    assert exported["transactions"][0]["amount"] == "648"
    assert exported["transactions"][0]["currency"] == "CNY"
    assert exported["transactions"][0]["order_number"] == mine.order
    submitted = exported["submitted_at"]
    assert submitted == {"utc": "2026-11-20T07:30:00Z", "local": "2026-11-20T15:30:00+08:00"}
    (file,) = exported["evidence"]
    assert (file["file_name"], file["size_bytes"], file["telegram_file_id"]) == (
        mine.file_name,
        81_234,
        mine.file_id,
    )
    events = [(e["by"], e["action"]) for e in exported["events"]]
    assert events == [("you", "submitted"), ("support", "claimed"), ("you", "parent_message")]
    assert exported["events"][2]["details"]["text"] == mine.later
    assert exported["handled_by"] is None  # the desk is anonymous
    assert "Alice" not in sent.content and str(AGENT_ID) not in sent.content
    assert mine.question not in sent.content  # agents' #notes are never stored
    draft = [d for d in data["drafts"] if d["status"] == "open"]
    assert draft and draft[0]["answers"]["platform"] == "douyin"
    kinds = {f["kind"] for f in data["follow_ups"]}
    assert {"check_in", "intake_reminder"} <= kinds
    assert "decision_due" not in kinds  # the team's own deadlines are not the parent's
    for marker in theirs.all():
        assert marker not in sent.content


async def test_mydata_names_the_agent_when_the_desk_is_not_anonymous(
    database, localizer, clock, policy, deps
):
    desk = DeskPolicy(chat_id=GROUP, language="en", use_topics=True, anonymous=False)
    conversation = core(database, clock, localizer, policy=policy, desk=desk)
    marks = Marks("qvw")
    chat = parent(conversation, localizer, marks, 1001)
    reference = await submit_claim(chat, marks)
    await Agent(conversation, AGENT_ID, "Alice").press(await case_of(database, reference), "claim")
    out = await conversation.handle(
        Incoming(sender=chat.sender, chat_id=1001, kind=EventKind.COMMAND, command="mydata")
    )
    data = json.loads(next(o for o in out if isinstance(o, SendDocument)).content)
    assert data["cases"][0]["handled_by"] == "Alice"


# -- /delete ------------------------------------------------------------------------------------


async def test_erasure_leaves_nothing_personal_in_any_table(
    database, runtime, localizer, clock, desk
):
    mine, theirs = Marks("qvw"), Marks("jkz")
    chat = parent(runtime, localizer, mine, 1001, "fr")
    other = parent(runtime, localizer, theirs, 1002)
    agent = Agent(runtime, AGENT_ID, "Alice")

    # A first claim, decided and closed.
    first = await put_in_topic(database, await submit_claim(chat, mine))
    await agent.press(first, "approve")
    await agent.press(first, "close")
    async with database.unit_of_work() as session:  # the second case gets the topic
        (await cases.case_by_id(session=session, case_id=first.id)).topic_id = None
    # A second one in progress: a question from the agent, the parent's answer.
    clock.advance(hours=2)
    second = await put_in_topic(database, await submit_claim(chat, mine, others=True))
    await agent.press(second, "ask")
    await agent.write(mine.question)
    await chat.say(mine.later)
    assert "relay-from-parent" in [p.key for o in chat.conversation_out for p in o.parts]
    # A third claim, half-way; check-ins muted.
    await chat.command("start")
    await chat.press("platform-douyin")
    await chat.press("problem-other")
    await chat.press("writer-parent")
    await chat.say(mine.draft_account)
    await chat.command("notifications")
    await chat.press("button-check-ins-mute")
    # Someone else's claim, untouched by all this.
    theirs_ref = await submit_claim(other, theirs)
    assert set(await scan(database, mine.all())) >= {"cases", "drafts", "inbox_updates"}

    await chat.command("delete")
    assert chat.keys == ["erase-confirm", "erase-confirm-open"]
    assert chat.last.parts[1].params["references"] == second.reference
    clock.advance(minutes=5)
    out = await chat.press("button-erase-confirm")
    assert chat.keys == ["erase-done"] and chat.last.language == "fr"
    assert out[-1].chat_id == 1001
    to_desk = [o for o in chat.conversation_out if isinstance(o, Reply)]
    assert [(o.chat_id, o.case_id, o.language) for o in to_desk] == [(GROUP, second.id, "en")]
    assert to_desk[0].parts[0].key == "desk-case-erased"
    assert to_desk[0].parts[0].params == {"reference": second.reference}

    assert await scan(database, mine.all()) == {}
    assert await user_row(database, 1001) is None
    for reference, status in ((first.reference, "closed"), (second.reference, "closed")):
        case = await case_of(database, reference)
        assert case.status == status and case.anonymized_at == clock.now()
        assert (case.user_id, case.chat_id) == (0, 0)
        assert (case.platform, case.problem, case.payment_method) in (
            ("douyin", "minor_purchase", "alipay"),
            ("other", "minor_purchase", "other"),
        )
        async with database.unit_of_work() as session:
            items = await cases.transactions_of(session=session, case_id=case.id)
        assert [(t.amount, t.currency, t.order_number) for t in items] == [
            (Decimal("648"), "CNY", None)
        ]
    assert (await case_of(database, first.reference)).decision == "approved"
    # The other parent still has everything.
    assert set(await scan(database, theirs.all())) >= {"cases", "evidence", "drafts"}
    assert (await case_of(database, theirs_ref)).account == theirs.account

    # And the parent comes back as someone new.
    await chat.command("start")
    assert chat.keys == ["welcome", "ask-consent"]
    async with database.unit_of_work() as session:
        assert await cases.cases_of_user(session=session, user_id=1001) == []


async def test_erasure_is_confirmed_or_cancelled_or_expires(
    database, conversation, localizer, clock
):
    marks = Marks("qvw")
    chat = parent(conversation, localizer, marks, 1001)
    await submit_claim(chat, marks)
    await chat.command("delete")
    stale = chat.buttons()[0].data
    await chat.press("button-erase-cancel")
    assert chat.keys == ["erase-cancelled"]
    clock.advance(minutes=31)
    await chat.press_data(stale)
    assert chat.keys == ["erase-expired"]
    await chat.press_data("erase:12x")
    assert chat.keys == ["error-stale-button"]
    assert set(await scan(database, marks.all())) >= {"cases", "evidence"}

    await chat.command("delete")
    await chat.press("button-erase-confirm")
    assert chat.keys == ["erase-done"]
    await chat.press_data(stale)  # an old confirmation never erases the next person's data
    assert chat.keys == ["erase-expired"]


async def test_an_agent_cannot_act_on_an_anonymized_case(database, conversation, localizer):
    marks = Marks("qvw")
    chat = parent(conversation, localizer, marks, 1001)
    case = await put_in_topic(database, await submit_claim(chat, marks))
    await chat.command("delete")
    await chat.press("button-erase-confirm")
    agent = Agent(conversation, AGENT_ID)
    for action in ("reopen", "claim", "close"):
        out = await agent.press(case, action)
        assert agent.notice() == "desk-refused-anonymized"
        assert [o for o in out if isinstance(o, Reply)] == []
    assert (await reload(database, case)).status == "closed"


# -- retention ----------------------------------------------------------------------------------


async def test_retention_purges_closed_cases_once(database, conversation, localizer, clock, desk):
    marks, fresh = Marks("qvw"), Marks("jkz")
    chat = parent(conversation, localizer, marks, 1001)
    old = await put_in_topic(database, await submit_claim(chat, marks))
    await Agent(conversation, AGENT_ID).press(old, "close")
    other = parent(conversation, localizer, fresh, 1002)
    still_open = await submit_claim(other, fresh)
    aftercare = AftercarePolicy(retention_days=30)

    async def purge():
        async with database.unit_of_work() as session:
            return await retention.purge_expired(
                session, now=clock.now(), aftercare=aftercare, desk=desk
            )

    clock.advance(days=29)
    assert (await purge()).total == 0
    await other.command("start")  # an abandoned draft, kept while it is recent
    clock.advance(days=2)
    purged = await purge()
    assert (purged.cases, purged.drafts) == (1, 0)
    edits = [o for o in purged.out if isinstance(o, EditMessage)]
    assert [(e.chat_id, e.message_id) for e in edits] == [(GROUP, 500)]
    assert [p.key for p in edits[0].parts][-1] == "desk-card-anonymized"
    assert edits[0].buttons == ()
    assert [o for o in purged.out if isinstance(o, Reply)] == []  # it was closed already
    purged_at = clock.now()
    assert await scan(database, [m for m in marks.all() if m != marks.name]) == {}
    case = await reload(database, old)
    assert case.anonymized_at == purged_at and case.account == ""

    clock.advance(days=1)
    assert (await purge()).total == 0  # never twice
    assert (await reload(database, old)).anonymized_at == purged_at
    async with database.unit_of_work() as session:
        events = await cases.events_of(session=session, case_id=old.id)
    assert [e.action for e in events].count("anonymized") == 1
    assert (await case_of(database, still_open)).account == fresh.account  # not closed

    clock.advance(days=30)  # the abandoned draft is now old too
    assert (await purge()).drafts == 1
    async with database.unit_of_work() as session:
        assert await drafts.get_open_draft(session=session, user_id=1002) is None
        left = (await session.exec(select(Draft).where(Draft.user_id == 1002))).all()
        assert [d.status for d in left] == ["submitted"]


# -- check-ins ----------------------------------------------------------------------------------


async def test_muted_check_ins_are_skipped_but_decisions_still_arrive(
    database, conversation, localizer, clock, deps
):
    marks = Marks("qvw")
    chat = parent(conversation, localizer, marks, 1001)
    case = await put_in_topic(database, await submit_claim(chat, marks))

    async def fire_check_in():
        async with database.unit_of_work() as session:
            row = (
                await session.exec(
                    select(FollowUp).where(
                        FollowUp.kind == Kind.CHECK_IN.value, FollowUp.status == "pending"
                    )
                )
            ).first()
            assert row is not None
            assert await followups.claim(session=session, follow_up_id=row.id, now=row.due_at)
            return await firing.fire(session, row, row.due_at, deps)

    await chat.command("notifications")
    assert chat.keys == ["notifications-on-now"]
    await chat.press("button-check-ins-mute")
    assert chat.keys == ["notifications-muted"]
    assert (await user_row(database, 1001)).check_ins_muted is True
    assert await fire_check_in() == []  # muted, and the next one is still planned
    await chat.command("notifications")
    assert chat.keys == ["notifications-muted-now"]

    agent = Agent(conversation, AGENT_ID)
    await agent.press(case, "claim")
    assert "parent-claimed" in agent.to(1001)

    await chat.press("button-check-ins-unmute")
    assert chat.keys == ["notifications-on"]
    out = await fire_check_in()
    assert sent_to(out, 1001) == ["parent-check-in"]
    await chat.press_data("notif:mute")
    await agent.press(case, "approve")
    assert agent.to(1001), "a decision is never muted"


# -- logs ---------------------------------------------------------------------------------------


async def test_logs_never_quote_what_a_parent_typed(
    database, runtime, localizer, clock, caplog: pytest.LogCaptureFixture, request
):
    caplog.set_level(logging.DEBUG)
    levels = {name: logging.getLogger(name).level for name in logs._CHATTY}
    logs.quiet_libraries()  # as configure_logging does at any level
    request.addfinalizer(lambda: [logging.getLogger(n).setLevel(v) for n, v in levels.items()])
    marks = Marks("qvw")
    chat = parent(runtime, localizer, marks, 1001)
    case = await put_in_topic(database, await submit_claim(chat, marks, others=True))
    await chat.say(marks.later)
    await chat.say("x" * 5000)  # refused
    await chat.send_kind(EventKind.STICKER)
    await Agent(runtime, AGENT_ID).press(case, "claim")
    await chat.command("mydata")
    await chat.command("delete")
    await chat.press("button-erase-confirm")
    assert caplog.records, "nothing was logged at all: is the level set?"
    for marker in marks.all():
        assert marker not in caplog.text


async def test_event_details_keep_no_free_text_after_erasure(database, conversation, localizer):
    marks = Marks("qvw")
    chat = parent(conversation, localizer, marks, 1001)
    case = await put_in_topic(database, await submit_claim(chat, marks))
    await chat.say(marks.later)
    await chat.command("delete")
    await chat.press("button-erase-confirm")
    async with database.unit_of_work() as session:
        events = list(
            (await session.exec(select(CaseEvent).where(CaseEvent.case_id == case.id))).all()
        )
    by_action = {e.action: e for e in events}
    assert by_action["parent_message"].details == {"files": 0}
    assert by_action["parent_message"].actor_id is None
    assert by_action["anonymized"].details == {"reason": "parent_request"}


def test_marks_are_distinct() -> None:
    values = Marks("qvw").all()
    assert len(values) == len(set(values))
