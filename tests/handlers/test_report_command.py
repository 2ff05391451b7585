"""``/report`` in the agents' group: a chart, the figures in the team's language and the CSV
of the cases, in the topic it was typed in; each team sees its own cases."""

from __future__ import annotations

import base64
import csv
import io

import pytest

from handlers.conversation import Conversation
from handlers.policy import DeskPolicy, IntakePolicy, Team
from handlers.replies import Reply, SendDocument
from tests.conftest import FakeClock
from tests.core import core
from tests.handlers.desk_helpers import GROUP, TOPIC, Agent
from tests.handlers.report_desk import NOW, seed

FR_GROUP = -1002000000001
ROSTER = (
    Team(key="main", chat_id=GROUP, language="en", timezone="Asia/Shanghai"),
    Team(key="fr", chat_id=FR_GROUP, name="Équipe FR", language="fr", timezone="Europe/Paris"),
)


@pytest.fixture
def conversation(database, localizer) -> Conversation:
    desk = DeskPolicy(chat_id=GROUP, language="en", timezone="Asia/Shanghai", roster=ROSTER)
    return core(database, FakeClock(NOW), localizer, policy=IntakePolicy(), desk=desk)


async def test_report_sends_a_chart_the_figures_and_the_csv_in_the_topic(
    database, conversation, localizer
):
    await seed(database)
    out = await Agent(conversation).command("report", "2026-09")
    chart, text, table = out
    assert isinstance(chart, SendDocument) and chart.as_photo and chart.thread_id == TOPIC
    assert base64.b64decode(chart.content).startswith(b"\x89PNG")
    assert localizer.plain("en", chart.caption).startswith("📊 Main team, Sep 1")
    assert isinstance(text, Reply) and text.thread_id == TOPIC and text.chat_id == GROUP
    words = "\n".join(localizer.plain("en", part) for part in text.parts)
    assert "Received 5 · decided 3 · open 2 · overdue now 2" in words
    assert "Decided on time: 40% (2 of 5)" in words
    assert isinstance(table, SendDocument) and not table.as_photo and table.thread_id == TOPIC
    rows = list(csv.DictReader(io.StringIO(table.content.lstrip("\ufeff"))))
    assert [r["reference"] for r in rows] == ["AAAAA", "BBBBB", "CCCCC", "DDDDD", "EEEEE"]
    assert "account" not in rows[0]


async def test_each_team_reports_its_own_cases_in_its_language(database, conversation, localizer):
    await seed(database)
    out = await Agent(conversation, 9201, "Aline", chat_id=FR_GROUP).command("report", "2026-09")
    text = next(o for o in out if isinstance(o, Reply))
    words = "\n".join(localizer.plain("fr", part) for part in text.parts)
    assert "Équipe FR" in words and "Reçues 1 ·" in words


async def test_a_period_without_cases_sends_only_the_words(database, conversation, localizer):
    await seed(database)
    (only,) = await Agent(conversation).command("report", "2025-01")
    assert isinstance(only, Reply)
    assert [p.key for p in only.parts] == ["desk-report-header", "desk-report-empty"]


async def test_a_period_nobody_understands_is_said_so(database, conversation):
    (only,) = await Agent(conversation).command("report", "yesterday-ish")
    assert isinstance(only, Reply)
    assert only.parts[0].key == "desk-report-unknown-period"
