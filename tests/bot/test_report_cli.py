"""``refund-desk report`` prints the figures; ``refund-desk export cases`` writes one row per
case as CSV or XLSX, without personal data unless ``--with-personal``."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path

from bot.cli import main
from storage.database import Database
from tests.handlers.report_desk import seed

ARGS = ["--from", "2026-09-24", "--to", "2026-09-30", "--team", "main"]


def _desk(tmp_path: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\nurl = "sqlite+aiosqlite:///{tmp_path}/bot.db"\n'
        '[agents]\nchat_id = -100123\ntimezone = "Asia/Shanghai"\nlanguage = "en"\n'
    )

    async def prepare() -> None:
        database = Database(f"sqlite+aiosqlite:///{tmp_path}/bot.db")
        await database.upgrade()
        await seed(database)
        await database.dispose()

    asyncio.run(prepare())
    return config


def test_report_prints_the_figures_in_the_teams_language(tmp_path, capsys):
    config = _desk(tmp_path)
    command = ["--config", str(config), "report"]
    assert main([*command, "2026-09-24..2026-09-30", "--team", "main"]) == 0
    out = capsys.readouterr().out
    assert "Main team · Sep 24\u2009–\u200930, 2026" in out
    assert "Received 5 · decided 3 · open 2 · overdue now 2" in out
    assert "Decided on time: 40% (2 of 5)" in out
    assert "to decision 8.5 h (p90 28 h)" in out
    assert "Claimed CN¥978.00 + €12.50 + $49.90 · granted CN¥748.00" in out
    assert "• Alice: 2 · 2 · 100% (2 of 2)" in out
    assert main([*command, "2026-09", "--team", "main", "--language", "fr"]) == 0
    assert "Reçues 5 · décidées 3" in capsys.readouterr().out
    assert main([*command, "someday"]) == 2


def test_export_cases_as_csv_without_personal_data(tmp_path, capsys):
    config = _desk(tmp_path)
    assert main(["--config", str(config), "export", "cases", *ARGS]) == 0
    text = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r["reference"] for r in rows] == ["AAAAA", "BBBBB", "CCCCC", "DDDDD", "EEEEE"]
    first = rows[0]
    assert first["submitted_at"] == "2026-09-24T10:00+08:00"
    assert first["first_deadline"] == "2026-09-29T18:00+08:00"
    assert (first["decision"], first["decided_on_time"], first["stars"]) == (
        "approved",
        "yes",
        "5",
    )
    assert (first["claimed_CNY"], first["granted_CNY"]) == ("648", "648")
    appealed = rows[1]
    assert (appealed["decided_on_time"], appealed["appeals_on_time"]) == ("no", "1/1")
    assert rows[2]["claimed_EUR"] == "12.50" and rows[2]["agent"] == ""
    assert rows[3]["erased"] == "yes" and rows[3]["reopened"] == "1"
    assert "account" not in rows[0] and "account-AAAAA" not in text


def test_export_with_personal_data_and_as_xlsx(tmp_path, capsys):
    from openpyxl import load_workbook

    config = _desk(tmp_path)
    out = tmp_path / "cases.csv"
    command = ["--config", str(config), "export", "cases", *ARGS, "--with-personal"]
    assert main([*command, "--output", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8").lstrip("\ufeff"))))
    assert rows[0]["account"] == "account-AAAAA"
    assert rows[3]["account"] == ""  # erased
    assert out.stat().st_mode & 0o077 == 0
    book = tmp_path / "cases.xlsx"
    assert main([*command[:-1], "--format", "xlsx", "--output", str(book)]) == 0
    sheet = load_workbook(book).active
    header = [cell.value for cell in sheet[1]]
    values = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert values["reference"] == "AAAAA" and values["claimed_CNY"] == 648
    assert "account" not in header
    assert main([*command[:-1], "--format", "xlsx"]) == 2  # needs --output
