"""Three workers in webhook mode on one PostgreSQL, behind a round-robin proxy, as an operator
runs them for availability: parents who sometimes send two messages without waiting, an album
each, one worker killed (SIGKILL) in the middle. Every claim must end complete and exactly as
typed, each update handled once and in order, one topic, card and album per case, each
follow-up once, and the emulator must never see more than Telegram's limits.

The scenario lives in tests/e2e/workers.py; bench/several_workers.py times it with 1 and 3
workers."""

from __future__ import annotations

import asyncio
import os
from collections import Counter
from decimal import Decimal

import pytest
from sqlmodel import func, select

from storage.database import Database
from storage.models import Case, CaseTransaction, Evidence, FollowUp, InboxUpdate
from tests.conftest import POSTGRES_ENV
from tests.e2e.conftest import FRAMEWORK_IDS, FRAMEWORKS
from tests.e2e.harness import fresh_postgres
from tests.e2e.proxy import RoundRobinProxy
from tests.e2e.workers import (
    Parent,
    claim,
    count_by_reference,
    repeats,
    script,
    worker_configs,
)

pytestmark = pytest.mark.skipif(
    not os.environ.get(POSTGRES_ENV), reason=f"several workers need PostgreSQL ({POSTGRES_ENV})"
)
WORKERS = 3
PARENTS = 8
#: Telegram's group limit, on a window ten times shorter so the test takes seconds, not minutes.
GROUP_WINDOW = 6.0
UNCLAIMED = r"🙋 (\w+) has been waiting"
CARD = r"^📋 Case <b>(\w+)</b>"


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
async def test_three_workers_one_killed_every_claim_exact_and_limits_kept(
    emulator, localizer, tmp_path, postgres_url, framework
):
    await fresh_postgres(postgres_url)
    database = Database(postgres_url)
    group = emulator.make_forum_group("Refund team")
    limiter = emulator.enable_rate_limits(per_group=20, group_window=GROUP_WINDOW, overall=30)
    extra = (
        f'[agents]\nchat_id = {group.id}\nlanguage = "en"\n[followups]\nunclaimed_hours = 0.003\n'
    )
    ports, bots = worker_configs(
        tmp_path,
        emulator,
        framework=framework,
        database_url=postgres_url,
        count=WORKERS,
        extra=extra,
        group_window=GROUP_WINDOW,
    )
    async with RoundRobinProxy([f"http://127.0.0.1:{p}" for p in ports]) as proxy:
        for bot in bots:  # the proxy's URL registered, now that it has its port
            bot.config.write_text(
                bot.config.read_text().replace('public_url = ""', f'public_url = "{proxy.url}"')
            )
            await bot.start()
        try:
            parents = [Parent(emulator, localizer, i) for i in range(PARENTS)]
            scripts = [script(i) for i in range(PARENTS)]
            claims = [
                asyncio.create_task(claim(p, s)) for p, s in zip(parents, scripts, strict=True)
            ]
            # Kill a worker while the parents are half-way through their claims.
            await emulator.wait_for(
                lambda: len(emulator.calls_of("sendMessage")) >= PARENTS * 8, timeout=60
            )
            await bots[1].kill()
            references = await asyncio.gather(*claims)
            assert len(set(references)) == PARENTS

            # Every case reaches the group, and its "waiting without an agent" reminder fires.
            await emulator.wait_for(
                lambda: (
                    len(count_by_reference(emulator, "sendMessage", UNCLAIMED)) >= PARENTS
                    and len([c for c in emulator.calls_of("sendMediaGroup") if c.status == 200])
                    >= PARENTS
                ),
                timeout=150,
            )
            async with database.unit_of_work() as session:
                by_reference = {c.reference: c for c in (await session.exec(select(Case))).all()}
                for reference, typed in zip(references, scripts, strict=True):
                    case = by_reference[reference]
                    assert case.account == typed["account"]
                    assert case.description == typed["description"]
                    amounts = (
                        await session.exec(
                            select(CaseTransaction.amount).where(
                                CaseTransaction.case_id == case.id
                            )
                        )
                    ).all()
                    assert list(amounts) == [Decimal(typed["expected_amount"])]
                    files = (
                        await session.exec(
                            select(func.count())
                            .select_from(Evidence)
                            .where(Evidence.case_id == case.id)
                        )
                    ).one()
                    assert files == 2  # the album once: no photo stored twice
                waiting = (
                    await session.exec(
                        select(func.count())
                        .select_from(InboxUpdate)
                        .where(InboxUpdate.processed_at.is_(None))  # type: ignore[union-attr]
                    )
                ).one()
                assert waiting == 0  # none lost (nor set aside)
                fired = list((await session.exec(select(FollowUp))).all())
            once = Counter(dict.fromkeys(references, 1))
            assert count_by_reference(emulator, "createForumTopic", r"^(\w+) ", "name") == once
            assert count_by_reference(emulator, "sendMessage", CARD) == once
            assert len([c for c in emulator.calls_of("sendMediaGroup") if c.status == 200]) == (
                PARENTS
            )
            assert count_by_reference(emulator, "sendMessage", UNCLAIMED) == once
            assert Counter(f.kind for f in fired if f.status == "sent")["unclaimed"] == PARENTS
            assert limiter.violations == []
            # What a kill -9 may still repeat: the messages of its last few milliseconds.
            repeated = repeats(emulator, parents)
            print(f"messages repeated after the kill: {repeated}")
            assert repeated <= 3
        finally:
            for bot in bots:
                await bot.close()
            await database.dispose()
