"""The supervisors' read-only web page: the figures and the chart of a period and a team, the
cases with filters, and each case's page (its timeline and purchases).

Server-rendered HTML (no script, no build step; readable on a phone), served by the bot's own
aiohttp server next to ``/healthz`` or on its own (``refund-desk dashboard``). GET routes
only, but for the sign-in button: nothing here can change a case. A supervisor signs in with
the one-time link ``/dashboard`` sends them (``handlers/reports/signin.py``): opening it shows
a button, and the button spends it (so Telegram's link preview, which fetches the URL, does
not); the session is a cookie (HttpOnly, SameSite=Lax, Secure behind https) whose token's
hash is stored, for ``[dashboard] session_hours``. Each page seen is logged with who saw it
(``dashboard_views``). A supervisor sees the teams they supervise, in the team's language.
"""

from __future__ import annotations

import asyncio
import html
import io
import secrets
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import InitVar, dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.files.store import ContentStore
from bot.i18n import Localizer
from bot.web_server import start_server
from handlers.case.card import team_label, team_of
from handlers.case.states import UNDECIDED, Status
from handlers.case.view import platform_msg
from handlers.clock import Clock
from handlers.formatting import format_money, format_totals, format_when
from handlers.policy import KNOWN_PLATFORMS, DeskPolicy, SlaPolicy
from handlers.replies import Msg
from handlers.reports.command import team_report
from handlers.reports.figures import Figures, Period, Report
from handlers.reports.signin import SIGNIN_PATH, supervised_teams
from handlers.reports.summary import (
    agent_label,
    hours,
    percent,
    platform_label,
    problem_label,
    summary,
)
from storage.database import Database
from storage.models import Case, Evidence, FileStatus
from storage.repositories import cases as case_rows
from storage.repositories import dashboard
from storage.repositories import evidence as evidence_rows

