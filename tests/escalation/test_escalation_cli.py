"""`policybot escalations ...` against the default SQLite database in the data dir."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import message

from bot.escalation.cli import escalations
from bot.escalation.db import engine_from_settings
from bot.escalation.outbox import EscalationStore
from bot.settings import Settings


@pytest.fixture
def recorded(tmp_path, monkeypatch: pytest.MonkeyPatch) -> int:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("POLICYBOT_DATA_DIR", str(tmp_path / "data"))
    for name in ("DATABASE_URL", "POLICYBOT_DATABASE_URL", "POLICYBOT_SMTP_HOST", "SMTP_HOST"):
        monkeypatch.delenv(name, raising=False)
    store = EscalationStore(engine_from_settings(Settings()))
    row, _ = store.record(message(1, text="someone keeps sending me threats"), "harassment", True)
    store.engine.dispose()
    return row.id


def test_list_show_ack_resolve(recorded: int) -> None:
    run = CliRunner().invoke
    out = run(escalations, ["list"])
    assert out.exit_code == 0 and f"#{recorded}" in out.output and "harassment" in out.output
    rows = [json.loads(line) for line in run(escalations, ["list", "--json"]).output.splitlines()]
    assert rows[0]["id"] == recorded and rows[0]["status"] == "open"
    shown = run(escalations, ["show", str(recorded)])
    assert "someone keeps sending me threats" in shown.output
    assert "acknowledged by Kim" in run(escalations, ["ack", str(recorded), "--by", "Kim"]).output
    again = run(escalations, ["ack", str(recorded), "--by", "Lee"])
    assert again.exit_code == 0 and "already acknowledged" in again.output
    assert "resolved by Lee" in run(escalations, ["resolve", str(recorded), "--by", "Lee"]).output
    assert "already resolved" in run(escalations, ["resolve", str(recorded), "--by", "Kim"]).output
    assert run(escalations, ["list", "--status", "open"]).output.strip() == "no escalations"


def test_dispatch_once_and_purge(recorded: int) -> None:
    run = CliRunner().invoke
    out = run(escalations, ["dispatch", "--once"])
    assert out.exit_code == 0 and "delivered 1" in out.output
    assert "delivered 0" in run(escalations, ["dispatch", "--once"]).output
    assert "0 escalation" in run(escalations, ["purge"]).output
    purged = run(escalations, ["purge", "--days", "0"]).output
    assert "words and names of 1 escalation" in purged and "0 unanswered question" in purged
    shown = run(escalations, ["show", str(recorded)]).output
    assert "[purged" in shown and "Sam" not in shown


def test_unknown_id_is_a_clean_error(recorded: int) -> None:
    out = CliRunner().invoke(escalations, ["ack", "999", "--by", "x"])
    assert out.exit_code == 1 and "no escalation with id 999" in out.output


def test_unreachable_database_names_the_host_not_the_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:hunter2@127.0.0.1:1/policy")
    out = CliRunner().invoke(escalations, ["list"])
    assert out.exit_code == 1
    assert "127.0.0.1:1" in out.output and "hunter2" not in out.output
