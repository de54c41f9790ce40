"""Logs at the default level never carry message text, reporters' words or tokens.

A real report goes through the assistant, the escalation store (SQLite in tmp), the
dispatcher and its log sink, an acknowledgement, /metrics and `policybot report`, with
the production logging set-up (JSON lines at INFO) writing to a captured stderr.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from click.testing import CliRunner
from test_metrics import fresh_core

from bot.cli import main
from bot.core.models import Message
from bot.logs import setup_logging
from bot.metrics import request_id_middleware
from bot.server import build_web_app
from bot.services import build_services
from bot.settings import Settings

WORDS = (
    "A journalist from the Quokka Gazette just rang me about study ZX-8812 and asked "
    "whether Dr Imogen Vale's trial harmed anyone"
)
SECRETS = ("xoxb-111-very-secret", "signing-very-secret")
NEVER = ("Quokka", "ZX-8812", "Imogen", "Vale", "journalist", "Morgan Reporter", *SECRETS)


@contextmanager
def production_logging(settings: Settings) -> Iterator[None]:
    """The real set-up for the duration, then pytest's own handlers back."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    setup_logging(settings)
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


async def _wait_delivered(store: Any, escalation_id: int) -> None:
    for _ in range(200):
        view = store.get(escalation_id)
        if view.deliveries and all(d.delivered_at for d in view.deliveries):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the dispatcher never delivered the escalation")


async def test_a_reported_escalation_leaves_no_words_in_default_logs(
    core: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("SLACK_BOT_TOKEN", SECRETS[0])  # set, but no surface needs it here
    settings = Settings(data_dir=tmp_path / "data", log_json=True, dispatch_interval_seconds=0.05)
    assert settings.log_level == "INFO"  # the default under test
    with production_logging(settings):
        services = build_services(settings, core=fresh_core(core))
        services.core.assistant.on_unanswered = services.escalations.add_unanswered
        client = TestClient(TestServer(build_web_app(services)))
        await client.start_server()
        try:
            message = Message(
                text=WORDS,
                platform="slack",
                user_id="U0REPORTER",
                user_name="Morgan Reporter",
                channel_id="D0REPORTER",
                event_id="Ev-privacy-1",
            )
            reply = await asyncio.to_thread(services.assistant.handle, message)
            assert reply.kind == "escalation" and reply.escalation is not None
            store = services.escalations
            view, created = store.record(message, reply.escalation.kind, True)
            assert created
            await _wait_delivered(store, view.id)
            store.acknowledge(view.id, by="comms-lead")
            await asyncio.to_thread(
                services.assistant.handle, Message(text="Can Imogen Vale expense a Quokka?")
            )
            assert (await client.get("/metrics")).status == 200
        finally:
            await client.close()
            services.escalations.engine.dispose()
        monkeypatch.setenv("POLICYBOT_DATA_DIR", str(settings.data_dir))
        monkeypatch.setenv("POLICYBOT_LOG_JSON", "true")
        report = CliRunner().invoke(main, ["report", "--all-time"])
        assert report.exit_code == 0, report.output
    # The report's own log lines went to click's stderr, inside its output.
    logs = capsys.readouterr().err + "\n".join(
        line for line in report.output.splitlines() if line.startswith("{")
    )
    lines = [json.loads(line) for line in logs.splitlines() if line.startswith("{")]
    assert any("escalation" in line["msg"] for line in lines), logs  # it did log, at INFO
    for fragment in NEVER:
        assert fragment not in logs, f"{fragment!r} reached the logs"
    assert "Imogen" in report.output  # the unanswered question is the report's to show


async def test_log_lines_written_while_serving_a_request_carry_its_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    log = logging.getLogger("policybot.test")

    async def handler(_request: web.Request) -> web.Response:
        log.info("in the handler")
        await asyncio.to_thread(log.info, "in a worker thread")
        return web.Response(text="ok")

    app = web.Application(middlewares=[request_id_middleware])
    app.router.add_get("/", handler)
    with production_logging(Settings(data_dir=tmp_path, log_json=True)):
        async with TestClient(TestServer(app)) as client:
            response = await client.get("/", headers={"X-Request-Id": "req-42"})
            assert response.headers["X-Request-Id"] == "req-42"
        log.info("outside any request")
    lines = [json.loads(x) for x in capsys.readouterr().err.splitlines() if x.startswith("{")]
    by_msg = {line["msg"]: line for line in lines}
    assert by_msg["in the handler"]["request_id"] == "req-42"
    assert by_msg["in a worker thread"]["request_id"] == "req-42"
    assert "request_id" not in by_msg["outside any request"]
