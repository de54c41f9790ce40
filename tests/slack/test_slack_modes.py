"""Transport and configuration: Socket Mode wiring, /policy report, the safeguarding switch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import slack_fixtures
from aiohttp.test_utils import TestClient, TestServer
from fake_slack import FakeSlack
from slack_helpers import COMMS, REPORTER, Harness, dm, texts_of

from bot.core.models import Message
from bot.escalation.sink import SinkError
from bot.server import build_web_app
from bot.services import build_services
from bot.settings import Settings
from bot.slack.sink import SlackSink

fake = slack_fixtures.fake
slack_settings = slack_fixtures.slack_settings
slack = slack_fixtures.slack


async def test_socket_mode_starts_in_the_background_without_an_http_route(
    core: Any, fake: FakeSlack, tmp_path: Path
) -> None:
    settings = Settings(
        data_dir=tmp_path / "data",
        slack_bot_token="xoxb-test",
        slack_app_token="xapp-test",
        slack_api_url=fake.api_url,
        slack_comms_channel=COMMS,
    )
    services = build_services(settings, core=core)
    app = build_web_app(services)
    assert not [
        r for r in app.router.routes() if r.resource and r.resource.canonical == "/slack/events"
    ]
    client = TestClient(TestServer(app))
    await client.start_server()  # not blocked by a Slack it cannot reach
    try:
        assert (await client.get("/healthz")).status == 200
        await Harness(client, services, fake).wait("apps.connections.open")
        [call] = fake.of("apps.connections.open")
        assert call["_token"] == "xapp-test"  # the app-level token opens the socket
    finally:
        await client.close()
        services.escalations.engine.dispose()


async def test_policy_report_opens_the_form_chooser(slack: Harness) -> None:
    await slack.form(
        {
            "command": "/policy",
            "text": "report",
            "user_id": REPORTER,
            "channel_id": "C0GENERAL",
            "trigger_id": "3.3.3",
            "response_url": slack.fake.response_url(),
        }
    )
    [opened] = await slack.wait("views.open")
    assert opened["trigger_id"] == "3.3.3" and opened["view"]["callback_id"] == "report_choose"


async def test_policy_help_and_check(slack: Harness) -> None:
    base = {"command": "/policy", "user_id": REPORTER, "channel_id": "C0GENERAL", "trigger_id": "1"}
    await slack.form({**base, "text": "", "response_url": slack.fake.response_url("help")})
    [help_reply] = await slack.wait("response_url")
    assert "/policy check" in help_reply["text"]
    draft = "check Our CEO is an idiot and the HRA is useless"
    await slack.form({**base, "text": draft, "response_url": slack.fake.response_url("check")})
    replies = await slack.wait("response_url", 2)
    assert "Do not post" in texts_of(replies[1]["blocks"])


async def test_safeguarding_waits_for_the_button_when_so_configured(
    core: Any, fake: FakeSlack, slack_settings: Settings
) -> None:
    settings = slack_settings.model_copy(update={"safeguarding_alert_immediately": False})
    services = build_services(settings, core=core)
    client = TestClient(TestServer(build_web_app(services)))
    await client.start_server()
    try:
        harness = Harness(client, services, fake)
        words = (
            "A young person in our online panel told me an adult has been asking to meet them alone"
        )
        await harness.event(dm(words), "EvSafeHeld")
        [reply] = await harness.wait("chat.postMessage")
        state = next(b for b in reply["blocks"] if b.get("block_id") == "report_state")
        assert state["accessory"]["action_id"] == "alert_comms"
        await harness.settle()
        assert services.escalations.get(1).status == "held"
        assert not [p for p in fake.of("chat.postMessage") if p["channel"] == COMMS]
    finally:
        await client.close()
        services.escalations.engine.dispose()


async def test_sink_failure_names_the_slack_error(slack: Harness) -> None:
    slack.fake.fail["chat.postMessage"] = "not_in_channel"
    sink = next(s for s in slack.services.sinks if isinstance(s, SlackSink))
    message = Message(text="secret words", platform="slack", user_id=REPORTER, event_id="EvSink")
    row, _ = slack.services.escalations.record(message, "harassment", True)
    with pytest.raises(SinkError) as caught:
        await sink.send(row)
    assert "not_in_channel" in str(caught.value) and "secret" not in str(caught.value)
