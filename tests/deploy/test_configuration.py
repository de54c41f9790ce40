"""Settings: one env var, a default and a one-line description each; the page matches."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.config_cli import describe_settings, mask, render_markdown
from bot.settings import Settings

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "docs" / "configuration.md"


def test_the_reference_page_matches_the_settings_model():
    expected = render_markdown(describe_settings())
    assert PAGE.read_text(encoding="utf-8") == expected, (
        "docs/configuration.md is out of date: run "
        "`.venv/bin/policybot config --markdown > docs/configuration.md`"
    )


def test_the_page_is_the_same_on_every_machine():
    # Defaults under the home or the source folder must not leak this machine's paths.
    page = render_markdown(describe_settings())
    assert str(REPO) not in page and str(Path.home()) not in page
    assert "`~/.policybot`" in page and "`<source>/knowledge`" in page


@pytest.mark.parametrize("doc", describe_settings(), ids=lambda d: d.name)
def test_every_setting_has_an_env_var_a_default_and_one_line_of_description(doc):
    assert doc.env and all(name.isupper() for name in doc.env)
    assert doc.description and "\n" not in doc.description
    assert doc.description.endswith("."), "descriptions are sentences"
    field = Settings.model_fields[doc.name]
    assert not field.is_required(), f"{doc.env[0]} needs a default"


def test_env_var_names_are_unique():
    names = [name for doc in describe_settings() for name in doc.env]
    assert len(names) == len(set(names))


def test_masking_hides_secrets_and_url_passwords():
    assert mask("postgresql://bot:s3cret@db:5432/pb") == "postgresql://bot:***@db:5432/pb"
    assert mask("postgresql://db:5432/pb") == "postgresql://db:5432/pb"
    assert mask("xoxb-123", secret=True) == "***"
    assert mask(None, secret=True) == "unset"
    assert mask(True) == "true"


def test_config_prints_effective_values_with_secrets_masked(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-very-secret")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "signing-very-secret")
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:pg-very-secret@db:5432/policybot")
    monkeypatch.setenv("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET", "ms-very-secret")
    monkeypatch.setenv("POLICYBOT_REMINDER_MINUTES", "15")
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 0, result.output
    assert "very-secret" not in result.output
    lines = {
        line.split()[0]: line for line in result.output.splitlines() if line and line[0] != "#"
    }
    assert lines["SLACK_BOT_TOKEN"].split()[1:] == ["***", "(env)"]
    assert lines["MICROSOFT_APP_PASSWORD"].split()[1:] == ["***", "(env)"]
    assert "postgresql://bot:***@db:5432/policybot" in lines["DATABASE_URL"]
    assert lines["POLICYBOT_REMINDER_MINUTES"].split()[1:] == ["15", "(env)"]
    assert lines["POLICYBOT_SMTP_PASSWORD"].split()[1:] == ["unset", "(default)"]
    assert len(lines) == len(Settings.model_fields)


def test_config_names_a_bad_variable_without_echoing_its_value(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("POLICYBOT_SMTP_PORT", "not-a-port-xyz")
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 1
    assert "POLICYBOT_SMTP_PORT" in result.output and "not-a-port-xyz" not in result.output
