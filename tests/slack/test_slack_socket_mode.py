"""Socket Mode end to end: the real bolt AsyncSocketModeHandler (slack_sdk's aiohttp
client) inside `policybot serve`'s app, against a local Socket Mode endpoint and the
Web API fake. Many NHS networks cannot expose an HTTPS endpoint, so this is how they run."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from fake_socket_mode import SocketModeServer, SocketModeSlack
from slack_helpers import COMMS, REPORTER, Harness, block_action, dm, event_body, texts_of

from bot.server import build_web_app
from bot.services import Services, build_services
from bot.settings import Settings

APP_TOKEN = "xapp-1-A0POLICY-test"
SAFEGUARDING = (
    "A young person in our online panel told me an adult has been asking to meet them alone"
)
QUESTIONS = (
    "Can I mention that I work at the HRA in my Twitter bio?",
    "What is the out of hours number for the communications team?",
    "Can I share a photo of a REC meeting on Instagram?",
)


@dataclass
class SocketHarness:
    socket: SocketModeServer
    slack: Harness

    @property
    def fake(self) -> SocketModeSlack:
        return self.slack.fake  # type: ignore[return-value]

    @property
    def services(self) -> Services:
        return self.slack.services

    async def replies_to(self, ts: str, n: int = 1) -> list[dict[str, Any]]:
        await self.slack.wait("chat.postMessage", n)
        return [p for p in self.fake.of("chat.postMessage") if p.get("thread_ts") == ts]


@pytest.fixture
async def socket_mode(tmp_path: Path, core: Any) -> AsyncIterator[SocketHarness]:
    socket = await SocketModeServer().start()
    fake = SocketModeSlack(socket).start()
    settings = Settings(
        data_dir=tmp_path / "data",
        slack_bot_token="xoxb-test",
        slack_app_token=APP_TOKEN,  # no signing secret: Socket Mode only
        slack_api_url=fake.api_url,
        slack_comms_channel=COMMS,
        dispatch_interval_seconds=0.05,
    )
    services = build_services(settings, core=core)
    client = TestClient(TestServer(build_web_app(services)))
    await client.start_server()
    try:
        await socket.wait_connected()
        yield SocketHarness(socket, Harness(client, services, fake))
    finally:
        await client.close()
        await socket.close()
        fake.stop()
        services.escalations.engine.dispose()


async def test_a_dm_and_a_slash_command_are_acked_and_answered(socket_mode: SocketHarness) -> None:
    [opened] = socket_mode.fake.of("apps.connections.open")
    assert opened["_token"] == APP_TOKEN  # the app-level token opens the socket
    event = dm(QUESTIONS[0])
    envelope = await socket_mode.socket.deliver("events_api", event_body(event, "EvSock1"))
    assert (await socket_mode.socket.wait_ack(envelope))["envelope_id"] == envelope.envelope_id
    [reply] = await socket_mode.replies_to(event["ts"])
    assert reply["channel"] == "D0REPORTER"
    assert "§3.1" in texts_of(reply["blocks"])

    command = {
        "command": "/policy",
        "text": "help",
        "user_id": REPORTER,
        "channel_id": "C0GENERAL",
        "team_id": "T0HRA",
        "trigger_id": "1.2.3",
        "response_url": socket_mode.fake.response_url("help"),
    }
    envelope = await socket_mode.socket.deliver("slash_commands", command)
    await socket_mode.socket.wait_ack(envelope)
    [help_reply] = await socket_mode.slack.wait("response_url")
    assert "/policy check" in help_reply["text"]


async def test_a_report_alerts_comms_and_the_acknowledge_button_works(
    socket_mode: SocketHarness,
) -> None:
    event = dm(SAFEGUARDING)
    envelope = await socket_mode.socket.deliver("events_api", event_body(event, "EvSockSafe"))
    await socket_mode.socket.wait_ack(envelope)
    posts = await socket_mode.slack.wait("chat.postMessage", 2)
    [alert] = [p for p in posts if p["channel"] == COMMS]
    assert "Safeguarding" in texts_of(alert["blocks"])

    press = block_action(
        "escalation_ack",
        "1",
        user="UCOMMS1",
        channel=COMMS,
        message={
            "type": "message",
            "ts": "1700000000.000042",
            "text": alert["text"],
            "blocks": alert["blocks"],
        },
        response_url=socket_mode.fake.response_url("ack"),
    )
    envelope = await socket_mode.socket.deliver("interactive", press)
    await socket_mode.socket.wait_ack(envelope)  # bolt acks the button before the work
    [update] = await socket_mode.slack.wait("chat.update")
    assert update["channel"] == COMMS and "Acknowledged by <@UCOMMS1>" in texts_of(update["blocks"])
    assert socket_mode.services.escalations.get(1).status == "acknowledged"


async def test_a_reconnect_mid_stream_loses_nothing_and_doubles_nothing(
    socket_mode: SocketHarness,
) -> None:
    socket = socket_mode.socket
    events = [dm(q, ts=f"1700000500.00010{i}") for i, q in enumerate(QUESTIONS)]
    first = await socket.deliver("events_api", event_body(events[0], "EvReco0"))
    await socket.wait_ack(first)
    await socket_mode.replies_to(events[0]["ts"])

    # An event, then at once Slack's refresh: the app must open a new URL and reconnect.
    in_flight = await socket.deliver("events_api", event_body(events[1], "EvReco1"))
    old = await socket.disconnect("refresh_requested")
    await socket.wait_connected(count=2)
    assert socket_mode.fake.count("apps.connections.open") == 2
    assert len(set(socket.paths)) == 2  # a new, one-use URL
    # Slack delivers at least once: the in-flight event comes again on the new connection
    # (its first ack may have been lost with the old one), and a new event follows.
    await socket.redeliver(in_flight)
    last = await socket.deliver("events_api", event_body(events[2], "EvReco2"))
    for envelope in (in_flight, last):
        await socket.wait_ack(envelope)
    await socket_mode.slack.wait("chat.postMessage", 3)
    await socket_mode.slack.settle(1.0)  # time for any duplicate answer to show up
    for event in events:
        assert len(await socket_mode.replies_to(event["ts"])) == 1, event["text"]
    assert old.closed  # the app closed the connection Slack asked it to leave
