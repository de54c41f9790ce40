"""Shared fixtures: an isolated environment for every test, one real model per session.

The real all-MiniLM-L6-v2 model and a real Chroma store are used throughout; the
model loads once per session because it is read-only, the store is per test or per
session depending on whether the test writes to it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
POLICY = REPO / "knowledge" / "hra-social-media-policy.txt"

_PREFIXES = ("POLICYBOT_", "SLACK_", "MICROSOFT_", "CONNECTIONS__", "SMTP_")
_NAMES = ("DATABASE_URL", "PORT")

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test sees the developer's tokens, database or data dir."""
    for name in list(os.environ):
        if name.startswith(_PREFIXES) or name in _NAMES:
            monkeypatch.delenv(name, raising=False)
    data = tmp_path / "policybot-data"
    monkeypatch.setenv("POLICYBOT_DATA_DIR", str(data))
    return data


@pytest.fixture(scope="session")
def embedder():
    from ingest.embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def pristine_store(tmp_path_factory: pytest.TempPathFactory, embedder) -> Path:
    """The shipped policy ingested once per worker and never written to after."""
    from bot.app import build_core
    from bot.settings import Settings

    folder = tmp_path_factory.mktemp("pristine-store")
    build_core(Settings(data_dir=folder), embedder=embedder)
    return folder


@pytest.fixture
def ingested(isolated_env: Path, pristine_store: Path) -> Path:
    """This test's own data dir, holding a copy of the ingested policy: a command run
    here answers at once instead of ingesting first (seconds of embedding per test).
    The first-use ingest itself is tested where it is the point."""
    shutil.copytree(pristine_store, isolated_env)
    return isolated_env


@pytest.fixture(scope="session")
def session_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shared-store")


@pytest.fixture(scope="session")
def core(session_data_dir: Path, embedder) -> Iterator:
    """A real core over the shipped policy, built once; tests must not write to it."""
    from bot.app import build_core
    from bot.settings import Settings

    settings = Settings(data_dir=session_data_dir)
    # A Wednesday, 11:00 in London: business hours.
    yield build_core(
        settings, embedder=embedder, clock=lambda: datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
    )


@pytest.fixture
def policy_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    shutil.copy(POLICY, folder / POLICY.name)
    return folder
