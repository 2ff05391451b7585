"""The flood settings reach the core: the relay cap and the bot's own id (for topic adoption)
in the desk's policy, the per-person limit in the intake's (issue #10)."""

from __future__ import annotations

from bot.config import load_settings


def test_limits_and_the_bots_own_id_reach_the_core(load_config):
    env = {
        "REFUND_DESK_TELEGRAM__TOKEN": "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "REFUND_DESK_INTAKE__FLOOD_PER_MINUTE": "40",
    }
    settings = load_config("[agents]\nchat_id = -1001234567890\nrelay_per_minute = 5\n", env)
    desk = settings.desk_policy()
    assert (desk.bot_id, desk.relay_per_minute) == (123456, 5)
    assert settings.intake_policy().flood_per_minute == 40


def test_defaults_limit_and_without_a_token_no_topic_is_anyones(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = load_settings(environ={})
    assert settings.desk_policy().bot_id is None  # nothing is adopted then
    assert settings.desk_policy().relay_per_minute == 3
    assert settings.intake_policy().flood_per_minute == 30
