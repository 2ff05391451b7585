"""Purchase times on the agents' card (issue #14): the parent's own clock and its zone, and
the team's time beside it only where it differs — a purchase at 21:00 in Paris no longer reads
as 04:00 the next day without a word."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from handlers.case.view import CaseView
from tests.case_rows import card_purchase_line, case_row, with_one_purchase

SUBMITTED = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)


def _view(parent_zone: str, occurred_at: datetime, *, has_time: bool = True) -> CaseView:
    case = case_row("K7QM4", at=SUBMITTED, id=1, language="fr", timezone=parent_zone)
    return with_one_purchase(case, occurred_at, has_time=has_time)


def test_an_evening_purchase_in_paris_is_shown_at_paris_time_with_the_teams_beside(localizer):
    view = _view("Europe/Paris", datetime(2026, 11, 19, 20, 0, tzinfo=UTC))
    line = card_purchase_line(localizer, view, "en", "Asia/Shanghai")
    assert "Thu, Nov 19, 2026, 9:00 PM (Paris, UTC+1)" in line
    assert "Fri 4:00 AM Shanghai" in line  # the next day for the team, said so


@pytest.mark.parametrize(
    ("language", "parent", "team"),
    [
        ("fr", "jeu. 19 nov. 2026, 21:00 (Paris, UTC+1)", "ven. 04:00 à Shanghai"),
        ("zh-Hans", "2026年11月19日周四 21:00（巴黎，UTC+1）", "上海时间 周五04:00"),
        ("zh-Hant", "2026年11月19日週四 21:00（巴黎，UTC+1）", "上海時間 週五 04:00"),
    ],
    ids=["fr", "zh-Hans", "zh-Hant"],
)
def test_the_zone_is_named_in_the_teams_language(localizer, language, parent, team):
    view = _view("Europe/Paris", datetime(2026, 11, 19, 20, 0, tzinfo=UTC))
    line = card_purchase_line(localizer, view, language, "Asia/Shanghai")
    assert parent in line and team in line, line


def test_summer_time_and_a_same_day_team_time(localizer):
    """In July Paris is UTC+2; 10:00 there is 16:00 in Shanghai the same day: no weekday."""
    view = _view("Europe/Paris", datetime(2026, 7, 3, 8, 0, tzinfo=UTC))
    line = card_purchase_line(localizer, view, "en", "Asia/Shanghai")
    assert "Fri, Jul 3, 2026, 10:00 AM (Paris, UTC+2)" in line
    assert "· 4:00 PM Shanghai" in line


@pytest.mark.parametrize("parent", ["Asia/Shanghai", "Asia/Taipei", "Asia/Hong_Kong"])
def test_no_team_time_where_the_clocks_agree(localizer, parent):
    """Taipei and Hong Kong keep Shanghai's time: the parent's time is the team's."""
    view = _view(parent, datetime(2026, 11, 19, 12, 0, tzinfo=UTC))
    line = card_purchase_line(localizer, view, "en", "Asia/Shanghai")
    assert "8:00 PM (" in line and "UTC+8)" in line
    assert "Shanghai" not in line.split("UTC+8)")[1]


def test_a_half_hour_zone_and_one_west_of_greenwich(localizer):
    india = card_purchase_line(
        localizer, _view("Asia/Kolkata", datetime(2026, 11, 19, 12, 0, tzinfo=UTC)), "en", "UTC"
    )
    assert "5:30 PM (Kolkata, UTC+5:30) · 12:00 PM UTC" in india
    new_york = card_purchase_line(
        localizer,
        _view("America/New_York", datetime(2026, 11, 19, 12, 0, tzinfo=UTC)),
        "en",
        "Europe/Paris",
    )
    assert "7:00 AM (New York, UTC-5) · 1:00 PM Paris" in new_york


def test_a_purchase_known_by_its_day_only_is_the_parents_day(localizer):
    """No time given: the day as the parent said it, with no clock to convert."""
    view = _view("Europe/Paris", datetime(2026, 11, 19, 17, 0, tzinfo=UTC), has_time=False)
    line = card_purchase_line(localizer, view, "en", "Asia/Shanghai")
    assert "Thu, Nov 19, 2026" in line  # Nov 20 in Shanghai, Nov 19 for the parent
    assert "Nov 20" not in line and "Shanghai" not in line and "PM" not in line
