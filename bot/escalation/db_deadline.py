"""A deadline on every PostgreSQL call, enforced from outside the stuck thread.

libpq has a connect timeout but no client-side timeout for a query or a commit, and
the server's statement_timeout cannot fire when the network in between is hung: a
proxy or a half-dead link that accepts bytes and never answers leaves the calling
thread in poll() forever, and keepalives do not help while the kernel keeps ACKing.
So a connection checked out (or pinged) for longer than the deadline has its socket
shut down from a watcher thread; the blocked call then fails with a disconnect error,
SQLAlchemy drops that connection from the pool, and the next call opens a fresh one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

log = logging.getLogger(__name__)

_busy: dict[int, tuple[float, float, int]] = {}  # id(dbapi conn) -> (started, limit, fd)
_exempt: set[int] = set()  # connections doing long work on purpose (migrations)
_lock = threading.Lock()
_watcher: threading.Thread | None = None
TICK = 0.25


def _fd(dbapi_connection: Any) -> int | None:
    pgconn = getattr(dbapi_connection, "pgconn", None)
    try:
        fd = int(pgconn.socket) if pgconn is not None else -1
    except Exception:  # closed or broken: nothing to cut
        return None
    return fd if fd >= 0 else None


def _start(dbapi_connection: Any, limit: float) -> None:
    fd = _fd(dbapi_connection)
    if fd is None:
        return
    with _lock:
        if id(dbapi_connection) in _exempt:
            return
        _busy[id(dbapi_connection)] = (time.monotonic(), limit, fd)
    _ensure_watcher()


def _end(dbapi_connection: Any) -> None:
    with _lock:
        _busy.pop(id(dbapi_connection), None)


@contextmanager
def exempt(dbapi_connection: Any) -> Iterator[None]:
    """No deadline for this connection while inside (a migration may take minutes)."""
    key = id(dbapi_connection)
    with _lock:
        _exempt.add(key)
        _busy.pop(key, None)
    try:
        yield
    finally:
        with _lock:
            _exempt.discard(key)


def _cut(fd: int) -> None:
    try:
        dup = os.dup(fd)
    except OSError:
        return
    with socket.socket(fileno=dup) as sock, contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _watch() -> None:
    while True:
        time.sleep(TICK)
        now = time.monotonic()
        with _lock:
            overdue = [(k, v) for k, v in _busy.items() if now - v[0] > v[1]]
            for key, _ in overdue:
                _busy.pop(key, None)
        for _, (started, _limit, fd) in overdue:
            log.warning("database call hung for %.0f s: cutting its connection", now - started)
            _cut(fd)


def _ensure_watcher() -> None:
    global _watcher
    if _watcher is not None:
        return
    with _lock:
        if _watcher is None:
            _watcher = threading.Thread(target=_watch, name="db-deadline", daemon=True)
            _watcher.start()


def install(engine: Engine, limit: float) -> None:
    """Cut any connection of `engine` held by one call for more than `limit` seconds."""

    def on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        _start(dbapi_connection, limit)

    def on_checkin(dbapi_connection: Any, _record: Any) -> None:
        _end(dbapi_connection)

    event.listen(engine, "checkout", on_checkout)
    event.listen(engine, "checkin", on_checkin)
    event.listen(engine, "close", on_checkin)
    event.listen(engine, "invalidate", lambda c, _r, _e: _end(c))
    # The pool pings a pooled connection before checkout fires: a connection that hung
    # while idle would hang the ping, so the ping gets the same deadline.
    dialect = engine.dialect
    ping: Callable[[Any], bool] = dialect.do_ping

    def do_ping(dbapi_connection: Any) -> bool:
        _start(dbapi_connection, limit)
        try:
            return ping(dbapi_connection)
        finally:
            _end(dbapi_connection)

    dialect.do_ping = do_ping  # type: ignore[method-assign]
