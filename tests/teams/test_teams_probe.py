"""An outside probe: `policybot serve` in a subprocess, posted to like the Bot Connector would."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from fake_connector import FakeConnector
from teams_activities import personal_message

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT = 180.0  # a loaded CI machine can take a minute to load the model


def _free_ports(count: int) -> list[int]:
    """Distinct free ports: all sockets stay open until every port is picked, so the two
    servers can never be handed the same one."""
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [int(s.getsockname()[1]) for s in sockets]


@contextlib.asynccontextmanager
async def _serve(data_dir: Path, log: Path, port: int, **env: str) -> AsyncIterator[str]:
    environment = {**os.environ, "POLICYBOT_DATA_DIR": str(data_dir), **env}
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "serve", "--port", str(port),
            cwd=REPO, env=environment, stdout=out, stderr=out,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        await _wait_ready(base, process, log)
        yield base
    finally:
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            process.kill()
            await process.wait()


async def _wait_ready(base: str, process: asyncio.subprocess.Process, log: Path) -> None:
    deadline = asyncio.get_running_loop().time() + START_TIMEOUT
    async with aiohttp.ClientSession() as http:
        while asyncio.get_running_loop().time() < deadline:
            if process.returncode is not None:
                pytest.fail(f"serve exited {process.returncode}:\n{log.read_text()[-3000:]}")
            with contextlib.suppress(aiohttp.ClientError):
                async with http.get(f"{base}/readyz") as response:
                    if response.status == 200:
                        return
            await asyncio.sleep(0.25)
    pytest.fail(f"serve not ready in {START_TIMEOUT}s:\n{log.read_text()[-3000:]}")


def _seeded(data_dir: Path, store: Path) -> Path:
    """A data dir holding a copy of the session's ingested store: the servers skip the
    first-use ingest (the model load is the slow part that remains)."""
    shutil.copytree(store, data_dir, ignore=shutil.ignore_patterns("policybot.db*"))
    return data_dir


async def test_serve_answers_teams_and_refuses_unsigned_requests_with_credentials(
    tmp_path: Path, connector: FakeConnector, core: Any, session_data_dir: Path
) -> None:
    open_port, secured_port = _free_ports(2)
    anonymous = _serve(
        _seeded(tmp_path / "anon", session_data_dir),
        tmp_path / "anon.log",
        open_port,
        POLICYBOT_TEAMS="1",
    )
    secured = _serve(
        _seeded(tmp_path / "secured", session_data_dir),
        tmp_path / "secured.log",
        secured_port,
        MICROSOFT_APP_ID="00000000-1111-2222-3333-444444444444",
        MICROSOFT_APP_PASSWORD="not-a-real-secret",
    )
    # Both servers start together: each loads the model and ingests the policy once.
    async with anonymous as open_url, secured as secured_url, aiohttp.ClientSession() as http:
        activity = personal_message(
            connector.service_url, "Can I use my personal account to talk about my work at the HRA?"
        )
        async with http.post(f"{open_url}/api/messages", json=activity) as response:
            assert response.status == 202
        [reply] = connector.posted_to(activity["conversation"]["id"])
        assert reply.activity_id == activity["id"]
        assert "— §" in reply.text()  # a quote with its section

        async with http.post(f"{secured_url}/api/messages", json=activity) as response:
            assert response.status == 401
        assert len(connector.posted_to(activity["conversation"]["id"])) == 1
    assert "TEAMS ENDPOINT IS ANONYMOUS" in (tmp_path / "anon.log").read_text()
    assert "TEAMS ENDPOINT IS ANONYMOUS" not in (tmp_path / "secured.log").read_text()
