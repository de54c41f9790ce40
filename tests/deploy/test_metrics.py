"""GET /metrics after real replies, escalations and feedback; request ids on responses."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from prometheus_client.parser import text_string_to_metric_families

from bot.core.assistant import Assistant
from bot.core.models import Message
from bot.escalation.db import make_engine
from bot.metrics import Metrics, instrument
from bot.server import build_web_app
from bot.services import Services, build_services
from bot.settings import Settings


def fresh_core(core: Any) -> Any:
    """The session's core with an assistant of its own: metrics wrap `handle` on it."""
    shared = core.assistant
    assistant = Assistant(
        kb=shared.kb,
        retriever=shared.retriever,
        settings=shared.settings,
        clock=shared.clock,
        triage=shared.triage,
    )
    return dataclasses.replace(core, assistant=assistant)


@pytest.fixture
async def served(core: Any, tmp_path: Path) -> AsyncIterator[tuple[TestClient, Services]]:
    settings = Settings(data_dir=tmp_path / "data", dispatch_interval_seconds=0.05)
    services = build_services(settings, core=fresh_core(core))
    # As in production, where build_services builds the core with this hook.
    services.core.assistant.on_unanswered = services.escalations.add_unanswered
    client = TestClient(TestServer(build_web_app(services)))
    await client.start_server()
    try:
        yield client, services
    finally:
        await client.close()
        services.escalations.engine.dispose()


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


async def test_metrics_expose_replies_escalations_ack_times_and_feedback(served):
    client, services = served
    ask = services.assistant.handle  # what the Slack and Teams adapters call
    for text in (
        "what's the out of hours comms number?",
        "Where do I claim mileage?",
        "A reporter from the Guardian just rang me for a quote about a study",
    ):
        await asyncio.to_thread(ask, Message(text=text))
    store = services.escalations
    raised = datetime.now(UTC) - timedelta(minutes=10)
    media, _ = store.record(
        Message(text="a journalist emailed me", event_id="E1", received_at=raised), "media", True
    )
    store.record(Message(text="a worrying post about a child", event_id="E2"), "safeguarding", True)
    store.acknowledge(media.id, by="comms-lead")
    store.add_feedback(platform="slack", reply_kind="answer", sections=["3.5"], helpful=True)
    store.add_feedback(platform="teams", reply_kind="answer", sections=[], helpful=False)

    response = await client.get("/metrics")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    got = samples(await response.text())

    assert got[("policybot_reply_seconds_count", (("kind", "answer"),))] == 1
    assert got[("policybot_reply_seconds_count", (("kind", "not_covered"),))] == 1
    assert got[("policybot_reply_seconds_count", (("kind", "escalation"),))] == 1
    assert got[("policybot_not_covered_replies_total", ())] == 1
    assert got[("policybot_unanswered_questions", ())] == 1  # stored by the real assistant
    assert got[("policybot_store_up", ())] == 1
    assert got[("policybot_escalations", (("kind", "media"), ("status", "acknowledged")))] == 1
    assert got[("policybot_escalations", (("kind", "safeguarding"), ("status", "open")))] == 1
    assert got[("policybot_escalations", (("kind", "harassment"), ("status", "open")))] == 0
    ack = (("kind", "media"),)
    assert got[("policybot_escalation_ack_seconds_count", ack)] == 1
    assert 590 <= got[("policybot_escalation_ack_seconds_sum", ack)] <= 700
    assert got[("policybot_escalation_ack_seconds_bucket", (*ack, ("le", "300.0")))] == 0
    assert got[("policybot_escalation_ack_seconds_bucket", (*ack, ("le", "900.0")))] == 1
    assert got[("policybot_escalation_oldest_open_seconds", ())] >= 0
    assert got[("policybot_feedback", (("helpful", "true"), ("kind", "answer")))] == 1
    assert got[("policybot_feedback", (("helpful", "false"), ("kind", "answer")))] == 1


async def test_metrics_never_carry_words(served):
    client, services = served
    words = "Zanzibar-Quokka reporter rang about study 8812"
    await asyncio.to_thread(services.assistant.handle, Message(text=words))
    services.escalations.record(Message(text=words, user_name="Pat Q"), "media", True)
    body = await (await client.get("/metrics")).text()
    assert "Zanzibar" not in body and "Pat Q" not in body


async def test_every_response_carries_a_request_id(served):
    client, _ = served
    first = await client.get("/healthz")
    given = await client.get("/healthz", headers={"X-Request-Id": "lb-abc123"})
    odd = await client.get("/healthz", headers={"X-Request-Id": "bad id\twith spaces"})
    assert len(first.headers["X-Request-Id"]) == 12
    assert given.headers["X-Request-Id"] == "lb-abc123"
    assert odd.headers["X-Request-Id"] != "bad id\twith spaces"


def test_an_unreachable_database_is_reported_not_raised():
    metrics = Metrics()
    metrics.watch_store(make_engine("postgresql://nobody@127.0.0.1:1/none"))
    assert metrics.registry.get_sample_value("policybot_store_up") == 0
    assert b"policybot_reply_seconds" in metrics.render()


def test_a_failed_reply_is_counted_and_re_raised():
    class Broken:
        def handle(self, message: Message) -> Any:
            raise RuntimeError("boom")

    metrics, assistant = Metrics(), Broken()
    instrument(assistant, metrics)
    instrument(assistant, metrics)  # mounting twice wraps once
    with pytest.raises(RuntimeError):
        assistant.handle(Message(text="hi"))
    assert metrics.registry.get_sample_value("policybot_reply_errors_total") == 1
