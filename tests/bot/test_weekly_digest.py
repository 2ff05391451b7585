"""The weekly digest: on the set day and hour in each team's time zone, the last 7 days'
figures reach the team's group once (chart, text, CSV), however often the job runs; not
before, and not days late."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.i18n import Localizer
from bot.reports.digest import WeeklyDigest
from handlers.policy import DeskPolicy, SlaPolicy, Team
from storage.repositories import outbox
from tests.bot.scheduling import jobs_scheduler
from tests.conftest import FakeClock
from tests.handlers.report_desk import seed

MAIN, FR = -1001, -1002
ROSTER = (
    Team(key="main", chat_id=MAIN, language="en", timezone="Asia/Shanghai"),
    Team(key="fr", chat_id=FR, name="Équipe FR", language="fr", timezone="Europe/Paris"),
)
#: Monday 5 October 2026, 09:05 in Shanghai (01:05 UTC); 03:05 in Paris.
MONDAY_MORNING = datetime(2026, 10, 5, 1, 5, tzinfo=UTC)


def _digest(clock: FakeClock) -> WeeklyDigest:
    return WeeklyDigest(
        desk=DeskPolicy(chat_id=MAIN, roster=ROSTER),
        sla=SlaPolicy(),
        localizer=Localizer(),
        clock=clock,
        weekday="monday",
        hour=9,
    )


async def test_each_team_gets_its_digest_once_at_its_own_hour(database):
    await seed(database)
    clock = FakeClock(MONDAY_MORNING - timedelta(minutes=10))
    digest = _digest(clock)
    async with database.unit_of_work() as session:
        assert await digest.run(session, 10) == (0, [])  # 08:55 in Shanghai: not yet

    clock.current = MONDAY_MORNING
    async with database.unit_of_work() as session:
        posted, calls = await digest.run(session, 10)
    assert posted == 1
    assert [(chat, method) for chat, method, _ in calls] == [
        (MAIN, "sendPhoto"),
        (MAIN, "sendMessage"),
        (MAIN, "sendDocument"),
    ]
    text = calls[1][2]["text"]
    assert text.startswith("🗓 This week's figures:")
    assert "Sep 28" in text and "Oct 4, 2026" in text  # Monday to Sunday before
    assert "Received 3 · decided 1" in text  # C, D, E were received that week; D decided

    async with database.unit_of_work() as session:  # the job runs again: nothing more
        assert await digest.run(session, 10) == (0, [])

    clock.current = MONDAY_MORNING + timedelta(hours=6)  # 09:05 in Paris
    async with database.unit_of_work() as session:
        posted, calls = await digest.run(session, 10)
    assert posted == 1 and {chat for chat, _, _ in calls} == {FR}
    (only,) = calls  # nothing received that week in Paris: the words alone
    assert "Les chiffres de la semaine" in only[2]["text"] and "Aucune demande" in only[2]["text"]


async def test_no_stale_digest_after_a_long_outage(database):
    clock = FakeClock(MONDAY_MORNING + timedelta(days=2))  # Wednesday
    async with database.unit_of_work() as session:
        assert await _digest(clock).run(session, 10) == (0, [])


async def test_the_scheduler_runs_the_digest_and_queues_its_messages(database):
    await seed(database)
    clock = FakeClock(MONDAY_MORNING)
    delivered: list = []

    jobs = [("weekly-digest", 300.0, _digest(clock).run)]
    scheduler = jobs_scheduler(database, clock, delivered, jobs=jobs)
    assert await scheduler.run_jobs() == 1
    assert [row.method for row in delivered] == ["sendPhoto", "sendMessage", "sendDocument"]
    assert await scheduler.run_jobs() == 0
    async with database.unit_of_work() as session:
        assert await outbox.failed(session=session) == []
