"""Delivery after a hung PostgreSQL link heals, with the old connections still hung.

A real dispatcher process (default timeouts) reaches PostgreSQL through the tests' TCP
proxy (tests/escalation/tcp_proxy.py, loaded by path: it is test tooling, not a
dependency). With its pool warm, the link hangs (accepts bytes, never answers); a report
is written directly meanwhile; after `hang_s` the link heals for new connections only.
Measured: heal → the report recorded as delivered. The call that hung at the partition
is cut 15 s into it (statement timeout 10 s + 5 s), so a heal after 5 s shows ~10 s.
"""

from __future__ import annotations

import asyncio
import importlib.util
import subprocess
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import make_url

from .measure import REPO

PROXY = REPO / "tests" / "escalation" / "tcp_proxy.py"


@dataclass
class DbHang:
    hang_s: float
    after_heal_s: float
    posted_twice: int


def _proxy_class() -> Any:
    spec = importlib.util.spec_from_file_location("bench_tcp_proxy", PROXY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.TcpProxy


async def measure(
    db_url: str,
    store: Any,
    fake: Any,
    start: Any,
    until: Any,
    record: Any,
    delivered: Any,
    *,
    hang_s: float = 5.0,
) -> DbHang:
    """`start(url)` starts a dispatcher process; the rest are faults.py's helpers."""
    proxy = _proxy_class()("127.0.0.1", make_url(db_url).port or 5432)
    via = make_url(db_url).set(port=proxy.port).render_as_string(hide_password=False)
    proc: subprocess.Popen[bytes] = start(via)
    try:
        warm = record(store, 1, "warm-")
        await until(delivered(store, warm), 60)  # its pool holds live connections now
        proxy.hang()
        ids = record(store, 1, "hung-")
        await asyncio.sleep(hang_s)
        proxy.heal()
        healed = time.monotonic()
        await until(delivered(store, ids), 60)
        after = time.monotonic() - healed
        posted = [i for i in fake.alert_ids() if i in ids]
        return DbHang(hang_s=hang_s, after_heal_s=after, posted_twice=len(posted) - len(ids))
    finally:
        proc.kill()
        proc.wait(timeout=10)
        proxy.stop()
