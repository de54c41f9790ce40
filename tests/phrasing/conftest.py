"""Fixtures for generated answers: the real core with a chat model plugged in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from openai_server import OpenAIServer

from bot.core.assistant import Assistant
from bot.core.phrasing.assist import ModelAssist
from bot.core.phrasing.client import LangChainChat
from bot.core.phrasing.literals import fact_texts
from bot.core.phrasing.verifier import Verifier
from bot.core.phrasing.word_vectors import CachedWordVectors


@pytest.fixture(scope="session")
def word_vectors(embedder) -> CachedWordVectors:
    return CachedWordVectors(embedder.embed_batch)


@pytest.fixture(scope="session")
def verifier(word_vectors) -> Verifier:
    return Verifier(word_vectors)


@pytest.fixture
def assisted(core, word_vectors):
    """An assistant over the shared core whose answers a given chat model may phrase."""

    def build(chat: Any, *, timeout: float = 4.0, second_opinions: bool = False, memory=None):
        client = chat if hasattr(chat, "complete") else LangChainChat(chat, "fake:chat")
        kb = core.kb
        assist = ModelAssist(
            client,
            Verifier(word_vectors),
            timeout=timeout,
            facts=fact_texts(kb.facts),
            # Off unless a test is about them: a second opinion is a second model call.
            unsure_floor=0.0 if second_opinions else 2.0,
        )
        base = core.assistant
        return Assistant(
            kb=kb,
            retriever=base.retriever,
            settings=base.settings,
            clock=base.clock,
            triage=base.triage,
            memory=memory,
            assist=assist,
        )

    return build


@pytest.fixture
def openai_server() -> Iterator[OpenAIServer]:
    server = OpenAIServer().start()
    yield server
    server.stop()
