"""Three workers in webhook mode on one PostgreSQL, behind a round-robin proxy, as an operator
runs them for availability: parents who sometimes send two messages without waiting, an album
each, one worker killed (SIGKILL) in the middle. Every claim must end complete and exactly as
typed, each update handled once and in order, one topic, card and album per case, each
follow-up once, and the emulator must never see more than Telegram's limits."""

from __future__ import annotations

import asyncio
import html
import os
import re
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import func, select

from handlers.replies import Msg
from storage.database import Database
from storage.models import Case, CaseTransaction, Evidence, FollowUp, InboxUpdate
from tests.conftest import POSTGRES_ENV, TRUNCATE_ALL
from tests.e2e.conftest import FRAMEWORKS
from tests.e2e.harness import BotProcess, free_port, write_config
from tests.e2e.parent import TelegramParent
from tests.e2e.proxy import RoundRobinProxy

pytestmark = pytest.mark.skipif(
    not os.environ.get(POSTGRES_ENV), reason=f"several workers need PostgreSQL ({POSTGRES_ENV})"
)
WORKERS = 3
PARENTS = 8
#: Telegram's group limit, on a window ten times shorter so the test takes seconds, not minutes.
GROUP_WINDOW = 6.0


def _script(index: int) -> dict[str, Any]:
    return {
        "account": f"acct_{index}_douyin",
        "amount": f"{10 + index},50 €",
        "expected_amount": f"{10 + index}.50",
        "when": "hier vers 21h",
        "description": f"Parent {index}: ma fille a acheté des cadeaux sans demander.",
        # Odd parents type the amount and its time without waiting for the bot in between.
        "hasty": index % 2 == 1,
    }


