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
    "conversations_history": "groups:history",
    "users_info": "users:read",
    # A replica taking over a DM reads its thread for a reply already sent.
    "conversations_replies": "im:history",
    "assistant_threads_setStatus": "assistant:write",
    "assistant_threads_setSuggestedPrompts": "assistant:write",
    "assistant_threads_setTitle": "assistant:write",
}
EVENT_SUBSCRIPTION = {"message": "message.im"}
# Event → the bot scope that subscribes to it (Slack's event reference).
EVENT_SCOPES = {"app_mention": "app_mentions:read", "message": "im:history"}
# conversations.info on a comms channel that was made public by mistake (to warn about it).
PUBLIC_CHANNEL_CHECK = "channels:read"


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
    events = set(re.findall(r'@app\.event\("([a-z_]+)"\)', code))
    needed = {SCOPES[c] for c in called if c in SCOPES} | {
        EVENT_SCOPES[e] for e in events if e in EVENT_SCOPES
    }
    needed |= {"commands", PUBLIC_CHANNEL_CHECK}
    # Least privilege: exactly what the code uses (no im:read / im:write: no DM is ever
    # opened or listed; receipts go to a user id with chat:write).
    assert scopes == needed, f"unneeded: {scopes - needed}, missing: {needed - scopes}"


def test_suggested_prompts_match_the_code() -> None:
    prompts = manifest()["features"]["assistant_view"]["suggested_prompts"]
    assert prompts == [dict(p) for p in texts.SUGGESTED_PROMPTS]
