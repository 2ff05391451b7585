"""``refund-desk report`` (the figures, printed) and ``refund-desk export cases`` (one row per
case, CSV or XLSX) for operators and supervisors at the server."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.i18n import Localizer
from handlers.case.card import team_label, team_of
from handlers.clock import SystemClock
from handlers.policy import DeskPolicy
from handlers.replies import Msg
from handlers.reports import export
from handlers.reports.figures import Period, Report, ReportRules, load_report
from handlers.reports.summary import summary
from storage.database import one_transaction

#: How often the scheduler looks whether a team's weekly digest is due.
DIGEST_CHECK_SECONDS = 300.0


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    report = add(
        "report",
        help="print the supervisors' figures for a period and a team",
        description="The figures of the cases received in the period (default: the last 7 "
        "days), as /report shows them in the agents' group.",
    )
    report.add_argument(
        "period", nargs="?", default="week", help="week, month, YYYY-MM or FROM..TO dates"
    )
    _common(report)
    report.add_argument("--language", help="en, fr, zh-Hans or zh-Hant; default: the team's")
    exporting = add(
        "export",
        help="one row per case received in a period, as CSV or XLSX",
        description="Reference, dates, platform, kind, language, amounts claimed and granted "
        "per currency, status, decision, deadlines kept, agent, stars. No personal data "
        "unless --with-personal.",
    )
    exporting.add_argument("what", choices=["cases"])
    exporting.add_argument("--from", dest="first", type=date.fromisoformat, required=True)
    exporting.add_argument("--to", dest="last", type=date.fromisoformat, required=True)
    exporting.add_argument("--format", dest="file_format", choices=["csv", "xlsx"], default="csv")
    exporting.add_argument(
        "--output", type=Path, help="file to write; default: standard output (CSV only)"
    )
    exporting.add_argument(
        "--with-personal",
        action="store_true",
        help="add the parents' account, contact, description and Telegram id",
    )
    _common(exporting)
    add(
        "dashboard",
        help="serve the supervisors' web page on its own ([dashboard] listen, port)",
        description="The page the bot also serves next to /healthz; supervisors sign in with "
        "the link /dashboard sends them in Telegram.",
    )


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--team", help="a team's key ([[agents.teams]] key, or main); default: all"
    )


def run(settings: Settings, args: argparse.Namespace) -> int:
    if args.command == "dashboard":
        from bot.files.store import StoreProblem

        try:
            asyncio.run(_serve_dashboard(settings))
        except StoreProblem as exc:  # the thumbnails' store: the bucket's client missing
            print(f"refund-desk: {exc}", file=sys.stderr)
            return 2
        return 0
    desk = settings.desk_policy()
    if args.team is not None and desk.roster and team_of(desk, args.team) is None:
        keys = ", ".join(t.key for t in desk.roster)
        print(f"refund-desk: no team {args.team!r} (teams: {keys})", file=sys.stderr)
        return 2
    team_desk = desk.for_team(args.team) if args.team else desk
    if args.command == "report":
        today = SystemClock().now().astimezone(ZoneInfo(team_desk.timezone)).date()
        period = Period.parse(args.period, today)
        if period is None:
            print(f"refund-desk: not a period: {args.period!r}", file=sys.stderr)
            return 2
        report = asyncio.run(_load(settings, team_desk, period, args.team))
        language = args.language or team_desk.language
        localizer = Localizer()
        for part in summary(report, language, _label(desk, args.team)):
            print(localizer.plain(language, part))
        return 0
    if args.last < args.first:
        print("refund-desk: --to is before --from", file=sys.stderr)
        return 2
    if args.file_format == "xlsx" and args.output is None:
        print("refund-desk: an XLSX export needs --output FILE", file=sys.stderr)
        return 2
    period = Period(args.first, args.last)
    report = asyncio.run(
        _load(settings, team_desk, period, args.team, with_personal=args.with_personal)
    )
    if args.file_format == "xlsx":
        data = export.to_xlsx(report, team_desk.timezone, with_personal=args.with_personal)
        args.output.write_bytes(data)
    else:
        text = export.to_csv(report, team_desk.timezone, with_personal=args.with_personal)
        if args.output is None:
            sys.stdout.write(text)
        else:
            args.output.write_text(text, encoding="utf-8")
    if args.output is not None:
        if args.with_personal:
            args.output.chmod(0o600)  # parents' data: readable by the operator only
        print(f"{len(report.cases)} case(s) written to {args.output}", file=sys.stderr)
    return 0


def _label(desk: DeskPolicy, team: str | None) -> Msg:
    if team is None and desk.roster:
        return Msg("desk-report-all-teams")
    return team_label(team_of(desk, team or desk.team))


async def _load(
    settings: Settings,
    desk: DeskPolicy,
    period: Period,
    team: str | None,
    *,
    with_personal: bool = False,
) -> Report:
    rules = ReportRules.of_desk(desk, settings.sla_policy())
    async with one_transaction(settings.storage.url) as session:
        return await load_report(
            session,
            period=period,
            rules=rules,
            now=SystemClock().now(),
            team=team,
            with_personal=with_personal,
        )


def pages_of(settings: Settings, database: Any, clock: Any, localizer: Localizer) -> Any:
    """The supervisors' web page wired to these services (the bot's server or its own)."""
    from bot.files.setup import build_store
    from bot.reports.web import SupervisorPages

    return SupervisorPages(
        database=database,
        clock=clock,
        desk=settings.desk_policy(),
        sla=settings.sla_policy(),
        localizer=localizer,
        session_hours=settings.dashboard.session_hours,
        files=build_store(settings.files) if settings.files.keep else None,
    )


async def _serve_dashboard(settings: Settings) -> None:
    import signal

    from storage.database import Database

    database = Database(settings.storage.url)
    await database.upgrade()
    try:
        pages = pages_of(settings, database, SystemClock(), Localizer())
    except BaseException:  # the store cannot be built (StoreProblem)
        await database.dispose()
        raise
    board = settings.dashboard
    runner = await pages.serve(board.listen, board.port)
    print(f"supervisors' web page on http://{board.listen}:{board.port}/dashboard", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        await database.dispose()


def digest_jobs(
    settings: Settings, database: Any, clock: Any, localizer: Localizer
) -> list[tuple[str, float, Any]]:
    """The scheduler's weekly-digest job, when ``[reports] weekly_digest`` is on."""
    from bot.reports.digest import WeeklyDigest

    reports = settings.reports
    if not reports.weekly_digest:
        return []
    digest = WeeklyDigest(
        desk=settings.desk_policy(),
        sla=settings.sla_policy(),
        localizer=localizer,
        clock=clock,
        weekday=reports.digest_weekday,
        hour=reports.digest_hour,
    )
    return [("weekly-digest", DIGEST_CHECK_SECONDS, digest.run)]
