"""A report as words in the agents' language: the text under ``/report``'s chart, the weekly
digest, and what ``refund-desk report`` prints (``locales/<lang>/reports.ftl``)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from babel.dates import format_interval, format_skeleton
from babel.numbers import format_decimal, format_percent

from handlers.formatting import format_totals
from handlers.languages import BABEL_LOCALE
from handlers.policy import KNOWN_PLATFORMS
from handlers.replies import Msg
from handlers.reports.figures import DECISIONS, NOBODY, Figures, Period, Report, Share, Timing

#: Agents listed by name in the text (the CSV and the web page have them all).
MAX_AGENTS = 8


def _locale(language: str) -> str:
    return BABEL_LOCALE.get(language, "en")


def period_text(period: Period, language: str) -> str:
    """``Sep 24 – 30, 2026`` as the language writes a span of days."""
    if period.first == period.last:
        return format_skeleton("yMMMd", period.first, locale=_locale(language))
    return format_interval(period.first, period.last, "yMMMd", locale=_locale(language))


def percent(share: Share, language: str) -> Msg:
    if share.percent is None:
        return Msg("desk-report-none")
    value = format_percent(share.met / share.due, locale=_locale(language))
    return Msg("desk-report-share", {"percent": value, "met": share.met, "due": share.due})


def hours(timing: Timing, language: str) -> Msg:
    if timing.median is None or timing.p90 is None:
        return Msg("desk-report-none")
    locale = _locale(language)
    return Msg(
        "desk-report-hours",
        {
            "median": format_decimal(round(timing.median, 1), "#,##0.#", locale=locale),
            "p90": format_decimal(round(timing.p90, 1), "#,##0.#", locale=locale),
        },
    )


def money(amounts: Mapping[str, Decimal], language: str) -> Msg | str:
    if not amounts:
        return Msg("desk-report-none")
    return format_totals(((v, k) for k, v in amounts.items()), language)


def platform_label(platform: str) -> Msg:
    if platform in KNOWN_PLATFORMS:
        return Msg(f"platform-{platform}")
    return Msg("platform-custom", {"name": platform})


_PROBLEMS = {
    "minor_purchase": Msg("desk-report-problem-minor-purchase"),
    "payment_failed": Msg("desk-report-problem-payment-failed"),
    "not_activated": Msg("desk-report-problem-not-activated"),
}


def problem_label(problem: str) -> Msg:
    return _PROBLEMS.get(problem, Msg("desk-report-problem-other"))


def agent_label(agent: str) -> Msg:
    return (
        Msg("desk-report-unassigned")
        if agent == NOBODY
        else Msg("desk-report-agent", {"name": agent})
    )


def figure_lines(figures: Figures, language: str) -> list[Msg]:
    """The figures of one report (or one part of it), one line each."""
    outcomes = {key.value: figures.outcomes.get(key, 0) for key in DECISIONS}
    lines = [
        Msg(
            "desk-report-volumes",
            {
                "received": figures.received,
                "decided": figures.decided,
                "open": figures.open,
                "overdue": figures.overdue_now,
            },
        ),
        Msg(
            "desk-report-on-time",
            {
                "first": percent(figures.on_time, language),
                "appeal": percent(figures.appeal_on_time, language),
            },
        ),
        Msg(
            "desk-report-times",
            {
                "claim": hours(figures.to_claim, language),
                "answer": hours(figures.to_first_answer, language),
                "decision": hours(figures.to_decision, language),
            },
        ),
        Msg(
            "desk-report-outcomes",
            {
                **outcomes,
                "closed": figures.outcomes.get("closed", 0),
                "appealed": figures.appealed,
                "reopened": figures.reopened,
            },
        ),
        Msg(
            "desk-report-money",
            {
                "claimed": money(figures.claimed, language),
                "granted": money(figures.granted, language),
            },
        ),
    ]
    if figures.order_verdicts:
        verdicts = figures.order_verdicts
        lines.append(
            Msg(
                "desk-report-orders",
                {
                    "found": verdicts.get("found", 0) + verdicts.get("likely", 0),
                    "refunded": verdicts.get("refunded", 0),
                    "voided": verdicts.get("voided", 0),
                    "ambiguous": verdicts.get("ambiguous", 0),
                    "missing": verdicts.get("not_found", 0),
                },
            )
        )
    if figures.stars_average is not None:
        average = format_decimal(round(figures.stars_average, 1), "0.0", locale=_locale(language))
        lines.append(Msg("desk-report-stars", {"average": average, "count": figures.stars_count}))
    return lines


def summary(report: Report, language: str, team: Msg) -> tuple[Msg, ...]:
    """The whole report in words: header, the team's figures, then each agent's."""
    header = Msg(
        "desk-report-header", {"team": team, "period": period_text(report.period, language)}
    )
    if report.total.received == 0:
        return (header, Msg("desk-report-empty"))
    parts = [header, *figure_lines(report.total, language)]
    if report.by_agent:
        parts.append(Msg("desk-report-by-agent"))
        named = sorted(report.by_agent.items(), key=lambda item: item[0] == NOBODY)
        for name, figures in named[:MAX_AGENTS]:
            parts.append(
                Msg(
                    "desk-report-agent-line",
                    {
                        "agent": agent_label(name),
                        "received": figures.received,
                        "decided": figures.decided,
                        "on_time": percent(figures.on_time, language),
                    },
                )
            )
    return tuple(parts)
