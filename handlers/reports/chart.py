"""The picture under ``/report``: cases per day with the share decided on time, the outcomes,
and how long decisions took — drawn with matplotlib's Agg backend (no display, no pyplot
state: safe in a server) in the agents' language.

Chinese labels need a CJK font: the first of :data:`CJK_FONTS` installed is used after
DejaVu Sans, glyph by glyph (Debian: ``fonts-wqy-zenhei`` or ``fonts-noto-cjk``).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from functools import cache

from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from handlers.replies import Msg
from handlers.reports.figures import Report

#: Fonts with Chinese glyphs, by preference.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
)
#: Working hours to a decision, as buckets: half a working day, one, two, five, more.
BUCKETS = (
    (4.5, Msg("desk-report-chart-under-half-day")),
    (9.0, Msg("desk-report-chart-under-day")),
    (18.0, Msg("desk-report-chart-under-two-days")),
    (45.0, Msg("desk-report-chart-under-week")),
    (float("inf"), Msg("desk-report-chart-longer")),
)
# A CJK font without a bold face is used at its one weight: said once per label otherwise.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
_BLUE, _GREEN, _ORANGE, _RED, _GREY = "#4e79a7", "#59a14f", "#f28e2b", "#e15759", "#bab0ac"


@cache
def font_families() -> tuple[str, ...]:
    """DejaVu Sans (matplotlib's own), then the CJK fonts installed here."""
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return ("DejaVu Sans", *(name for name in CJK_FONTS if name in installed))


def decision_hours(report: Report) -> list[int]:
    """How many first decisions fell in each of :data:`BUCKETS`."""
    counts = [0] * len(BUCKETS)
    for case in report.cases:
        hours = case.hours_to_decision
        if hours is not None:
            counts[next(i for i, (limit, _) in enumerate(BUCKETS) if hours <= limit)] += 1
    return counts


def draw(report: Report, text: Callable[[Msg], str]) -> bytes:
    """The chart as PNG bytes; ``text`` renders a label in the agents' language."""
    figure = Figure(figsize=(9, 8.5), dpi=100, layout="constrained")
    figure.set_facecolor("white")
    with rc_context({"font.family": list(font_families()), "font.size": 10}):
        days_axis, outcome_axis, hours_axis = figure.subplots(3, 1, height_ratios=(1.4, 1, 1))
        _days(days_axis, report, text)
        _outcomes(outcome_axis, report, text)
        _decision_times(hours_axis, report, text)
        out = io.BytesIO()
        FigureCanvasAgg(figure).print_png(out)
    return out.getvalue()


def _days(axis, report: Report, text: Callable[[Msg], str]) -> None:  # type: ignore[no-untyped-def]
    labels = [day.day.strftime("%m-%d") for day in report.days]
    positions = range(len(labels))
    width = 0.4
    axis.bar(
        [p - width / 2 for p in positions],
        [d.received for d in report.days],
        width,
        color=_BLUE,
        label=text(Msg("desk-report-chart-received")),
    )
    axis.bar(
        [p + width / 2 for p in positions],
        [d.decided for d in report.days],
        width,
        color=_GREEN,
        label=text(Msg("desk-report-chart-decided")),
    )
    axis.set_title(text(Msg("desk-report-chart-days")), loc="left", fontweight="bold")
    axis.set_ylabel(text(Msg("desk-report-chart-cases")))
    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    step = max(1, round(len(labels) / 8))
    axis.set_xticks(list(positions)[::step], labels[::step])
    axis.margins(y=0.1)
    share = axis.twinx()
    on_time = [100.0 * d.decided_on_time / d.decided if d.decided else None for d in report.days]
    points = [(p, v) for p, v in zip(positions, on_time, strict=True) if v is not None]
    if points:
        xs, ys = zip(*points, strict=True)
        share.plot(xs, ys, color=_ORANGE, marker="o", label=text(Msg("desk-report-chart-on-time")))
    share.set_ylim(0, 105)
    share.yaxis.set_major_formatter(PercentFormatter())
    handles = axis.get_legend_handles_labels()
    more = share.get_legend_handles_labels()
    axis.legend(handles[0] + more[0], handles[1] + more[1], loc="upper left", fontsize=9)


def _outcomes(axis, report: Report, text: Callable[[Msg], str]) -> None:  # type: ignore[no-untyped-def]
    total = report.total
    items = [
        (Msg("desk-report-chart-approved"), total.outcomes.get("approved", 0), _GREEN),
        (Msg("desk-report-chart-partial"), total.outcomes.get("partial", 0), _ORANGE),
        (Msg("desk-report-chart-rejected"), total.outcomes.get("rejected", 0), _RED),
        (Msg("desk-report-chart-open"), total.open, _GREY),
    ]
    names = [text(label) for label, _, _ in items]
    values = [value for _, value, _ in items]
    bars = axis.barh(names, values, color=[color for _, _, color in items])
    axis.bar_label(bars, padding=3)
    axis.invert_yaxis()
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_title(text(Msg("desk-report-chart-outcomes")), loc="left", fontweight="bold")


def _decision_times(axis, report: Report, text: Callable[[Msg], str]) -> None:  # type: ignore[no-untyped-def]
    counts = decision_hours(report)
    bars = axis.bar([text(label) for _, label in BUCKETS], counts, color=_BLUE)
    axis.bar_label(bars, padding=2)
    axis.margins(y=0.15)
    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_title(text(Msg("desk-report-chart-decision-time")), loc="left", fontweight="bold")
