"""Telegram refuses a button whose data is over 64 bytes, and with it the whole message: every
button is checked where it is made, and the longest the settings allow still fits."""

from __future__ import annotations

import pytest

from handlers.bounds import INT32_MAX
from handlers.case.card import card_buttons
from handlers.case.view import CaseView
from handlers.intake.context import StepAnswer
from handlers.intake.steps import STEPS
from handlers.policy import DeskPolicy, Team
from handlers.replies import BUTTON_DATA_BYTES, Button, Msg
from storage.models import Case


def test_a_button_over_64_bytes_is_refused_where_it_is_made():
    Button(Msg("x"), "d" * BUTTON_DATA_BYTES)
    with pytest.raises(ValueError, match="1-64 bytes"):
        Button(Msg("x"), "d" * (BUTTON_DATA_BYTES + 1))
    with pytest.raises(ValueError):
        Button(Msg("x"), "é" * 33)  # 66 bytes in UTF-8
    with pytest.raises(ValueError):
        Button(Msg("x"), "")


def test_intake_buttons_fit_with_the_largest_draft_id_and_the_longest_platform_id():
    longest = "p" * 32  # bot/config.PLATFORM_ID
    for step in STEPS:
        Button(Msg("x"), StepAnswer(INT32_MAX, step.name, longest).pack())


def test_card_buttons_fit_with_the_largest_case_id_and_the_longest_team_key():
    key = "t" * 32  # bot/config.TeamSettings.key
    roster = (Team("main", -1), Team(key, -2))
    desk = DeskPolicy(chat_id=-1, roster=roster)
    case = Case(id=INT32_MAX, status="in_review", team="main", pending_input={})  # type: ignore[call-arg]
    for pending in ({}, {"kind": "team", "agent": 1}, {"kind": "reject_reason", "agent": 1}):
        case.pending_input = pending
        for row in card_buttons(CaseView(case, [], []), desk):
            assert all(len(b.data.encode()) <= BUTTON_DATA_BYTES for b in row)
