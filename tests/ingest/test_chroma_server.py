"""The multi-replica set-up: a real Chroma server, reached with HttpClient."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import build_core
from bot.core.models import Message
from bot.settings import Settings

CHROMA = Path(sys.executable).with_name("chroma")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    if not CHROMA.exists() and not shutil.which("chroma"):
        pytest.skip("the chroma server command is not installed")
    port = _free_port()
    process = subprocess.Popen(
        [
            str(CHROMA),
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("the Chroma server did not start")
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_two_replicas_share_what_one_ingest_wrote(chroma_server, embedder, tmp_path):
    first = Settings(data_dir=tmp_path / "replica-1", chroma_url=chroma_server)
    replica_one = build_core(first, embedder=embedder)  # empty server: ingests once
    assert replica_one.store.count() > 50
    assert not (tmp_path / "replica-1" / "chroma").exists()  # nothing embedded locally

    second = Settings(data_dir=tmp_path / "replica-2", chroma_url=chroma_server)
    replica_two = build_core(second, embedder=embedder)
    assert replica_two.store.count() == replica_one.store.count()
    reply = replica_two.assistant.handle(Message(text="what's the out of hours comms number?"))
    assert "07968 149916" in reply.text
