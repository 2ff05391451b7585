"""The command line as an operator meets it."""

from __future__ import annotations

import logging

import pytest

from bot.cli import main
from bot.logs import TokenFilter

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def test_run_without_a_token_says_what_is_missing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REFUND_DESK_TELEGRAM__TOKEN", raising=False)
    assert main(["run"]) == 2
    error = capsys.readouterr().err.strip()
    assert "\n" not in error
    assert "telegram.token" in error and "refund-desk console" in error


def test_webhook_mode_needs_a_public_url(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFUND_DESK_TELEGRAM__TOKEN", TOKEN)
    monkeypatch.setenv("REFUND_DESK_TELEGRAM__MODE", "webhook")
    assert main(["run"]) == 2
    assert "telegram.webhook.public_url" in capsys.readouterr().err


def test_a_bad_setting_stops_start_up_in_one_line(tmp_path, capsys):
    config = tmp_path / "c.toml"
    config.write_text('[telegram]\nframework = "telethon"\n')
    assert main(["--config", str(config), "console"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("refund-desk: config error:") and "telegram.framework" in error


def test_db_upgrade_creates_the_schema(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["db", "upgrade"]) == 0
    assert (tmp_path / "data" / "refund-desk.db").exists()
    assert "up to date" in capsys.readouterr().out


def test_the_token_never_reaches_a_log_line(caplog):
    logger = logging.getLogger("httpx")
    caplog.handler.addFilter(TokenFilter())
    logger.warning("HTTP Request: POST https://api.telegram.org/bot%s/getMe", TOKEN)
    assert TOKEN not in caplog.text
    assert "bot<token>/getMe" in caplog.text


#: Every subcommand form of the README's "Using it", as typed after the global options.
SUBCOMMANDS = [
    ["console"],
    ["run"],
    ["db", "upgrade"],
    ["check-config"],
    ["outbox"],
    ["outbox", "list"],
    ["outbox", "retry", "--all"],
    ["outbox", "retry", "7"],
    ["updates"],
    ["updates", "list"],
    ["updates", "retry", "--all"],
    ["updates", "retry", "7"],
]


@pytest.mark.parametrize("command", SUBCOMMANDS, ids=" ".join)
def test_config_is_read_after_the_subcommand_too(tmp_path, monkeypatch, capsys, command):
    """`refund-desk run --config FILE` read the file (issue #14), not "unrecognized arguments";
    a bad setting in it is reported, so the file was read before anything else happened."""
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "elsewhere.toml"
    config.write_text('[telegram]\nframework = "telethon"\n')
    for argv in (["--config", str(config), *command], [*command, "--config", str(config)]):
        assert main(argv) == 2
        error = capsys.readouterr().err.strip()
        assert error.startswith("refund-desk: config error:"), (argv, error)
        assert "elsewhere.toml" in error and "telegram.framework" in error


def test_db_upgrade_uses_the_config_given_after_the_subcommand(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "c.toml"
    config.write_text(f'[storage]\nurl = "sqlite+aiosqlite:///{tmp_path}/other.db"\n')
    assert main(["db", "upgrade", "--config", str(config)]) == 0
    assert (tmp_path / "other.db").exists()
    assert not (tmp_path / "data").exists()
    assert "other.db" in capsys.readouterr().out


def test_check_config_after_the_subcommand_reads_a_valid_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "c.toml"
    config.write_text('[telegram]\nframework = "aiogram"\n')
    assert main(["check-config", "--config", str(config)]) == 0
    assert "configuration is valid" in capsys.readouterr().out
