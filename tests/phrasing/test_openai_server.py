"""Generated summaries through the real langchain-openai client, against a local server
speaking the OpenAI chat-completions shape (127.0.0.1, started here)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from openai_server import Answer
from prometheus_client import CollectorRegistry, generate_latest

from bot.cli import main
from bot.core.models import Message
from bot.core.phrasing.client import build_chat
from bot.metrics_phrasing import PhrasingCollector
from bot.settings import Settings

REPO = Path(__file__).resolve().parents[2]
MEDIA_Q = "a journalist asked me for a comment on a news story, can I reply?"
FAITHFUL = (
    "No. Staff must not respond to requests for comment from media organisations. Refer the "
    "matter to the communications team; out of hours, call 07968 149916."
)


def chat_for(server, timeout: float = 4.0):
    settings = Settings(
        llm="openai:gpt-4o-mini", llm_base_url=server.base_url, llm_timeout_seconds=timeout
    )
    return build_chat(settings)


def test_a_faithful_summary_comes_back_with_phrased_by(core, assisted, openai_server):
    openai_server.script.summary = Answer(FAITHFUL)
    reply = assisted(chat_for(openai_server)).handle(Message(text=MEDIA_Q, user_id="U1"))
    assert reply.phrased_by == "openai:gpt-4o-mini"
    assert reply.text.startswith(FAITHFUL + "\n\n_Summary written by openai:gpt-4o-mini")
    # Plain chat completions: no tools, no JSON mode, one request.
    (request,) = openai_server.requests
    body = request["body"]
    assert request["path"] == "/v1/chat/completions"
    assert not {"tools", "response_format", "functions"} & set(body)
    assert body["model"] == "gpt-4o-mini" and body["temperature"] == 0
    # What left: the question and the policy passages, no user id or name.
    sent = json.dumps(body)
    assert MEDIA_Q in sent and "Staff must not respond to requests for comment" in sent
    assert "U1" not in sent


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [(Answer(status=500), "http_error"), (Answer(status=429), "rate_limited")],
    ids=["500", "429"],
)
def test_http_errors_give_the_extractive_reply_at_once(
    core, assisted, openai_server, answer, outcome
):
    openai_server.script.summary = answer
    assistant = assisted(chat_for(openai_server))
    start = time.perf_counter()
    reply = assistant.handle(Message(text=MEDIA_Q))
    # No wait behind the 429's Retry-After (20 s): the bound is far under it, not a
    # speed target (a loaded 2-core host can take two seconds to answer at all).
    assert time.perf_counter() - start < 10.0
    assert reply.phrased_by is None
    assert reply.text == core.assistant.handle(Message(text=MEDIA_Q)).text
    assert len(openai_server.requests) == 1
    assert assistant.assist.stats.snapshot()[0] == {("summary", outcome): 1}


def test_a_20_second_hang_is_answered_within_the_timeout(core, assisted, openai_server):
    openai_server.script.summary = Answer(FAITHFUL, hang=20.0)
    timeout = 1.0
    assistant = assisted(chat_for(openai_server, timeout), timeout=timeout)
    start = time.perf_counter()
    reply = assistant.handle(Message(text=MEDIA_Q))
    assert time.perf_counter() - start < timeout + 0.5
    assert reply.kind == "answer" and reply.phrased_by is None
    assert "Staff must not respond" in reply.text


def test_rejections_are_counted_in_metrics(assisted, openai_server):
    openai_server.script.summary = Answer(
        "Out of hours, call the communications team on 07700 900123."
    )
    assistant = assisted(chat_for(openai_server))
    assistant.handle(Message(text=MEDIA_Q))
    registry = CollectorRegistry()
    registry.register(PhrasingCollector(assistant.assist.stats))
    text = generate_latest(registry).decode()
    assert 'policybot_summary_rejections_total{reason="literal"} 1.0' in text
    assert 'policybot_model_calls_total{outcome="rejected",purpose="summary"} 1.0' in text


def test_a_follow_up_is_rewritten_from_the_same_persons_question_only(assisted, openai_server):
    memory = _Memory()
    openai_server.script.rewrite = Answer("Can I run a survey on Twitter for my team?")
    assistant = assisted(chat_for(openai_server), memory=memory)
    thread = {"platform": "slack", "channel_id": "C1", "thread_ref": "T1"}
    assistant.handle(
        Message(text="can I set up a twitter account for my team?", user_id="U1", **thread)
    )
    reply = assistant.handle(Message(text="and surveys?", user_id="U1", **thread))
    assert "3.8" in [c.section for c in reply.citations]
    rewrites = [r for r in openai_server.requests if "standalone" in json.dumps(r["body"])]
    assert len(rewrites) == 1 and "twitter account for my team" in json.dumps(rewrites[0]["body"])
    # Another person's follow-up in the same thread: their neighbour's question stays home.
    before = len(openai_server.requests)
    assistant.handle(Message(text="and on linkedin?", user_id="U2", **thread))
    after = openai_server.requests[before:]
    assert after and all("twitter account for my team" not in json.dumps(r["body"]) for r in after)


class _Memory:
    def __init__(self) -> None:
        self.kept: dict[str, str] = {}

    def previous(self, key: str) -> str | None:
        return self.kept.get(key)

    def remember(self, key: str, question: str) -> None:
        self.kept[key] = question


def test_switched_off_sends_nothing_and_imports_no_network_client(openai_server, monkeypatch):
    monkeypatch.setenv("POLICYBOT_LLM_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("POLICYBOT_LLM_API_KEY", "sk-local")
    result = CliRunner().invoke(main, ["ask", "--json", MEDIA_Q])
    assert result.exit_code == 0, result.output
    reply = json.loads(result.stdout.strip().splitlines()[-1])
    assert reply["kind"] == "answer" and reply["phrased_by"] is None
    assert openai_server.requests == []
    # A fresh interpreter on the answer path: no langchain model or HTTP client loaded.
    probe = (
        "import sys; from bot.app import build_assist; from bot.settings import Settings; "
        "import bot.cli, bot.core.assistant; assert build_assist(Settings(), None, None) is None; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('openai', 'langchain', 'langchain_openai', 'langchain_ollama', 'ollama')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert out.stdout.strip() == "[]"


def test_config_masks_the_key(monkeypatch):
    monkeypatch.setenv("POLICYBOT_LLM", "openai:gpt-4o-mini")
    monkeypatch.setenv("POLICYBOT_LLM_API_KEY", "sk-very-secret")
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 0, result.output
    assert "sk-very-secret" not in result.output
    assert "POLICYBOT_LLM_API_KEY" in result.output and "openai:gpt-4o-mini" in result.output