def _plain(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def _own_words(localizer, key: str) -> str:
    """The longest stretch of a French message's own words, between its placeholders."""
    pattern = localizer.bundles["fr"].get_message(key).value
    elements = getattr(pattern, "elements", [pattern])
    texts = [e.value for e in elements if type(e).__name__ == "TextElement"]
    lines = [_plain(line).strip() for text in texts for line in text.split("\n")]
    return max(lines, key=len)[:20]


class Parent:
    """A parent who reads what the bot says and answers the question actually asked: a message
    repeated after a crash (see README, "Reliability") is read and ignored, as a person would."""

    def __init__(self, emulator, localizer, index: int) -> None:
        self.chat = TelegramParent(emulator, localizer, language_code="fr", name=f"P{index}")
        self.emulator, self.localizer = emulator, localizer

    def _expected(self, key: str, params: dict[str, Any]):
        prefix = _own_words(self.localizer, key)
        mine = self.chat._for_me
        return lambda call: mine(call) and prefix in _plain(call.params.get("text", ""))

    async def _await(self, since: int, key: str, **params: Any) -> None:
        call = await self.emulator.wait_for_call(
            "sendMessage", self._expected(key, params), 60, since=since, ok_only=True
        )
        self.chat.last = call.result

    async def say(self, text: str, key: str, **params: Any) -> None:
        since = self.emulator.mark()
        self.emulator.inject_text(self.chat.user, text)
        await self._await(since, key, **params)

    async def both(self, first: str, second: str, key: str) -> None:
        """Two messages at once, without waiting for the bot in between."""
        since = self.emulator.mark()
        self.emulator.inject_text(self.chat.user, first)
        self.emulator.inject_text(self.chat.user, second)
        await self._await(since, key)

    async def press(self, button: str, key: str, **params: Any) -> None:
        label = self.localizer.plain("fr", Msg(button))
        markup = self.chat.last.get("reply_markup") or {}
        buttons = [b for row in markup.get("inline_keyboard", []) for b in row]
        data = next((b["callback_data"] for b in buttons if b["text"] == label), None)
        assert data is not None, (label, [b["text"] for b in buttons])
        since = self.emulator.mark()
        self.emulator.inject_callback(self.chat.user, self.chat.last["message_id"], data)
        await self._await(since, key, **params)

    async def album(self, photos: int, key: str, **params: Any) -> None:
        since = self.emulator.mark()
        self.emulator.inject_album(self.chat.user, ["photo"] * photos)
        await self._await(since, key, **params)


async def _claim(parent: Parent, script: dict[str, Any]) -> str:
    since = parent.emulator.mark()
    parent.emulator.inject_command(parent.chat.user, "/start")
    await parent._await(since, "ask-consent")
    await parent.press("button-consent-yes", "ask-platform")
    await parent.press("platform-douyin", "ask-problem")
    await parent.press("problem-minor-purchase", "ask-writer")
    await parent.press("writer-parent", "ask-minor-age")
    await parent.say("11 ans", "ask-account", platform=Msg("platform-douyin"))
    await parent.say(script["account"], "ask-tx-amount", number=1)
    if script["hasty"]:
        await parent.both(script["amount"], script["when"], "ask-tx-confirm")
    else:
        await parent.say(script["amount"], "ask-tx-time")
        await parent.say(script["when"], "ask-tx-confirm")
    await parent.press("button-tx-correct", "ask-tx-order")
    await parent.press("button-no-order", "tx-recorded", count=1, total="")
    await parent.press("button-tx-done", "ask-payment")
    await parent.press("payment-wechat-pay", "ask-evidence")
    await parent.album(2, "evidence-count", count=2)
    await parent.press("button-evidence-done", "ask-description")
    await parent.say(script["description"], "ask-contact")
    await parent.press("button-skip-contact", "ask-review")
    await parent.press("button-submit", "submitted", reference="")
    text = _plain(parent.chat.last["text"])
    match = re.search(r"(?<![A-Z0-9])([2-9A-HJKMNP-Z]{5})(?![A-Z0-9])", text)
    assert match, text
    return match.group(1)


def _repeats(emulator, parents: list[Parent]) -> int:
    """Messages a parent received twice (a crash between sending and recording it)."""
    repeated = 0
    for parent in parents:
        texts = [
            c.params["text"]
            for c in emulator.calls_of("sendMessage")
            if c.status == 200 and parent.chat._for_me(c)
        ]
        repeated += len(texts) - len(set(texts))
    return repeated


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=["ptb", "aiogram"])
async def test_three_workers_one_killed_every_claim_exact_and_limits_kept(
    emulator, localizer, tmp_path, postgres_url, framework
):
    database = Database(postgres_url)
    await database.upgrade()
    async with database.engine.begin() as conn:
        await conn.execute(text(TRUNCATE_ALL))
    group = emulator.make_forum_group("Refund team")
    limiter = emulator.enable_rate_limits(per_group=20, group_window=GROUP_WINDOW, overall=30)
    ports = [free_port() for _ in range(WORKERS)]
    async with RoundRobinProxy([f"http://127.0.0.1:{p}" for p in ports]) as proxy:
        bots = []
        for index, port in enumerate(ports):
            extra = (
                f'[agents]\nchat_id = {group.id}\nlanguage = "en"\n'
                "[followups]\nunclaimed_hours = 0.003\n"
            )
            config = write_config(
                tmp_path / f"worker{index}.toml",
                emulator,
                framework=framework,
                mode="webhook",
                database_url=postgres_url,
                extra=extra,
            )
            body = config.read_text()
            body = re.sub(r"port = \d+", f"port = {port}", body, count=1)
            body = re.sub(r'public_url = "[^"]+"', f'public_url = "{proxy.url}"', body)
            body = body.replace(
                "[telegram.limits]\n",
                f"[telegram.limits]\ngroup_window_seconds = {GROUP_WINDOW}\n",
            )
            body = body.replace(
                "topic_grace_seconds = 2\n", "topic_grace_seconds = 2\nchat_lease_seconds = 2\n"
            )
            config.write_text(body)
            bots.append(BotProcess(config, emulator, tmp_path / f"worker{index}.log"))
        for bot in bots:
            await bot.start()
        try:
            parents = [Parent(emulator, localizer, i) for i in range(PARENTS)]
            scripts = [_script(i) for i in range(PARENTS)]
            claims = [
                asyncio.create_task(_claim(p, s)) for p, s in zip(parents, scripts, strict=True)
            ]
            # Kill a worker while the parents are half-way through their claims.
            await emulator.wait_for(
                lambda: len(emulator.calls_of("sendMessage")) >= PARENTS * 8, timeout=60
            )
            await bots[1].kill()
            references = await asyncio.gather(*claims)
            assert len(set(references)) == PARENTS

            # Every case in the group once (topic, card, album), and the "waiting without an
            # agent" reminder once per case: follow-ups fire once across workers.
            def reminders() -> Counter[str]:
                return Counter(
                    match.group(1)
                    for c in emulator.calls_of("sendMessage")
                    if c.status == 200
                    and (match := re.search(r"🙋 (\w+) has been waiting", c.params["text"]))
                )

            await emulator.wait_for(
                lambda: (
                    len(reminders()) >= PARENTS
                    and len([c for c in emulator.calls_of("sendMediaGroup") if c.status == 200])
                    >= PARENTS
                ),
                timeout=150,
            )
            async with database.unit_of_work() as session:
                cases = list((await session.exec(select(Case))).all())
                for case, script in _pair(cases, references, scripts):
                    assert case.account == script["account"]
                    assert case.description == script["description"]
                    txs = list(
                        (
                            await session.exec(
                                select(CaseTransaction).where(CaseTransaction.case_id == case.id)
                            )
                        ).all()
                    )
                    assert [t.amount for t in txs] == [Decimal(script["expected_amount"])]
                    evidence = (
                        await session.exec(
                            select(func.count())
                            .select_from(Evidence)
                            .where(Evidence.case_id == case.id)
                        )
                    ).one()
                    assert evidence == 2
                unhandled = (
                    await session.exec(
                        select(func.count())
                        .select_from(InboxUpdate)
                        .where(
                            InboxUpdate.processed_at.is_(None)  # type: ignore[union-attr]
                        )
                    )
                ).one()
                assert unhandled == 0
            topics = Counter(
                c.params["name"].split(" ")[0]
                for c in emulator.calls_of("createForumTopic")
                if c.status == 200
            )
            assert topics == Counter(dict.fromkeys(references, 1))
            albums = [c for c in emulator.calls_of("sendMediaGroup") if c.status == 200]
            assert len(albums) == PARENTS
            cards = Counter(
                match.group(1)
                for c in emulator.calls_of("sendMessage")
                if c.status == 200
                and str(c.params.get("chat_id")) == str(group.id)
                and (match := re.match(r"📋 Case <b>(\w+)</b>", c.params["text"]))
            )
            assert cards == Counter(dict.fromkeys(references, 1))
            assert reminders() == Counter(dict.fromkeys(references, 1))
            async with database.unit_of_work() as session:
                fired = list((await session.exec(select(FollowUp))).all())
            assert Counter(f.kind for f in fired if f.status == "sent")["unclaimed"] == PARENTS
            assert limiter.violations == []
            # What a kill -9 may still repeat: the messages of the last few milliseconds.
            repeats = _repeats(emulator, parents)
            print(f"messages repeated after the kill: {repeats}")
            assert repeats <= 3
        finally:
            for bot in bots:
                if bot.process and bot.process.returncode is None:
                    await bot.kill()
            await database.dispose()


def _pair(cases, references, scripts):
    by_reference = {c.reference: c for c in cases}
    return [(by_reference[r], s) for r, s in zip(references, scripts, strict=True)]
