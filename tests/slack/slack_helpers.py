"""Helpers for Slack scenario tests: signing, real-format payloads, and a harness that
posts them to the app and waits on the fake Web API."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from aiohttp.test_utils import TestClient
from fake_slack import BOT_USER, TEAM, FakeSlack
from slack_sdk.signature import SignatureVerifier

from bot.services import Services

SECRET = "test-signing-secret"
COMMS = "GCOMMS"
REPORTER = "U123"


def signed_headers(
    body: str, *, timestamp: int | None = None, secret: str = SECRET
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


def event_body(event: dict[str, Any], event_id: str = "Ev0001") -> dict[str, Any]:
    """An Events API envelope as Slack sends it."""
    return {
        "token": "legacy-token",
        "team_id": TEAM,
        "api_app_id": "A0POLICY",
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
        "is_ext_shared_channel": False,
    }


def now_ts() -> str:
    """A message ts as Slack writes it, for now (report times come from it)."""
    return f"{time.time():.6f}"


def dm(text: str, *, ts: str | None = None, user: str = REPORTER, **extra: Any) -> dict[str, Any]:
    ts = ts or now_ts()
    return {
        "type": "message",
        "channel": "D0REPORTER",
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        **extra,
    }


class Harness:
    def __init__(self, client: TestClient, services: Services, fake: FakeSlack) -> None:
        self.client = client
        self.services = services
        self.fake = fake

    async def post_raw(
        self, body: str, headers: dict[str, str], ctype: str
    ) -> tuple[int, str, float]:
        start = time.perf_counter()
        resp = await self.client.post(
            "/slack/events", data=body, headers={**headers, "Content-Type": ctype}
        )
        text = await resp.text()
        return resp.status, text, time.perf_counter() - start

    async def event(
        self, event: dict[str, Any], event_id: str = "Ev0001", *, retry: int | None = None
    ) -> tuple[int, str, float]:
        body = json.dumps(event_body(event, event_id))
        headers = signed_headers(body)
        if retry is not None:
            headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return await self.post_raw(body, headers, "application/json")

    async def form(self, fields: dict[str, str]) -> tuple[int, str, float]:
        body = urlencode(fields)
        return await self.post_raw(body, signed_headers(body), "application/x-www-form-urlencoded")

    async def interaction(self, payload: dict[str, Any]) -> tuple[int, str, float]:
        return await self.form({"payload": json.dumps(payload)})

    async def wait(self, method: str, n: int = 1, timeout: float = 20.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.fake.of(method)
            if len(calls) >= n:
                return calls
            await asyncio.sleep(0.02)
        raise AssertionError(f"expected {n} call(s) of {method}, got {self.fake.count(method)}")

    async def settle(self, seconds: float = 0.3) -> None:
        """Give background work time to do anything it should not do."""
        await asyncio.sleep(seconds)


def block_action(
    action_id: str,
    value: str,
    *,
    user: str,
    channel: str,
    message: dict[str, Any] | None = None,
    response_url: str | None = None,
    ephemeral: bool = False,
) -> dict[str, Any]:
    """A block_actions payload for a button press on a message."""
    ts = (message or {}).get("ts", "1700000200.000100")
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": TEAM, "domain": "hra"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM},
        "api_app_id": "A0POLICY",
        "token": "legacy-token",
        "trigger_id": "1111.2222.abcd",
        "container": {
            "type": "message",
            "message_ts": ts,
            "channel_id": channel,
            "is_ephemeral": ephemeral,
        },
        "channel": {"id": channel, "name": "channel"},
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "b",
                "value": value,
                "action_ts": "1",
            }
        ],
    }
    if message is not None:
        payload["message"] = message
    if response_url:
        payload["response_url"] = response_url
    return payload


def texts_of(blocks: list[dict[str, Any]]) -> str:
    """Every visible string in some blocks, for assertions."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    out.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return "\n".join(out)


def media_form(view_id: str = "VFORM1", deadline: datetime | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "outlet": {"value": {"type": "plain_text_input", "value": "Daily Mail"}},
        "journalist": {"value": {"type": "plain_text_input", "value": "Jo Bloggs, by email"}},
        "deadline": {"value": {"type": "datetimepicker", "selected_date_time": None}},
        "topic": {"value": {"type": "plain_text_input", "value": "The ABC-123 trial approval"}},
    }
    if deadline is not None:
        stamp = int(deadline.timestamp())
        values["deadline"]["value"]["selected_date_time"] = stamp
    return {
        "type": "view_submission",
        "team": {"id": "T0HRA", "domain": "hra"},
        "user": {"id": REPORTER, "username": "sam", "name": "sam", "team_id": "T0HRA"},
        "api_app_id": "A0POLICY",
        "token": "legacy-token",
        "trigger_id": "7.8.9",
        "view": {
            "id": view_id,
            "type": "modal",
            "callback_id": "report_submit",
            "private_metadata": json.dumps({"kind": "media"}),
            "hash": "h1",
            "state": {"values": values},
        },
    }
