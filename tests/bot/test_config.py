"""Settings: defaults without a file, environment overrides, one clear line per mistake."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings


def test_defaults_work_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = load_settings(environ={})
    assert settings.telegram.token is None
    assert settings.storage.url.startswith("sqlite+aiosqlite:///")
    assert settings.sla_policy().first_decision_working_days == 2


def test_example_file_is_valid_and_complete():
    example = Path(__file__).resolve().parents[2] / "config.example.toml"
    settings = load_settings(example, environ={})
    assert settings.telegram.framework == "python-telegram-bot"


def test_environment_overrides_secrets_and_numbers(load_config):
    env = {
        "REFUND_DESK_TELEGRAM__TOKEN": "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "REFUND_DESK_AGENTS__CHAT_ID": "-1001234567890",
        "REFUND_DESK_TELEGRAM__WEBHOOK__SECRET_TOKEN": "s3cret",
    }
    settings = load_config('[telegram]\nframework = "aiogram"\n', env)
    assert settings.telegram.framework == "aiogram"
    assert settings.telegram.token is not None
    assert settings.telegram.token.get_secret_value().startswith("123456:")
    assert "ABCDEF" not in repr(settings)  # secrets never print
    assert settings.agents.chat_id == -1001234567890


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('[telegram]\nframework = "ptb"', "telegram.framework: "),
        ('[telegram]\nmode = "push"', "telegram.mode: "),
        ('[agents]\nlanguage = "de"', "agents.language: must be one of"),
        ('[intake]\ntimezones = { fr = "Paris" }', "intake.timezones: unknown time zone 'Paris'"),
        ('[intake]\nplatforms = ["bilibili"]', "intake.platforms: 'bilibili' has no translated"),
        ("[storage]\nurll = 'x'", "storage.urll: unknown setting"),
        ("[followups]\nunclaimed_hours = 0", "followups.unclaimed_hours: Input should be greater"),
        ("[followups]\nsatisfaction_hours = -1", "followups.satisfaction_hours: Input should be"),
        ("[followups]\nintake_reminder_hours = [1, -2]", "followups.intake_reminder_hours.1: "),
        ("[followups]\nunclaimed_hourz = 4", "followups.unclaimed_hourz: unknown setting"),
        ("[telegram.webhook]\nport = 70000", "telegram.webhook.port: "),
        ("[telegram\n", "not valid TOML"),
        (
            '[[agents.teams]]\nkey = "fr"\nchat_id = -2',
            "agents.teams: set agents.chat_id (the main team's group) before adding teams",
        ),
        (
            '[agents]\nchat_id = -1\n[[agents.teams]]\nkey = "fr"\nchat_id = -1',
            "agents.teams: team 'fr': group -1 is another team's",
        ),
        (
            '[agents]\nchat_id = -1\n[[agents.teams]]\nkey = "fr"\nchat_id = -2\n'
            '[[agents.teams]]\nkey = "fr"\nchat_id = -3',
            "agents.teams: two teams have the key 'fr'",
        ),
        (
            '[agents]\nchat_id = -1\n[[agents.teams]]\nkey = "main"\nchat_id = -2',
            "agents.teams.0.key: 'main' is the team [agents] itself describes",
        ),
        (
            '[agents]\nchat_id = -1\n[[agents.teams]]\nkey = "Équipe"\nchat_id = -2',
            "agents.teams.0.key: ",
        ),
        (
            '[agents]\nchat_id = -1\n[[agents.teams]]\nkey = "vip"\nchat_id = -2\n'
            "route = { problems = ['refund'] }",
            "agents.teams.0.route.problems: unknown 'refund'",
        ),
        (
            '[agents]\nchat_id = -1\n[[agents.teams]]\nkey = "vip"\nchat_id = -2\n'
            "route = { min_amount = { yuan = 100 } }",
            "agents.teams.0.route.min_amount: yuan is not an ISO 4217 code",
        ),
        ('[files]\nstore = "s3"', "files.store: "),
        (
            '[files]\nstore = "bucket"',
            'files.bucket: name is not set: files.store = "bucket" needs the bucket\'s name',
        ),
        (
            '[files.bucket]\nname = "s3://evidence"',
            "files.bucket.name: the bucket's name alone, 3-63 letters",
        ),
        (
            '[files.bucket]\nendpoint_url = "minio:9000"',
            "files.bucket.endpoint_url: must be an http:// or https:// address",
        ),
        ('[files.bucket]\nprefix = "/evidence"', "files.bucket.prefix: a key prefix like"),
        (
            '[files.bucket]\naws_secret_access_key = "x"',
            "files.bucket.aws_secret_access_key: unknown",
        ),
    ],
)
def test_a_bad_value_is_one_line_naming_the_key(load_config, toml, expected):
    with pytest.raises(ConfigError) as error:
        load_config(toml)
    message = str(error.value)
    assert expected in message
    assert "\n" not in message


def test_an_explicit_missing_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        load_settings(tmp_path / "nope.toml", environ={})


def test_every_setting_is_in_the_example_with_a_comment():
    from pydantic import BaseModel

    from bot.config import Settings

    example = (Path(__file__).resolve().parents[2] / "config.example.toml").read_text()
    lines = example.splitlines()

    def keys(model: type[BaseModel], prefix: str) -> list[str]:
        found = []
        for name, field in model.model_fields.items():
            kind = field.annotation
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                found += keys(kind, f"{prefix}{name}.")
            else:
                found.append(f"{prefix}{name}")
        return found

    missing = []
    for key in keys(Settings, ""):
        name = key.rsplit(".", 1)[-1]
        at = [i for i, line in enumerate(lines) if line.lstrip("# ").startswith(f"{name} =")]
        if not at or not lines[at[0] - 1].lstrip().startswith("#"):
            missing.append(key)
    assert not missing, f"settings without a commented line in config.example.toml: {missing}"


def test_teams_each_with_their_group_people_and_route(load_config):
    desk = load_config(
        "[agents]\nchat_id = -100\ntimezone = 'Asia/Shanghai'\nagent_ids = [1]\n"
        "[[agents.teams]]\nkey = 'fr'\nname = 'Équipe FR'\nchat_id = -200\n"
        "language = 'fr'\nagent_ids = [2]\nsupervisor_ids = [3]\n"
        "route = { languages = ['fr'], min_amount = { EUR = 150 } }\n"
    ).desk_policy()
    assert [team.key for team in desk.roster] == ["main", "fr"]
    assert desk.team == "main" and desk.chat_id == -100
    french = desk.for_chat(-200)
    assert french is not None and french.team == "fr" and french.language == "fr"
    assert french.timezone == "Asia/Shanghai"  # [agents] timezone unless the team has its own
    assert french.is_agent(2) and french.is_supervisor(3) and not french.is_agent(1)
    assert desk.roster[1].name == "Équipe FR" and desk.roster[0].name is None
    route = desk.roster[1].route
    assert route.languages == {"fr"} and route.min_amount == {"EUR": 150}


def test_a_platform_id_fits_in_a_buttons_64_bytes(load_config):
    long_id = "a_very_long_platform_identifier_from_a_merchant"
    with pytest.raises(ConfigError) as error:
        load_config(f'[intake]\nplatforms = ["{long_id}"]\nplatform_names = {{ {long_id} = "X" }}')
    assert "intake.platforms: " in str(error.value) and "1-32 of a-z" in str(error.value)


def test_the_bucket_from_the_environment_and_its_prefix_as_a_folder(load_config):
    env = {
        "REFUND_DESK_FILES__STORE": "bucket",
        "REFUND_DESK_FILES__BUCKET__NAME": "refund-desk-evidence",
        "REFUND_DESK_FILES__BUCKET__ENDPOINT_URL": "http://minio:9000",
        "REFUND_DESK_FILES__BUCKET__PREFIX": "desk",
    }
    files = load_config("", env).files
    assert (files.store, files.bucket.name) == ("bucket", "refund-desk-evidence")
    assert files.bucket.endpoint_url == "http://minio:9000"
    assert files.bucket.prefix == "desk/"  # keys: desk/ab/cd/<sha256>
    # keep = false: no file is stored, so no bucket is needed.
    assert load_config('[files]\nkeep = false\nstore = "bucket"\n').files.store == "bucket"


def test_the_settings_defaults_are_the_policies_defaults(tmp_path, monkeypatch):
    """Each default is written twice (the core's policy, the settings that build it): they
    must agree, but for the flood limit, off in the core and 30 a minute in a deployment."""
    from handlers.policy import (
        AftercarePolicy,
        DeskPolicy,
        FollowUpPolicy,
        IntakePolicy,
        SlaPolicy,
    )

    monkeypatch.chdir(tmp_path)  # no config file around: the embedded defaults
    settings = load_settings(environ={})
    built = {
        IntakePolicy: settings.intake_policy(),
        DeskPolicy: settings.desk_policy(),
        AftercarePolicy: settings.aftercare_policy(),
        SlaPolicy: settings.sla_policy(),
        FollowUpPolicy: settings.followups.policy(),
    }
    for policy, from_settings in built.items():
        for field in dataclasses.fields(policy):
            mine, core = getattr(from_settings, field.name), getattr(policy(), field.name)
            if field.name == "calendar":
                mine, core = mine.country, core.country
            if (policy, field.name) == (IntakePolicy, "flood_per_minute"):
                assert (mine, core) == (30, 0)
                continue
            assert mine == core, f"{policy.__name__}.{field.name}: {mine!r} != {core!r}"
