"""``/report`` in an agents' group, and the weekly digest: the team's figures as a chart, a
short text in the agents' language and the CSV of the cases behind them, posted where the
command was typed (the group, or the topic it was typed in).

``/report`` alone is the last 7 days; ``/report week``, ``/report month`` (this month so far)
and ``/report 2026-09`` (that month) choose the period, in the team's time zone. Each team's
group sees its own cases; a group of the only team sees every case.
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.bounds import clip
from handlers.case.card import team_label, team_of
from handlers.desk.context import DeskTurn
from handlers.intake.prompting import LabelText
from handlers.policy import DeskPolicy, SlaPolicy
from handlers.replies import Msg, Outgoing, Reply, SendDocument
from handlers.reports import export
from handlers.reports.figures import Period, Report, ReportRules, load_report
from handlers.reports.summary import period_text, summary

#: How much of a period nobody understood is echoed back.
ECHO_LIMIT = 32


def team_name(desk: DeskPolicy) -> Msg:
    return team_label(team_of(desk, desk.team))


async def team_report(
    session: AsyncSession,
    desk: DeskPolicy,
    period: Period,
    now: datetime,
    *,
    sla: SlaPolicy,
) -> Report:
    rules = ReportRules.of_desk(desk, sla)
    team = desk.team if desk.roster else None
    return await load_report(session, period=period, rules=rules, now=now, team=team)


def report_messages(
    report: Report,
    desk: DeskPolicy,
    label_text: LabelText,
    *,
    thread_id: int | None = None,
    intro: Msg | None = None,
) -> list[Outgoing]:
    """The chart (when there is anything to draw), the text, the CSV — in this order."""
    assert desk.chat_id is not None
    language, team = desk.language, team_name(desk)
    period = period_text(report.period, language)
    parts = summary(report, language, team)
    out: list[Outgoing] = []
    stem = f"report-{desk.team}-{report.period.first.isoformat()}-{report.period.last.isoformat()}"
    if report.total.received:
        from handlers.reports import chart  # matplotlib: a second to import, only when drawn

        picture = chart.draw(report, lambda msg: label_text(language, msg))
        out.append(
            SendDocument(
                desk.chat_id,
                language,
                f"{stem}.png",
                base64.b64encode(picture).decode("ascii"),
                Msg("desk-report-chart-caption", {"team": team, "period": period}),
                mime_type="image/png",
                binary=True,
                as_photo=True,
                thread_id=thread_id,
            )
        )
    text = (intro, *parts) if intro is not None else parts
    out.append(Reply(desk.chat_id, language, tuple(text), thread_id=thread_id))
    if report.total.received:
        out.append(
            SendDocument(
                desk.chat_id,
                language,
                f"{stem}.csv",
                export.to_csv(report, desk.timezone),
                Msg("desk-report-csv-caption"),
                mime_type="text/csv",
                thread_id=thread_id,
            )
        )
    return out


async def run(turn: DeskTurn, argument: str) -> None:
    """``/report [week|month|YYYY-MM]`` typed in the group."""
    today: date = turn.now.astimezone(ZoneInfo(turn.desk.timezone)).date()
    period = Period.parse(argument, today)
    if period is None:
        turn.here(Msg("desk-report-unknown-period", {"period": clip(argument, ECHO_LIMIT)}))
        return
    report = await team_report(turn.session, turn.desk, period, turn.now, sla=turn.deps.sla)
    turn.out.extend(
        report_messages(report, turn.desk, turn.label_text, thread_id=turn.event.thread_id)
    )