COOKIE = "refund_desk_session"
_STYLE = """
body{font-family:system-ui,-apple-system,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;
margin:0;color:#222;background:#f6f6f4}header{background:#2f4858;color:#fff;padding:.6em 1em}
header a{color:#fff;margin-right:1em}main{padding:1em;max-width:60em;margin:auto}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em;background:#fff}
th,td{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}
img{max-width:100%;height:auto;background:#fff}form{margin:.5em 0 1em;display:flex;
flex-wrap:wrap;gap:.5em;align-items:end}label{display:flex;flex-direction:column;font-size:.9em}
.overdue{color:#b00020;font-weight:bold}.summary p{margin:.3em 0}
.files{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5em}
@media (max-width:40em){th,td{font-size:.9em;padding:.3em}}
"""
_STATUSES = [s.value for s in Status]
#: Timeline labels of the events a case's page shows (others are bookkeeping).
_EVENTS = {
    "submitted": Msg("desk-web-event-submitted"),
    "claimed": Msg("desk-web-event-claimed"),
    "unclaimed": Msg("desk-web-event-unclaimed"),
    "asked": Msg("desk-web-event-asked"),
    "relayed_to_parent": Msg("desk-web-event-relayed"),
    "parent_message": Msg("desk-web-event-parent-message"),
    "decided": Msg("desk-web-event-decided"),
    "appealed": Msg("desk-web-event-appealed"),
    "escalated": Msg("desk-web-event-escalated"),
    "overdue": Msg("desk-web-event-overdue"),
    "reopened": Msg("desk-web-event-reopened"),
    "closed": Msg("desk-web-event-closed"),
    "moved": Msg("desk-web-event-moved"),
    "rated": Msg("desk-web-event-rated"),
    "rating_comment": Msg("desk-web-event-comment"),
    "anonymized": Msg("desk-web-event-erased"),
}
#: What the merchant's bills say of a purchase (#15).
_VERDICTS = {
    "found": Msg("desk-web-verdict-found"),
    "likely": Msg("desk-web-verdict-likely"),
    "refunded": Msg("desk-web-verdict-refunded"),
    "voided": Msg("desk-web-verdict-voided"),
    "ambiguous": Msg("desk-web-verdict-ambiguous"),
    "not_found": Msg("desk-web-verdict-not-found"),
}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(kw_only=True, eq=False)
class SupervisorPages:
    """The web page's routes, for the bot's server or a server of its own."""

    database: Database
    clock: Clock
    desk: DeskPolicy
    sla: SlaPolicy
    localizer: Localizer
    session_hours: InitVar[float] = 8.0
    #: Where evidence files are kept (``[files]``: a directory or a bucket, #16): thumbnails
    #: on case pages.
    files: ContentStore | None = None
    session_lifetime: timedelta = field(init=False)

    def __post_init__(self, session_hours: float) -> None:
        self.session_lifetime = timedelta(hours=session_hours)

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get(SIGNIN_PATH, self.sign_in_page)
        app.router.add_post(SIGNIN_PATH, self.sign_in)
        app.router.add_get("/dashboard", self._signed(self.figures))
        app.router.add_get("/dashboard/chart.png", self._signed(self.chart))
        app.router.add_get("/dashboard/cases", self._signed(self.case_list))
        app.router.add_get("/dashboard/cases/{reference}", self._signed(self.case_page))
        app.router.add_get("/dashboard/files/{evidence}", self._signed(self.thumbnail))

    async def serve(self, listen: str, port: int) -> web.AppRunner:
        app = web.Application()
        self.add_routes(app)
        runner, _ = await start_server(app, listen, port)
        return runner

    # -- signing in ---------------------------------------------------------------------

    async def sign_in_page(self, request: web.Request) -> web.StreamResponse:
        """The link's page: a button that signs in. Opening the link spends nothing, so
        Telegram's link preview (which fetches the URL) cannot use it up."""
        language = self.desk.language
        token = _attr(request.query.get("token", ""))
        button = self._t(language, Msg("desk-web-signin-button"))
        body = (
            f'<form method="post" action="{SIGNIN_PATH}">'
            f'<input type="hidden" name="token" value="{token}">'
            f'<button type="submit" id="sign-in">{button}</button></form>'
        )
        return self._page(language, self._t(language, Msg("desk-web-title")), body)

    async def sign_in(self, request: web.Request) -> web.StreamResponse:
        """The button: the link is spent (once) and a session begins."""
        now = self.clock.now()
        form = await request.post()
        token = str(form.get("token", ""))
        async with self.database.unit_of_work() as session:
            user_id = await dashboard.use_link(session=session, token=token, now=now)
            if user_id is None or not supervised_teams(self.desk, user_id):
                return self._refused(403)
            cookie = secrets.token_urlsafe(32)
            await dashboard.add_session(
                session=session,
                token=cookie,
                user_id=user_id,
                now=now,
                expires_at=now + self.session_lifetime,
            )
        response = web.HTTPSeeOther("/dashboard")
        response.set_cookie(
            COOKIE,
            cookie,
            max_age=int(self.session_lifetime.total_seconds()),
            httponly=True,
            samesite="Lax",
            secure=request.secure or request.headers.get("X-Forwarded-Proto") == "https",
            path="/dashboard",
        )
        raise response

    def _refused(self, status: int) -> web.Response:
        language = self.desk.language
        body = f"<h1>{self._t(language, Msg('desk-web-signin-refused'))}</h1>"
        return self._page(language, self._t(language, Msg("desk-web-title")), body, status=status)

    def _signed(self, handler: Callable[..., Awaitable[web.StreamResponse]]) -> Handler:
        async def guarded(request: web.Request) -> web.StreamResponse:
            now = self.clock.now()
            token = request.cookies.get(COOKIE, "")
            async with self.database.unit_of_work() as session:
                signed = await dashboard.session_of(session=session, token=token, now=now)
                teams = supervised_teams(self.desk, signed.user_id) if signed else []
                if signed is None or not teams:
                    return self._refused(401)
                await dashboard.log_view(
                    session=session,
                    user_id=signed.user_id,
                    session_id=signed.id,
                    path=request.path_qs,
                    now=now,
                )
            key = request.query.get("team")
            team = self.desk.for_team(key if key in teams else teams[0])
            return await handler(request, team, teams)

        return guarded

    # -- pages --------------------------------------------------------------------------

    def _period(self, request: web.Request, team: DeskPolicy) -> tuple[str, Period]:
        today: date = self.clock.now().astimezone(ZoneInfo(team.timezone)).date()
        text = request.query.get("period", "week")
        period = Period.parse(text, today)
        return (text, period) if period is not None else ("week", Period.parse("", today))  # type: ignore[return-value]

    async def _report(self, team: DeskPolicy, period: Period) -> Report:
        async with self.database.unit_of_work() as session:
            return await team_report(
                session,
                team,
                period,
                self.clock.now(),
                sla=self.sla,
            )

    async def figures(
        self, request: web.Request, team: DeskPolicy, teams: list[str]
    ) -> web.StreamResponse:
        text, period = self._period(request, team)
        report = await self._report(team, period)
        lang = team.language
        query = _query(period=text, team=team.team)
        parts = [
            self._form(lang, team, teams, [("period", Msg("desk-web-period"), text)]),
            '<div class="summary">',
            *(f"<p>{self._t(lang, p)}</p>" for p in summary(report, lang, self._team(team))),
            "</div>",
        ]
        if report.total.received:
            alt = self._t(lang, Msg("desk-report-chart-days"))
            parts.append(f'<img src="/dashboard/chart.png?{query}" alt="{alt}">')
            for title, rows, label, field in (
                (Msg("desk-web-by-agent"), report.by_agent, agent_label, "agent"),
                (Msg("desk-web-by-platform"), report.by_platform, platform_label, "platform"),
                (Msg("desk-web-by-problem"), report.by_problem, problem_label, None),
                (Msg("desk-web-by-language"), report.by_language, _language_label, None),
            ):
                parts.append(self._breakdown(lang, team, title, rows, label, field))
        cases = self._t(lang, Msg("desk-web-cases-link"))
        parts.append(f'<p><a href="/dashboard/cases?team={_attr(team.team)}">{cases}</a></p>')
        return self._page(lang, self._t(lang, Msg("desk-web-title")), "".join(parts), team=team)

    async def chart(
        self, request: web.Request, team: DeskPolicy, teams: list[str]
    ) -> web.StreamResponse:
        _, period = self._period(request, team)
        report = await self._report(team, period)
        from handlers.reports import chart  # matplotlib: a second to import, only when drawn

        picture = chart.draw(report, lambda msg: self.localizer.plain(team.language, msg))
        return web.Response(body=picture, content_type="image/png")

    async def case_list(
        self, request: web.Request, team: DeskPolicy, teams: list[str]
    ) -> web.StreamResponse:
        q, lang = request.query, team.language
        try:
            minimum = Decimal(q["min"]) if q.get("min") else None
        except InvalidOperation:
            minimum = None
        where = dashboard.CaseFilter(
            team=team.team if team.roster else None,
            status=q.get("status") if q.get("status") in _STATUSES else None,
            overdue=q.get("overdue") == "1",
            platform=q.get("platform") or None,
            agent=q.get("agent") or None,
            min_amount=minimum,
            text=q.get("q") or None,
        )
        async with self.database.unit_of_work() as session:
            found = await dashboard.list_cases(session=session, where=where, now=self.clock.now())
            totals = {
                c.id: await case_rows.transactions_of(session=session, case_id=c.id)
                for c in found
                if c.id is not None
            }
        form = self._filters(lang, team, teams, q)
        head = [
            Msg("desk-web-col-reference"),
            Msg("desk-web-col-submitted"),
            Msg("desk-web-col-status"),
            Msg("desk-web-col-platform"),
            Msg("desk-web-col-claimed"),
            Msg("desk-web-col-agent"),
            Msg("desk-web-col-due"),
        ]
        rows = []
        for case in found:
            due = format_when(case.due_at, team.timezone, lang) if case.due_at else ""
            late = case.due_at is not None and case.due_at < self.clock.now()
            if late and case.status in UNDECIDED:
                due = f'<span class="overdue">{html.escape(due)} ⚠</span>'
            else:
                due = html.escape(due)
            claimed = format_totals(
                ((t.amount, t.currency) for t in totals.get(case.id or 0, [])), lang
            )
            link = f"/dashboard/cases/{_attr(case.reference)}?team={_attr(team.team)}"
            rows.append(
                [
                    f'<a href="{link}">{html.escape(case.reference)}</a>',
                    html.escape(format_when(case.submitted_at, team.timezone, lang)),
                    self._t(lang, _status(case.status)),
                    self._t(lang, platform_msg(case)),
                    html.escape(claimed),
                    html.escape(case.assignee_name or ""),
                    due,
                ]
            )
        count = self._t(lang, Msg("desk-web-count", {"count": len(found)}))
        body = form + f"<p>{count}</p>" + self._table(lang, head, rows)
        title = self._t(lang, Msg("desk-web-cases-title"))
        return self._page(lang, title, body, team=team)

    async def case_page(
        self, request: web.Request, team: DeskPolicy, teams: list[str]
    ) -> web.StreamResponse:
        lang = team.language
        reference = request.match_info["reference"].upper()
        async with self.database.unit_of_work() as session:
            case = await case_rows.case_by_reference(session=session, reference=reference)
            if case is None or case.id is None or (team.roster and case.team != team.team):
                raise web.HTTPNotFound()
            purchases = await case_rows.transactions_of(session=session, case_id=case.id)
            events = await case_rows.events_of(session=session, case_id=case.id)
            files = await evidence_rows.list_for_case(session=session, case_id=case.id)
            verdicts = await dashboard.order_verdicts(session=session, case_id=case.id)
        facts = [
            (Msg("desk-web-col-status"), self._t(lang, _status(case.status))),
            (Msg("desk-web-col-platform"), self._t(lang, platform_msg(case))),
            (Msg("desk-web-col-problem"), self._t(lang, problem_label(case.problem))),
            (Msg("desk-web-col-language"), self._t(lang, _language_label(case.language))),
            (Msg("desk-web-col-account"), html.escape(case.account)),
            (Msg("desk-web-col-agent"), html.escape(case.assignee_name or "")),
            (Msg("desk-web-col-submitted"), self._when(case.submitted_at, team)),
            (Msg("desk-web-col-due"), self._when(case.due_at, team)),
            (Msg("desk-web-col-decision"), html.escape(case.decision or "")),
        ]
        body = [self._table(lang, [], [[self._t(lang, k), v] for k, v in facts])]
        body.append(f"<h2>{self._t(lang, Msg('desk-web-purchases'))}</h2>")
        body.append(
            self._table(
                lang,
                [
                    Msg("desk-web-col-when"),
                    Msg("desk-web-col-amount"),
                    Msg("desk-web-col-order"),
                    Msg("desk-web-col-bills"),
                ],
                [
                    [
                        self._when(t.occurred_at, team),
                        html.escape(format_money(t.amount, t.currency, lang)),
                        html.escape(t.order_number or ""),
                        self._t(lang, _VERDICTS[verdicts[t.id]])
                        if t.id in verdicts and verdicts[t.id] in _VERDICTS
                        else "",
                    ]
                    for t in purchases
                ],
            )
        )
        body.append(f"<h2>{self._t(lang, Msg('desk-web-timeline'))}</h2>")
        timeline = [
            [self._when(e.created_at, team), self._t(lang, _EVENTS[e.action]) + _detail(e.details)]
            for e in events
            if e.action in _EVENTS
        ]
        body.append(
            self._table(lang, [Msg("desk-web-col-when"), Msg("desk-web-col-what")], timeline)
        )
        files_line = Msg("desk-web-files", {"count": len(files)})
        body.append(f"<h2>{self._t(lang, files_line)}</h2>")
        items = []
        for f in files:
            name = html.escape(f.file_name or f.kind)
            if self._kept_picture(f) and await self._stored(f):
                source = f"/dashboard/files/{f.id}?team={_attr(team.team)}"
                picture = f'<img src="{source}" alt="{name}" width="160" loading="lazy">'
                items.append(f'<li><a href="{source}">{picture}</a></li>')
            else:
                items.append(
                    f"<li>{name} ({html.escape(f.content_type or f.mime_type or '')})</li>"
                )
        body.append(f'<ul class="files">{"".join(items)}</ul>')
        title = self._t(lang, Msg("desk-web-case-title", {"reference": case.reference}))
        return self._page(lang, title, "".join(body), team=team)

    def _kept_picture(self, item: Evidence) -> bool:
        """Whether the item is a picture whose file was kept."""
        kind = item.content_type or item.mime_type or ""
        return (
            self.files is not None
            and item.file_status == FileStatus.KEPT
            and bool(item.sha256)
            and kind.startswith("image/")
        )

    async def _stored(self, item: Evidence) -> bool:
        """Whether the store still has the item's file (the store is asked off the loop)."""
        if self.files is None or not item.sha256:
            return False
        return await asyncio.to_thread(self.files.has, item.sha256)

    async def thumbnail(
        self, request: web.Request, team: DeskPolicy, teams: list[str]
    ) -> web.StreamResponse:
        """A picture of a case's evidence, at most 480 pixels wide, for a team shown."""
        evidence_id = request.match_info["evidence"]
        if not evidence_id.isascii() or not evidence_id.isdigit():
            raise web.HTTPNotFound()
        async with self.database.unit_of_work() as session:
            item = await session.get(Evidence, int(evidence_id))
            case = await session.get(Case, item.case_id) if item and item.case_id else None
        if item is None or case is None or (team.roster and case.team != team.team):
            raise web.HTTPNotFound()
        if self.files is None or item.sha256 is None or not self._kept_picture(item):
            raise web.HTTPNotFound()
        data = await asyncio.to_thread(self.files.get, item.sha256)
        if data is None:  # deleted since
            raise web.HTTPNotFound()
        picture = await asyncio.to_thread(_thumbnail, data)
        return web.Response(
            body=picture,
            content_type="image/jpeg",
            headers={"Cache-Control": "private, max-age=3600"},
        )

    # -- pieces -------------------------------------------------------------------------

    def _t(self, language: str, msg: Msg) -> str:
        return self.localizer.html(language, msg)

    def _team(self, team: DeskPolicy) -> Msg:
        return team_label(team_of(team, team.team))

    def _when(self, moment: Any, team: DeskPolicy) -> str:
        return html.escape(format_when(moment, team.timezone, team.language)) if moment else ""

    def _page(
        self,
        language: str,
        title: str,
        body: str,
        *,
        team: DeskPolicy | None = None,
        status: int = 200,
    ) -> web.Response:
        nav = ""
        if team is not None:
            key = _attr(team.team)
            home = self._t(language, Msg("desk-web-title"))
            listed = self._t(language, Msg("desk-web-cases-title"))
            nav = (
                f'<a href="/dashboard?team={key}">{home}</a>'
                f'<a href="/dashboard/cases?team={key}">{listed}</a>'
                f"<span>{self._t(language, self._team(team))}</span>"
            )
        page = (
            f'<!doctype html><html lang="{_attr(language)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_plain(title)}</title><style>{_STYLE}</style></head>"
            f"<body><header><nav>{nav}</nav></header><main><h1>{title}</h1>{body}</main>"
            "</body></html>"
        )
        return web.Response(
            text=page,
            content_type="text/html",
            status=status,
            headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY"},
        )

    def _form(
        self,
        language: str,
        team: DeskPolicy,
        teams: list[str],
        fields: Iterable[tuple[str, Msg, str]],
    ) -> str:
        inputs = [
            f'<label>{self._t(language, label)}<input name="{name}" value="{_attr(value)}">'
            "</label>"
            for name, label, value in fields
        ]
        return self._wrap_form(language, team, teams, inputs)

    def _wrap_form(
        self, language: str, team: DeskPolicy, teams: list[str], inputs: list[str]
    ) -> str:
        if len(teams) > 1:
            options = "".join(
                f'<option value="{_attr(key)}"{" selected" if key == team.team else ""}>'
                f"{self._t(language, self._team(self.desk.for_team(key)))}</option>"
                for key in teams
            )
            team_label_text = self._t(language, Msg("desk-web-team"))
            inputs.insert(
                0, f'<label>{team_label_text}<select name="team">{options}</select></label>'
            )
        else:
            inputs.append(f'<input type="hidden" name="team" value="{_attr(team.team)}">')
        show = self._t(language, Msg("desk-web-show"))
        return f'<form method="get">{"".join(inputs)}<button type="submit">{show}</button></form>'

    def _filters(self, language: str, team: DeskPolicy, teams: list[str], q: Any) -> str:
        def options(values: list[tuple[str, str]], chosen: str) -> str:
            everything = self._t(language, Msg("desk-web-any"))
            return f'<option value="">{everything}</option>' + "".join(
                f'<option value="{_attr(v)}"{" selected" if v == chosen else ""}>{label}</option>'
                for v, label in values
            )

        statuses = [(s, self._t(language, _status(s))) for s in _STATUSES]
        platforms = [(p, self._t(language, platform_label(p))) for p in KNOWN_PLATFORMS]
        checked = " checked" if q.get("overdue") == "1" else ""
        inputs = [
            f'<label>{self._t(language, Msg("desk-web-col-status"))}<select name="status">'
            f"{options(statuses, q.get('status', ''))}</select></label>",
            f'<label>{self._t(language, Msg("desk-web-col-platform"))}<select name="platform">'
            f"{options(platforms, q.get('platform', ''))}</select></label>",
            f"<label>{self._t(language, Msg('desk-web-col-agent'))}"
            f'<input name="agent" value="{_attr(q.get("agent", ""))}"></label>',
            f"<label>{self._t(language, Msg('desk-web-min-amount'))}"
            f'<input name="min" inputmode="decimal" value="{_attr(q.get("min", ""))}"></label>',
            f"<label>{self._t(language, Msg('desk-web-search'))}"
            f'<input name="q" value="{_attr(q.get("q", ""))}"></label>',
            f"<label>{self._t(language, Msg('desk-web-overdue'))}"
            f'<input type="checkbox" name="overdue" value="1"{checked}></label>',
        ]
        return self._wrap_form(language, team, teams, inputs)

    def _breakdown(
        self,
        language: str,
        team: DeskPolicy,
        title: Msg,
        rows: dict[str, Figures],
        label: Callable[[str], Msg],
        field: str | None,
    ) -> str:
        """A table of figures by agent, platform, kind or language; a name that the case
        list can filter on links to those cases (of every period)."""

        def name_cell(name: str) -> str:
            shown = self._t(language, label(name))
            if field is None or not name:
                return shown
            link = "/dashboard/cases?" + _query(team=team.team, **{field: name})
            return f'<a href="{_attr(link)}">{shown}</a>'

        head = [
            Msg("desk-web-col-name"),
            Msg("desk-web-col-received"),
            Msg("desk-web-col-decided"),
            Msg("desk-web-col-on-time"),
            Msg("desk-web-col-decision-time"),
        ]
        body = [
            [
                name_cell(name),
                str(f.received),
                str(f.decided),
                self._t(language, percent(f.on_time, language)),
                self._t(language, hours(f.to_decision, language)),
            ]
            for name, f in rows.items()
        ]
        return f"<h2>{self._t(language, title)}</h2>" + self._table(language, head, body)

    def _table(self, language: str, head: list[Msg], rows: list[list[str]]) -> str:
        top = "".join(f"<th>{self._t(language, h)}</th>" for h in head)
        lines = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        return f"<table>{f'<tr>{top}</tr>' if top else ''}{lines}</table>"


def _thumbnail(data: bytes) -> bytes:
    from PIL import Image  # Pillow comes with matplotlib

    with Image.open(io.BytesIO(data)) as image:
        image.thumbnail((480, 960))
        out = io.BytesIO()
        image.convert("RGB").save(out, "JPEG", quality=80)
    return out.getvalue()


def _status(status: str) -> Msg:
    return Msg(f"desk-status-{status.replace('_', '-')}")


def _language_label(language: str) -> Msg:
    return Msg(f"language-name-{language}")


def _detail(details: dict[str, Any]) -> str:
    shown = [details[k] for k in ("decision", "amount", "stars", "reason") if details.get(k)]
    return f" ({html.escape(', '.join(str(v) for v in shown))})" if shown else ""


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _plain(text: str) -> str:
    return html.escape(html.unescape(text.replace("<b>", "").replace("</b>", "")))


def _query(**values: str) -> str:
    from urllib.parse import urlencode

    return urlencode(values)
