"""deploy/slack/manifest.yml declares everything the app listens to and calls."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.slack import texts

yaml = pytest.importorskip("yaml")

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "bot" / "slack"
# Web API method → the bot scope it needs (Slack's method reference).
SCOPES = {
    "chat_postMessage": "chat:write",
    "chat_postEphemeral": "chat:write",
    "chat_update": "chat:write",
    "conversations_info": "groups:read",
    "conversations_members": "groups:read",
    "users_info": "users:read",
    # A replica taking over a DM reads its thread for a reply already sent.
    "conversations_replies": "im:history",
    "assistant_threads_setStatus": "assistant:write",
    "assistant_threads_setSuggestedPrompts": "assistant:write",
    "assistant_threads_setTitle": "assistant:write",
}
EVENT_SUBSCRIPTION = {"message": "message.im"}


def manifest() -> dict:
    return yaml.safe_load((REPO / "deploy" / "slack" / "manifest.yml").read_text())


def source() -> str:
    return "\n".join(p.read_text() for p in SOURCES.glob("*.py"))


def test_every_event_command_and_shortcut_is_declared() -> None:
    m, code = manifest(), source()
    events = set(re.findall(r'@app\.event\("([a-z_]+)"\)', code))
    declared = set(m["settings"]["event_subscriptions"]["bot_events"])
    assert {EVENT_SUBSCRIPTION.get(e, e) for e in events} == declared
    commands = set(re.findall(r'@app\.command\("(/[a-z]+)"\)', code))
    assert commands == {c["command"] for c in m["features"]["slash_commands"]}
    shortcuts = set(re.findall(r'@app\.shortcut\("([a-z_]+)"\)', code))
    assert shortcuts == {s["callback_id"] for s in m["features"]["shortcuts"]}
    assert m["settings"]["interactivity"]["is_enabled"] is True


def test_every_web_api_method_has_its_scope() -> None:
    code, scopes = source(), set(manifest()["oauth_config"]["scopes"]["bot"])
    called = set(re.findall(r"client\.([a-zA-Z_]+)\(", code))
    unknown = (
        called - set(SCOPES) - {"views_open", "views_update", "views_publish", "chat_getPermalink"}
    )
    assert not unknown, f"add these methods' scopes to the test and the manifest: {unknown}"
    assert {SCOPES[c] for c in called if c in SCOPES} <= scopes
    assert {"app_mentions:read", "im:history", "im:write", "commands"} <= scopes


def test_suggested_prompts_match_the_code() -> None:
    prompts = manifest()["features"]["assistant_view"]["suggested_prompts"]
    assert prompts == [dict(p) for p in texts.SUGGESTED_PROMPTS]
